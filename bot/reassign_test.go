package bot_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"meldbot/bot"
	"meldbot/bot/bottest"
	"meldbot/bot/orgfile"
)

// restartWith starts meldbot again on h's store and clock with an
// organisation file changed by the replacements (old, new, …), as after an
// edit of meldbot.yaml, and hands over what the change asks for.
func restartWith(t *testing.T, h *bottest.Harness, replacements ...string) *bottest.Harness {
	t.Helper()
	org, err := orgfile.Parse("meldbot.yaml", []byte(strings.NewReplacer(replacements...).Replace(string(orgfile.Example))))
	if err != nil {
		t.Fatal(err)
	}
	h2 := bottest.New(t, bottest.WithStore(h.Store), bottest.WithClock(h.Clock), bottest.WithOrg(org))
	if _, err := h2.Bot.ReassignTasks(context.Background()); err != nil {
		t.Fatal(err)
	}
	h2.Flush()
	return h2
}

// A manager in the middle of recording a task's outcome when the task went
// to someone else records nothing: the form ends, and says so.
func TestAFormOfATaskHandedOverRecordsNothing(t *testing.T) {
	h := bottest.New(t)
	n := h.Report(t, "sanne", map[string]string{"police": "[Ik twijfel nog]"})
	h.Advance(time.Hour)
	step(t, h, "peter", "[Gedaan | Steun bij de aangifte]", "Wat is er gedaan?")
	h2 := restartWith(t, h,
		"    email: peter.bakker@voorbeeldrode.nl\n    roles: [manager]\n", "    email: peter.bakker@voorbeeldrode.nl\n",
		"    email: fatima.elamrani@voorbeeldrode.nl\n    roles: [deputy]\n", "    email: fatima.elamrani@voorbeeldrode.nl\n    roles: [manager]\n")
	h2.Expect(t, "fatima", "Deze taak komt nu bij jou: Peter Bakker heeft die rol niet meer", "Steun bij de aangifte")
	step(t, h2, "peter", "Aangifte gedaan", "registratienummer")
	step(t, h2, "peter", "PV-2026-9", "Deze taak kan ik niet voor je openen", "!Vastgelegd")
	if inc := incident(t, h2, n); inc.PoliceOutcome() != "" || inc.Recorded.Text("police_reference") != "" {
		t.Errorf("the outcome was recorded: %q %q", inc.PoliceOutcome(), inc.Recorded.Text("police_reference"))
	}
	if task := task(t, h2, n+"/police"); task.State == bot.TaskDone || task.Assignee != "fatima.elamrani@voorbeeldrode.nl" {
		t.Errorf("the police task: %s, %s", task.State, task.Assignee)
	}
	// Fatima records it.
	step(t, h2, "fatima", "[Gedaan | Steun bij de aangifte]", "Wat is er gedaan?")
	step(t, h2, "fatima", "[Aangifte gedaan]")
	step(t, h2, "fatima", "PV-2026-9", "✓ Vastgelegd bij "+n)
}

// The check-ins of someone who is not (or no longer) in the organisation
// file stay theirs: they are for the person themselves.
func TestCheckInsStayWithThePersonWhoLeftTheFile(t *testing.T) {
	h := bottest.New(t)
	n := h.Report(t, "sanne", map[string]string{"checkin": "[Ja, graag]"})
	h2 := restartWith(t, h, "  - name: Sanne Visser\n    email: sanne.visser@voorbeeldrode.nl\n    department: publiekszaken\n", "")
	if got := task(t, h2, n+"/check_in/sanne.visser@voorbeeldrode.nl/1").Assignee; got != "sanne.visser@voorbeeldrode.nl" {
		t.Errorf("Sanne's check-in went to %s", got)
	}
	h2.Quiet(t, "karin", "Taken overgedragen")
}

// Started again on an organisation file in which every assignee still
// fits their tasks, meldbot hands nothing over and changes nothing: it
// looks through the tasks without holding up anyone's answer.
func TestNothingToHandOverChangesNothing(t *testing.T) {
	h := bottest.New(t)
	h.Report(t, "sanne", map[string]string{"police": "[Ik twijfel nog]"})
	h.Advance(time.Hour)
	store := &countingStore{Store: h.Store}
	h2 := bottest.New(t, bottest.WithStore(store), bottest.WithClock(h.Clock))
	moved, err := h2.Bot.ReassignTasks(context.Background())
	if err != nil || len(moved) != 0 {
		t.Fatalf("moved %v, %v; want nothing", moved, err)
	}
	if n := store.updates.Load(); n != 0 {
		t.Errorf("handing over nothing made %d read-write transactions, want none", n)
	}
}
