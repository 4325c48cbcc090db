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

// unhurriedFails fails the next unhurried changes (bot.Unhurried), as many
// as cut says.
type unhurriedFails struct {
	bot.Store
	cut int
}

func (s *unhurriedFails) Update(ctx context.Context, fn func(bot.Tx) error) error {
	if s.cut > 0 && bot.IsUnhurried(ctx) {
		s.cut--
		return errDiskFull
	}
	return s.Store.Update(ctx, fn)
}

// A sent report is answered as soon as it is saved; its follow-up — the
// manager's first care, the coordinator's notice — comes in a change of
// its own. When that change is cut short (a crash or a full disk right
// after the report was saved), nothing of it is half done, and the next
// round of due tasks (at start, and every half minute) does it, once.
func TestAReportWhoseFollowUpWasCutShortIsFollowedUpByTheDueTasks(t *testing.T) {
	s := &unhurriedFails{Store: bottest.NewMemStore()}
	h := bottest.New(t, bottest.WithStore(s))
	toSummary(t, h)
	s.cut = 1
	step(t, h, "sanne", "[Versturen]", "GIR-2026-0001", "Je leidinggevende, Peter Bakker,")
	if s.cut != 0 {
		t.Fatal("the report was followed up in the change that saved it")
	}
	h.Quiet(t, "peter", "Eerste opvang")
	if tasks := tasksOf(t, h, "GIR-2026-0001"); len(tasks) != 0 {
		t.Fatalf("a follow-up cut short left %d tasks", len(tasks))
	}

	h.Fire()
	h.Expect(t, "peter", "*Eerste opvang* — GIR-2026-0001", "Over: Sanne Visser")
	tasks := tasksOf(t, h, "GIR-2026-0001")
	if len(tasks) == 0 {
		t.Fatal("no tasks after the due tasks ran")
	}
	if row := storedRow(t, h, "GIR-2026-0001"); !row.CareOpen {
		t.Errorf("the register row does not count the first care the follow-up gave: %+v", row)
	}
	h.Fire()
	h.Quiet(t, "peter", "Eerste opvang")
	if again := tasksOf(t, h, "GIR-2026-0001"); len(again) != len(tasks) {
		t.Errorf("the follow-up was done twice: %d tasks, then %d", len(tasks), len(again))
	}
}

// tasksOf returns the stored tasks of an incident.
func tasksOf(t *testing.T, h *bottest.Harness, number string) []bot.Task {
	t.Helper()
	return bottest.Read(t, h.Store, func(tx bot.Tx) ([]bot.Task, error) { return tx.TasksOfIncident(number) })
}

// storedRow returns the register row of an incident.
func storedRow(t *testing.T, h *bottest.Harness, number string) register.Row {
	t.Helper()
	return bottest.Read(t, h.Store, func(tx bot.Tx) (register.Row, error) { return tx.Row(number) })
}

// A report whose follow-up is still to come is open: it has duties to
// come. Its audit trail and the register do not say it was closed and
// opened again, and while the follow-up waits (a crash came in between)
// the incident is not shown or counted as closed.
func TestAReportWaitingForItsFollowUpIsNeverClosed(t *testing.T) {
	s := &unhurriedFails{Store: bottest.NewMemStore()}
	h := bottest.New(t, bottest.WithStore(s))
	toSummary(t, h)
	s.cut = 1
	step(t, h, "sanne", "[Versturen]", "GIR-2026-0001")
	if inc := storedIncident(t, h, "GIR-2026-0001"); inc.Status != bot.StatusOpen {
		t.Errorf("a report waiting for its follow-up is %q", inc.Status)
	}
	if row := storedRow(t, h, "GIR-2026-0001"); !row.ClosedAt.IsZero() {
		t.Errorf("the register counts a report waiting for its follow-up as closed at %v", row.ClosedAt)
	}
	h.Fire()
	if err := h.Store.View(context.Background(), func(tx bot.Tx) error {
		entries, err := tx.AuditOf("GIR-2026-0001")
		for _, e := range entries {
			if e.Action == bot.AuditChange && strings.HasPrefix(e.What, "status=") {
				t.Errorf("the audit trail of a new report records %s", e.What)
			}
		}
		return err
	}); err != nil {
		t.Fatal(err)
	}
}

// A kind of incident never reported before raises the question whether
// the risk inventory needs updating once, also when two reports of it are
// saved before either is followed up (sent at the same moment, or the
// follow-up of the first cut short by a crash): each report compares with
// the others' rows, and one waiting for its follow-up does not count as
// having been followed up.
func TestTwoReportsOfANewKindBeforeEitherIsFollowedUpRaiseTheNudgeOnce(t *testing.T) {
	s := &unhurriedFails{Store: bottest.NewMemStore()}
	h := bottest.New(t, bottest.WithStore(s))
	long := h.Clock.Now().AddDate(-1, 0, 0)
	if err := h.Store.Update(context.Background(), func(tx bot.Tx) error {
		for i := range 10 {
			if err := tx.PutRow(register.Row{Number: fmt.Sprintf("GIR-2025-%04d", i+1), Occurred: long.Add(time.Duration(i) * time.Hour),
				Categories: []register.Category{register.CatVerbal}}); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	step(t, h, "sanne", "/incident", "Wat is er gebeurd?")
	h.AnswerUntil(t, "sanne", map[string]string{"categories": "4"}, "summary")
	s.cut = 1
	step(t, h, "sanne", "[Versturen]", "GIR-2026-0001")
	h.Report(t, "sanne", map[string]string{"categories": "4"})
	h.Fire()
	nudges := 0
	for _, d := range h.Delivered() {
		if d.To == h.User("karin").Email && !d.Update && strings.Contains(d.Text, "RI&E actualiseren?") {
			nudges++
		}
	}
	if nudges != 1 {
		t.Errorf("the coordinator was asked %d times to look at the risk inventory for a new kind, not once", nudges)
	}
}

// The deadlines of a report's tasks count from the report, also when its
// follow-up was cut short and done hours later, after a restart: the
// manager has until the same moment to give first care as when nothing
// had gone wrong.
func TestAFollowUpDoneLaterKeepsTheDeadlinesOfTheReport(t *testing.T) {
	h := bottest.New(t)
	toSummary(t, h)
	step(t, h, "sanne", "[Versturen]", "GIR-2026-0001")
	want := map[string]time.Time{}
	for _, task := range tasksOf(t, h, "GIR-2026-0001") {
		want[task.ID] = task.Due
	}

	s := &unhurriedFails{Store: bottest.NewMemStore()}
	late := bottest.New(t, bottest.WithStore(s))
	toSummary(t, late)
	s.cut = 1
	step(t, late, "sanne", "[Versturen]", "GIR-2026-0001")
	late.Jump(3 * time.Hour)
	got := tasksOf(t, late, "GIR-2026-0001")
	if len(got) != len(want) {
		t.Fatalf("%d tasks after the follow-up done later, %d when done at once", len(got), len(want))
	}
	for _, task := range got {
		if !task.Due.Equal(want[task.ID]) {
			t.Errorf("%s is due %v, not %v as when followed up at once", task.ID, task.Due, want[task.ID])
		}
	}
}

// cancelAfterAnswers cancels a context once a change somebody waits for
// is committed, as an adapter's handling time may end right after the
// answer.
type cancelAfterAnswers struct {
	bot.Store
	cancel context.CancelFunc
}

func (s *cancelAfterAnswers) Update(ctx context.Context, fn func(bot.Tx) error) error {
	err := s.Store.Update(ctx, fn)
	if s.cancel != nil && !bot.IsUnhurried(ctx) {
		s.cancel()
	}
	return err
}

// The follow-up of a sent report is done at once even when the context of
// the event that sent it ends right after the answer: the reporter has had
// their number, and the manager must not wait for the next round.
func TestAReportIsFollowedUpAfterTheEventsContextEnded(t *testing.T) {
	s := &cancelAfterAnswers{Store: bottest.NewMemStore()}
	h := bottest.New(t, bottest.WithStore(s))
	toSummary(t, h)
	ctx, cancel := context.WithCancel(context.Background())
	s.cancel = cancel
	if err := h.Bot.Handle(ctx, bot.Text{User: h.User("sanne"), Body: "Versturen"}); err != nil {
		t.Fatal(err)
	}
	s.cancel = nil
	if ctx.Err() == nil {
		t.Fatal("the context was not ended after the answer")
	}
	h.Flush()
	h.Expect(t, "sanne", "GIR-2026-0001")
	h.Expect(t, "peter", "*Eerste opvang* — GIR-2026-0001")
}
