package e2e

import (
	"strings"
	"testing"

	"meldbot/bot/bottest"
)

// beforeCrash is the first half of a report, up to the question about the
// other party.
const beforeCrash = `
sanne> /incident
  < Wat is er gebeurd?
sanne> [Bedreiging]
  < ✓ Bedreiging
sanne> [Verder]
  < Hoe was het contact?
sanne> [Persoonlijk]
  < Wanneer gebeurde het?
sanne> [Zojuist]
  < Waar gebeurde het?
sanne> [Wijkpost Noord]
  < Vertel in je eigen woorden
sanne> Een bezoeker dreigde aan de balie dat hij terug zou komen om verhaal te halen.
  < Wie was de andere partij?
`

// afterCrash finishes the report. Sanne asks to talk to someone now, so her
// manager hears at once whatever day and hour the suite runs. Its first click is on the question that
// was posted before the crash.
const afterCrash = `
sanne> [Onbekend]
  < Om hoeveel personen ging het?
sanne> [Eén persoon]
  < Was er een wapen in het spel
sanne> [Nee]
  < Ben je gewond geraakt?
sanne> [Nee]
  < Ben je door het incident afwezig van je werk
sanne> [Nee]
  < Is er materiële schade?
sanne> [Nee]
  < Hoeveel impact heeft het op je?
sanne> [Enigszins]
  < Waren er getuigen?
sanne> Geen getuigen
  < Was er een beveiliger bij betrokken?
sanne> [Nee]
  < Moet de werkplek worden aangepast?
sanne> [Nee]
  < Wil je nu iemand spreken?
sanne> [Ja, graag]
  < Doe je aangifte bij de politie?
sanne> [Ik twijfel nog]
  < Mag ik over een paar dagen vragen hoe het met je gaat?
sanne> [Nee, dank je]
  < Samenvatting van je melding
  < Wat: Bedreiging
  < Contact: Persoonlijk
  < Wijkpost Noord
  < Een bezoeker dreigde aan de balie dat hij terug zou komen
sanne> [Versturen]
  < Je melding is geregistreerd onder nummer *GIR-
  karin< Nieuwe melding *GIR-
  peter< Eerste opvang
`

// TestCrashHalfwayThroughAReport kills meldbot with SIGKILL in the middle of
// a report and starts it again on the same data file. Sanne answers the
// question that was waiting for her, on the post she already had, and
// finishes: nothing she answered is lost and no question comes twice.
func TestCrashHalfwayThroughAReport(t *testing.T) {
	w := need(t)
	w.startMeldbot(t)
	bottest.Run(t, w.d, beforeCrash, w.user)

	w.killMeldbot()
	restart := w.d.position()
	w.startMeldbot(t)

	bottest.Run(t, w.d, afterCrash, w.user)

	asked := []string{"Wat is er gebeurd?", "Hoe was het contact?", "Wanneer gebeurde het?", "Waar gebeurde het?",
		"Vertel in je eigen woorden", "Wie was de andere partij?"}
	for _, dl := range w.d.since(restart) {
		if dl.To != sanne || dl.Update {
			continue
		}
		for _, q := range asked {
			if strings.Contains(dl.Text, q) && !strings.Contains(dl.Text, "Samenvatting") {
				t.Errorf("after the restart meldbot asked again %q:\n%s\n(post %s, update %v, choices %q)", q, dl.Text, dl.post.Id, dl.Update, dl.Choices)
			}
		}
	}
}
