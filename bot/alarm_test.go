package bot_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"meldbot/bot"
	"meldbot/bot/bottest"
	"meldbot/bot/register"
)

// A kind of incident counts as reported before when the register holds it,
// also after the incident's personal data and tasks were removed at the
// end of the retention period: only a kind the register never held raises
// the question whether the risk inventory needs updating (C8).
func TestAPurgedIncidentStillCountsForNewKinds(t *testing.T) {
	h := bottest.New(t)
	long := h.Clock.Now().AddDate(-7, 0, 0)
	if err := h.Store.Update(context.Background(), func(tx bot.Tx) error {
		for i := range 10 {
			if err := tx.PutRow(register.Row{Number: fmt.Sprintf("GIR-2019-%04d", i+1), Occurred: long.Add(time.Duration(i) * time.Hour),
				Categories: []register.Category{register.CatVerbal}}); err != nil {
				return err
			}
		}
		return tx.PutRow(register.Row{Number: "GIR-2019-0011", Occurred: long.Add(11 * time.Hour),
			Categories: []register.Category{register.CatDiscrimination}, ClosedAt: long.AddDate(0, 1, 0), Purged: true})
	}); err != nil {
		t.Fatal(err)
	}
	h.Report(t, "sanne", map[string]string{"categories": "5"})
	h.Quiet(t, "karin", "RI&E actualiseren?")
	n := h.Report(t, "sanne", map[string]string{"categories": "4"})
	// The nudge is a duty that may go on to the town clerk: it names the
	// kind, not the incident.
	d := h.Expect(t, "karin", "RI&E actualiseren?", "Er is voor het eerst een incident van deze soort gemeld: Seksuele intimidatie")
	if strings.Contains(d.Text, n) {
		t.Errorf("the nudge names the incident:\n%s", d.Text)
	}
}
