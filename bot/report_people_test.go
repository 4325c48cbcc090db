package bot_test

import (
	"strings"
	"testing"

	"meldbot/bot"
	"meldbot/bot/bottest"
)

// Witnesses named by first name are matched against the organisation and
// confirmed; a name the reporter says is someone else stays as typed. The
// colleagues recognised are offered aftercare, the others are not.
func TestReportRecognisesWitnessesByName(t *testing.T) {
	h := bottest.New(t)
	toDescription(t, h)
	h.AnswerUntil(t, "sanne", nil, "witnesses")
	step(t, h, "sanne", "Fatima en Ahmed, en een bezoeker", "*Bedoel je Fatima El Amrani?*", "Ja | Nee, iemand anders")
	step(t, h, "sanne", "[Ja]", "*Bedoel je Ahmed Ouali?*")
	step(t, h, "sanne", "[Nee, iemand anders]", "Genoteerd: Fatima El Amrani (collega), Ahmed, een bezoeker", "Was er een beveiliger bij betrokken?")
	h.AnswerUntil(t, "sanne", nil, "summary")
	h.Expect(t, "sanne", "Getuigen: Fatima El Amrani, Ahmed, een bezoeker")
	step(t, h, "sanne", "[Versturen]", "GIR-2026-0001")
	h.Expect(t, "fatima", "Je bent genoemd als getuige", "Mag ik over een paar dagen vragen")
	for _, d := range h.To("ahmed") {
		if strings.Contains(d.Text, "getuige") {
			t.Errorf("Ahmed, said to be someone else, was offered aftercare:\n%s", d.Text)
		}
	}
	inc := storedIncident(t, h, "GIR-2026-0001")
	if got := inc.Report["witnesses"]; got.Text != "Fatima El Amrani, Ahmed, een bezoeker" ||
		strings.Join(got.People, ",") != "fatima.elamrani@voorbeeldrode.nl" {
		t.Errorf("witnesses stored as %+v", got)
	}
}

// A first name several colleagues share is asked about with a button per
// colleague; typing a surname picks one, and full names need no question.
func TestReportAsksWhichColleagueWasMeant(t *testing.T) {
	org := bottest.SampleOrg(t)
	org.People = append(org.People, bot.Person{Email: "fatima.bos@voorbeeldrode.nl", Name: "Fatima Bos", Department: "publiekszaken"})
	h := bottest.New(t, bottest.WithOrg(org))
	toDescription(t, h)
	h.AnswerUntil(t, "sanne", nil, "witnesses")
	step(t, h, "sanne", "Fatima", `*Wie bedoel je met "Fatima"?*`, "Fatima El Amrani | Fatima Bos | Iemand anders")
	step(t, h, "sanne", "Bos", "Genoteerd: Fatima Bos (collega)")
	step(t, h, "sanne", "terug", "Waren er getuigen?", "(Je vorige antwoord: Fatima Bos)")
	step(t, h, "sanne", "Tom Smit en mevrouw Jansen van de bibliotheek", "Genoteerd: Tom Smit (collega), mevrouw Jansen van de bibliotheek", "!Bedoel je")
	h.AnswerUntil(t, "sanne", nil, "summary")
	step(t, h, "sanne", "[Versturen]", "GIR-2026-0001")
	h.Expect(t, "tom", "Je bent genoemd als getuige")
}

// "Geen" at the question which colleague was meant says it was none of
// them: the name stays as typed, not a witness called "geen".
func TestReportNoneOfTheColleaguesKeepsTheNameAsTyped(t *testing.T) {
	org := bottest.SampleOrg(t)
	org.People = append(org.People, bot.Person{Email: "fatima.bos@voorbeeldrode.nl", Name: "Fatima Bos", Department: "publiekszaken"})
	h := bottest.New(t, bottest.WithOrg(org))
	toDescription(t, h)
	h.AnswerUntil(t, "sanne", nil, "witnesses")
	step(t, h, "sanne", "Fatima", `*Wie bedoel je met "Fatima"?*`)
	step(t, h, "sanne", "geen van beiden", "Genoteerd: Fatima", "!geen", "!Fatima Bos", "!Fatima El Amrani")
}

// A report made for a colleague speaks about that colleague throughout: the
// questions and their buttons, the help, the summary and what happens next.
func TestReportForAColleagueSpeaksAboutThem(t *testing.T) {
	h := bottest.New(t)
	step(t, h, "ahmed", "/incident voor tom", "Je meldt een incident voor Tom Smit")
	h.AnswerUntil(t, "ahmed", map[string]string{"categories": "2"}, "injury")
	h.Expect(t, "ahmed", "*Is Tom gewond geraakt?*")
	step(t, h, "ahmed", "help", "Heeft Tom medische zorg nodig", "!Heb je")
	h.AnswerUntil(t, "ahmed", nil, "police")
	step(t, h, "ahmed", "help", "Bij aangifte vraagt Tom de politie", "!met jou als getuige",
		"*Doet Tom aangifte bij de politie?*", "Tom doet aangifte | Tom heeft al aangifte gedaan | Tom twijfelt nog | Nee")
	step(t, h, "ahmed", "[Nee]", "*Wil Tom dat de politie het incident wel vastlegt als melding?*")
	step(t, h, "ahmed", "[Ja]", "Samenvatting van je melding", "Over: Tom Smit (tom.smit@voorbeeldrode.nl)", "Aangifte: Nee")
	got := step(t, h, "ahmed", "[Versturen]",
		"Toms leidinggevende, Henk de Boer, krijgt nu bericht voor de eerste opvang. Tom hoort van mij dat je dit hebt gemeld.",
		"Toms leidinggevende regelt dat de politie het incident vastlegt als melding.",
		"Ik vraag Tom of ik over een paar dagen mag informeren hoe het gaat.")
	if strings.Contains(got, "Je leidinggevende") || strings.Contains(got, "met je gaat") {
		t.Errorf("the closing text speaks to the reporter as if it happened to him:\n%s", got)
	}
}
