package bot_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"meldbot/bot"
	"meldbot/bot/bottest"
	"meldbot/bot/orgfile"
)

// A task closed before its timer fires is re-checked and stays quiet.
func TestTaskClosedBeforeItFiresStaysQuiet(t *testing.T) {
	h := bottest.New(t)
	n := h.Report(t, "sanne", nil)
	var old bot.Action
	for _, s := range h.Chat.Sent() {
		if strings.Contains(s.Message.Text, "Eerste opvang") {
			old = bot.Action{User: h.User("peter"), Ref: s.Ref, Value: s.Message.Choices[0].Value}
		}
	}
	step(t, h, "peter", "[Gedaan | Eerste opvang]", "Gedaan door Peter Bakker (vr 27 nov 2026, 15:00)")
	// The timer of a task closed in the same moment it was planned may
	// still be set, and a task closed before its deadline (not needed) was
	// never reminded: firing re-reads the task and lets it go quietly.
	closed := task(t, h, n+"/first_care")
	closed.Next, closed.Reminded = h.Clock.Now().Add(time.Hour), false
	if err := h.Store.Update(context.Background(), func(tx bot.Tx) error { return tx.PutTask(closed) }); err != nil {
		t.Fatal(err)
	}
	h.Advance(4 * 24 * time.Hour)
	h.Quiet(t, "peter", "Eerste opvang")
	h.Quiet(t, "karin", "Eerste opvang")
	if tk := task(t, h, n+"/first_care"); tk.State != bot.TaskDone || !tk.Next.IsZero() {
		t.Errorf("task = %s next %v", tk.State, tk.Next)
	}
	// The closed task has no buttons left; a stale click says so.
	if err := h.ClickOn(h.User("peter"), "Eerste opvang", "Gedaan"); err == nil {
		t.Error("the closed task still has buttons")
	}
	h.Handle(old)
	h.Expect(t, "peter", "Deze taak is al afgerond.")
}

func TestSnoozeAsksAgainLater(t *testing.T) {
	h := bottest.New(t)
	h.Report(t, "sanne", nil)
	step(t, h, "peter", "[Later | Eerste opvang]", "Wanneer zal ik het je opnieuw vragen?", "Over een uur", "Volgende werkdag", "Volgende week")
	step(t, h, "peter", "[Over een uur]", "Goed, ik vraag het je opnieuw op vr 27 nov 2026, 16:00.")
	h.Expect(t, "peter", "Eerste opvang", "Ik vraag het opnieuw op vr 27 nov 2026, 16:00.")
	h.Advance(59 * time.Minute)
	h.Quiet(t, "peter", "Eerste opvang")
	h.Advance(time.Minute)
	h.Expect(t, "peter", "Je vroeg me later opnieuw te vragen naar *Eerste opvang*.", "Ik pak het op")

	// "Morgenochtend" means the next working morning: Monday.
	step(t, h, "peter", "[Later | Eerste opvang]")
	step(t, h, "peter", "[Volgende werkdag]", "ma 30 nov 2026, 08:30")
}

func TestNotNeededNeedsAReason(t *testing.T) {
	h := bottest.New(t)
	n := h.Report(t, "sanne", nil)
	h.Advance(time.Hour)
	// The question is asked once, not twice in other words.
	got := step(t, h, "peter", "[Niet nodig | Contact vandaag]", `Je geeft aan dat "Contact vandaag" (`+n+") niet nodig is.",
		"Waarom is deze taak niet nodig?", "!Waarom is \"Contact vandaag\"", "!coördinator")
	if n := strings.Count(got, "?"); n != 1 {
		t.Errorf("%d questions asked at once:\n%s", n, got)
	}
	step(t, h, "peter", "x", "Dat is wat kort")
	step(t, h, "peter", "al gesproken bij de eerste opvang", "Vastgelegd: deze taak is niet nodig")
	// Not needed is not done: no ✓.
	if d := h.Expect(t, "peter", "Contact vandaag", "⊘ Niet nodig volgens Peter Bakker (vr 27 nov 2026, 16:00): al gesproken bij de eerste opvang"); strings.Contains(d.Text, "✓") {
		t.Errorf("a task not needed shows as done:\n%s", d.Text)
	}
	h.Quiet(t, "karin", "Contact vandaag") // not serious: the coordinator is not told
	tk := task(t, h, n+"/contact_today")
	last := tk.History[len(tk.History)-1]
	if tk.State != bot.TaskNotNeeded || last.By != "peter.bakker@voorbeeldrode.nl" || last.Note != "al gesproken bij de eerste opvang" {
		t.Errorf("task %s, last history %+v", tk.State, last)
	}
	// Stopping the form leaves the task open.
	step(t, h, "peter", "[Niet nodig | Reactie richting de dader]", "Waarom is")
	step(t, h, "peter", "stop", "Gestopt; er is niets vastgelegd. De taak staat nog open.")
	if tk := task(t, h, n+"/offender"); tk.State != bot.TaskOpen {
		t.Errorf("offender task %s after stopping the form", tk.State)
	}
}

func TestTasksCommandListsMyOpenTasks(t *testing.T) {
	h := bottest.New(t)
	step(t, h, "peter", "/incident taken", "Je hebt geen openstaande taken.")
	h.Report(t, "sanne", nil)
	h.Advance(time.Hour)
	got := step(t, h, "peter", "/incident taken", "Je hebt 3 openstaande taken:", "Eerste opvang", "Contact vandaag", "Reactie richting de dader")
	if !(strings.Index(got, "Eerste opvang") < strings.Index(got, "Contact vandaag") && strings.Index(got, "Contact vandaag") < strings.Index(got, "Reactie richting")) {
		t.Errorf("not ordered by deadline:\n%s", got)
	}
	// The listed copy has the same buttons; acting on it redraws every copy.
	step(t, h, "peter", "[Ik pak het op | Eerste opvang]")
	if n := strings.Count(bottest.FormatDeliveries(h.Received()), "Opgepakt door Peter Bakker"); n != 2 {
		t.Errorf("%d copies redrawn, want 2:\n%s", n, bottest.FormatDeliveries(h.Received()))
	}
	step(t, h, "alex", "/incident tasks", "You have no open tasks.")
}

func TestOnlyThoseInvolvedMayActOnATask(t *testing.T) {
	h := bottest.New(t)
	h.Report(t, "sanne", nil)
	var value string
	for _, s := range h.Chat.Sent() {
		if s.To == "peter.bakker@voorbeeldrode.nl" && strings.Contains(s.Message.Text, "Eerste opvang") {
			value = s.Message.Choices[0].Value
		}
	}
	h.Handle(bot.Action{User: h.User("tom"), Value: value})
	h.Expect(t, "tom", "Deze taak kan ik niet voor je openen")
	// The coordinator may.
	h.Handle(bot.Action{User: h.User("karin"), Value: value})
	h.Expect(t, "peter", "Opgepakt door Karin de Vries")
}

// policeFormOverAReport files Sanne's report, undecided about the police,
// and has Peter, halfway a report of his own, open the form of the police
// task an hour later. It returns Sanne's incident number.
func policeFormOverAReport(t *testing.T, h *bottest.Harness) string {
	t.Helper()
	n := h.Report(t, "sanne", map[string]string{"police": "[Ik twijfel nog]"})
	h.Advance(time.Hour)
	step(t, h, "peter", "/incident")
	step(t, h, "peter", "2", "Hoe was het contact?")
	step(t, h, "peter", "[Gedaan | Steun bij de aangifte]", "Wat is er gedaan?")
	return n
}

func TestATaskFormWaitsForNoReportAndGivesItBack(t *testing.T) {
	h := bottest.New(t)
	n := policeFormOverAReport(t, h)
	got := step(t, h, "peter", "[Geen aangifte of melding]", "✓ Vastgelegd bij "+n, "We gaan verder met je melding", "Hoe was het contact?")
	// The confirmation comes first, the report's question last.
	if i, j, k := strings.Index(got, "✓ Vastgelegd"), strings.Index(got, "We gaan verder"), strings.LastIndex(got, "Hoe was het contact?"); !(i < j && j < k) {
		t.Errorf("the confirmation does not come before the report's question:\n%s", got)
	}
	step(t, h, "peter", "[Telefonisch]", "Wanneer gebeurde het?")
}

func TestDeadlinesSkipWeekendsAndPublicHolidays(t *testing.T) {
	h := bottest.New(t)
	h.Clock.Set(at(h, 2026, 12, 24, 15, 0)) // Thursday before Christmas
	h.Report(t, "sanne", map[string]string{"police": "[Ja, ik doe aangifte]"})
	// 4 working hours: 2 on Thursday; Christmas, Boxing Day and the weekend
	// are skipped; 2 on Monday.
	h.Expect(t, "peter", "Eerste opvang", "Graag uiterlijk ma 28 dec 2026, 10:30")
	// Two working days end at the close of the second: Monday and Tuesday.
	h.Advance(time.Hour)
	h.Expect(t, "peter", "Steun bij de aangifte", "Graag uiterlijk di 29 dec 2026, 17:00")
	cal := h.Bot.Calendar()
	if cal.IsWorkday(at(h, 2026, 12, 25, 12, 0)) {
		t.Error("Christmas Day 2026, a Friday, counted as a working day")
	}
	if cal.IsWorkday(at(h, 2027, 4, 27, 12, 0)) {
		t.Error("King's Day 2027 counted as a working day")
	}
}

func TestTimingsComeFromTheOrganisationFile(t *testing.T) {
	yaml := strings.Replace(string(orgfile.Example), "working_hours:", `timings:
  first_care_working_hours: 1
  offender_reaction: 24h
working_hours:`, 1)
	org, err := orgfile.Parse("test.yaml", []byte(yaml))
	if err != nil {
		t.Fatal(err)
	}
	h := bottest.New(t, bottest.WithOrg(org))
	h.Report(t, "sanne", nil)
	h.Expect(t, "peter", "Eerste opvang", "Graag uiterlijk vr 27 nov 2026, 16:00")
	// 24 hours toward the offender are one working day: never the weekend.
	h.Advance(time.Hour)
	h.Expect(t, "peter", "Reactie richting de dader", "Graag uiterlijk ma 30 nov 2026, 17:00")
}

func TestMessagesAreInTheRecipientsLanguage(t *testing.T) {
	// Alex reads English; his manager Ingrid reads Dutch.
	h := bottest.New(t)
	step(t, h, "alex", "/incident", "What happened?")
	step(t, h, "alex", "1", "How was the contact?")
	for _, in := range []string{"[In person]", "[Just now]", "[Stadhuis]", "A client shouted at me at the counter about his benefit.",
		"[Unknown]", "[One person]", "[No]", "[No]", "[No]", "[Little]", "[No witnesses]", "[No]", "[No]", "[Not now]", "[No]", "[No]"} {
		step(t, h, "alex", in)
	}
	step(t, h, "alex", "[Yes, please]", "Summary of your report")
	step(t, h, "alex", "[Send]", "Your manager, Ingrid Mulder, is told now for first care")
	h.Expect(t, "ingrid", "Eerste opvang", "Over: Alex Morgan")
	advanceTo(h, at(h, 2026, 12, 2, 8, 30))
	h.Expect(t, "alex", "How are you doing?", "I'd like to talk")
}

// Someone with many open tasks gets them a page at a time: the first five
// with their buttons and a button for the next five, not one message per
// task without end.
func TestTasksCommandShowsAPageAtATime(t *testing.T) {
	h := bottest.New(t)
	for range 4 {
		h.Report(t, "sanne", nil)
	}
	h.Advance(time.Hour)
	got := step(t, h, "peter", "/incident taken", "Je hebt 12 openstaande taken. Hier staan nummer 1 tot en met 5", "Er staan nog 7 taken open", "/incident taken 2*")
	if n := taskMessages(h, "peter"); n != 5 {
		t.Errorf("page 1 holds %d tasks, want 5:\n%s", n, got)
	}
	step(t, h, "peter", "[Volgende taken]", "Hier staan nummer 6 tot en met 10", "Er staan nog 2 taken open", "/incident taken 3*")
	if n := taskMessages(h, "peter"); n != 5 {
		t.Errorf("page 2 holds %d tasks, want 5", n)
	}
	got = step(t, h, "peter", "/incident taken 3", "Hier staan nummer 11 tot en met 12")
	if strings.Contains(got, "Volgende taken") || taskMessages(h, "peter") != 2 {
		t.Errorf("the last page offers more, or holds the wrong tasks:\n%s", got)
	}
	step(t, h, "peter", "/incident taken 99", "Hier staan nummer 11 tot en met 12")
}

// taskMessages counts the task messages with buttons the person received
// in the last step.
func taskMessages(h *bottest.Harness, who string) int {
	n := 0
	for _, d := range h.Received() {
		if d.To == h.User(who).Email && slices.Contains(d.Choices, "Gedaan") {
			n++
		}
	}
	return n
}

// A button a task does not have now — "Ik pak het op" once it was taken
// up, or a check-in's answer sent for first care — changes nothing, and
// says so.
func TestAButtonATaskDoesNotHaveChangesNothing(t *testing.T) {
	h := bottest.New(t)
	n := h.Report(t, "sanne", nil)
	step(t, h, "peter", "[Ik pak het op | Eerste opvang]", "Opgepakt door Peter Bakker")
	for _, action := range []string{"ack", "fine", "ok", "defect"} {
		before := len(h.Chat.Sent())
		h.Handle(bot.Action{User: h.User("peter"), Value: "t:" + n + "/first_care:" + action})
		got := h.Chat.Sent()[before:]
		if len(got) == 0 || !strings.Contains(got[len(got)-1].Message.Text, "Die knop hoort bij een eerdere stand van deze taak") {
			t.Errorf("%s: %+v", action, got)
		}
	}
	if task := task(t, h, n+"/first_care"); task.State != bot.TaskAcknowledged || len(task.Outcome) != 0 {
		t.Errorf("first care is %s with outcome %v", task.State, task.Outcome)
	}
}
