package bot_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"meldbot/bot"
	"meldbot/bot/bottest"
	"meldbot/bot/policy"
)

// alarmTest starts the monthly alarm test (F2) of the Gemeentewerf and
// reports a defect, which becomes a repair task for Linda (F3).
func alarmTest(t *testing.T, h *bottest.Harness) string {
	t.Helper()
	duty := policy.Duty{Row: "F2", Role: policy.RoleFacility, Scope: policy.ScopeLocation, Kind: policy.DutyAlarmTest, DueWorkingDays: 5}
	occ := policy.Occurrence{Duty: duty, Period: "2026-11", Scope: "werf", At: h.Clock.Now()}
	if _, err := h.Bot.StartOccurrence(context.Background(), occ); err != nil {
		t.Fatal(err)
	}
	h.Flush()
	step(t, h, "linda", "[Defect gevonden | Alarmtest]", "Wat werkt er niet")
	step(t, h, "linda", "De alarmknop in de kantine geeft geen melding.", "Defect herstellen")
	return occ.Key() + "/repair"
}

// reminders counts the reminders about the repair that who received.
func reminders(h *bottest.Harness, who string) int {
	n := 0
	for _, d := range h.To(who) {
		if d.Contains("Defect herstellen") && d.Contains("Herinnering") {
			n++
		}
	}
	return n
}

// A defect taken up and then snoozed past its deadline is still chased
// every week once the snooze ends: it stays open until it is fixed (F3).
func TestARepairSnoozedPastItsDeadlineIsStillChasedWeekly(t *testing.T) {
	h := bottest.New(t)
	id := alarmTest(t, h)
	step(t, h, "linda", "[Ik pak het op | Defect herstellen]", "Opgepakt door Linda Hendriks")
	advanceTo(h, at(h, 2026, 12, 7, 9, 0)) // past the deadline of 5 working days
	h.Expect(t, "linda", "Herinnering", "Defect herstellen")
	step(t, h, "linda", "[Later | Defect herstellen]")
	step(t, h, "linda", "[Volgende week]", "Goed, ik vraag het je opnieuw op")
	h.Advance(8 * 24 * time.Hour)
	h.Expect(t, "linda", "Je vroeg me later opnieuw te vragen naar *Defect herstellen*.")
	if tk := task(t, h, id); tk.State != bot.TaskAcknowledged || tk.Next.IsZero() {
		t.Fatalf("after the snooze the repair is %s, next %v; want acknowledged and chased", tk.State, tk.Next)
	}
	h.Advance(3 * 7 * 24 * time.Hour)
	if n := reminders(h, "linda"); n != 3 {
		t.Errorf("%d reminders in the three weeks after the snooze, want 3:\n%s", n, bottest.FormatDeliveries(h.To("linda")))
	}
}

// Where nobody is above the assignee, the task is not escalated but the
// assignee keeps being reminded; the history says once that there was
// nobody to pass it on to.
func TestWithNobodyToEscalateToTheAssigneeIsReminded(t *testing.T) {
	org := bottest.SampleOrg(t)
	for i, p := range org.People {
		switch p.Name {
		case "Karin de Vries":
			org.People[i].Roles = nil
		case "Linda Hendriks":
			org.People[i].Roles = append(org.People[i].Roles, policy.RoleCoordinator)
		}
	}
	h := bottest.New(t, bottest.WithOrg(org))
	id := alarmTest(t, h)
	if tk := task(t, h, id); len(tk.Fallback) != 0 {
		t.Fatalf("repair falls back to %v; the test wants nobody above Linda", tk.Fallback)
	}
	h.Advance(6 * 7 * 24 * time.Hour)
	if n := reminders(h, "linda"); n < 5 {
		t.Errorf("%d reminders in six weeks, want weekly:\n%s", n, bottest.FormatDeliveries(h.To("linda")))
	}
	tk := task(t, h, id)
	if tk.State != bot.TaskOpen || tk.Next.IsZero() {
		t.Errorf("repair is %s, next %v; want open and chased", tk.State, tk.Next)
	}
	var lines []string
	for _, e := range tk.History {
		lines = append(lines, string(e.What))
	}
	if n := strings.Count(strings.Join(lines, " "), "not_escalated"); n != 1 {
		t.Errorf("history says %d times that nobody was above Linda, want once: %v", n, lines)
	}
}
