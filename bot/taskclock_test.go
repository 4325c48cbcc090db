package bot

import (
	"slices"
	"testing"
	"time"
)

// What a task does when its moment comes, as a table: the clock is a pure
// function of the task and the time.
func TestTheTaskClock(t *testing.T) {
	ams, _ := time.LoadLocation("Europe/Amsterdam")
	org := &Organisation{TimeZone: ams}
	cal, err := org.WorkingCalendar()
	if err != nil {
		t.Fatal(err)
	}
	c := taskClock{cal: cal}
	at := func(d, h, m int) time.Time { return time.Date(2026, 11, d, h, m, 0, 0, ams) } // 27 Nov 2026 is a Friday
	base := Task{ID: "GIR-2026-0001/contact_today", Kind: TaskContactToday, Assignee: "peter", Fallback: []Email{"karin"},
		Start: at(27, 15, 0), Due: at(27, 17, 0)}
	with := func(change func(*Task)) Task {
		task := base
		task.History = nil
		change(&task)
		return task
	}
	for _, c2 := range []struct {
		name string
		task Task
		now  time.Time
		does firing
		want func(Task) bool
	}{
		{"a scheduled task is announced and fires again when it is to be reminded: after its deadline, in working hours", with(func(t *Task) { t.State = TaskScheduled }), at(27, 15, 0), announces,
			func(t Task) bool {
				return t.State == TaskOpen && t.Next.Equal(at(30, 8, 30)) && t.Given.Equal(at(27, 15, 0)) && slices.Contains(t.Watchers, "peter")
			}},
		{"announced at 16:55, it is not reminded before its first working hour", with(func(t *Task) { t.State, t.Start, t.Due = TaskScheduled, at(30, 16, 55), at(30, 17, 0) }), at(30, 16, 55), announces,
			func(t Task) bool { return t.Next.Equal(time.Date(2026, 12, 1, 9, 25, 0, 0, ams)) }},
		{"announced late, it counts its time from when it was given, not from its start", with(func(t *Task) { t.State = TaskScheduled }), at(30, 10, 0), announces,
			func(t Task) bool { return t.Next.Equal(at(30, 11, 0)) }},
		{"outside working hours a task that is not urgent waits, saying nothing", with(func(t *Task) { t.State = TaskScheduled }), at(28, 10, 0), waits,
			func(t Task) bool {
				return t.State == TaskScheduled && t.Next.Equal(at(30, 8, 30)) && len(t.History) == 0
			}},
		{"at its moment an open task is reminded, escalation planned two working hours on", with(func(t *Task) { t.State = TaskOpen }), at(30, 8, 30), reminds,
			func(t Task) bool { return t.Reminded && t.Next.Equal(at(30, 10, 30)) && t.State == TaskOpen }},
		{"reminded and still open, it is escalated to its fallback", with(func(t *Task) { t.State, t.Reminded = TaskOpen, true }), at(30, 10, 30), escalates,
			func(t Task) bool {
				return t.State == TaskEscalated && slices.Contains(t.Watchers, "karin") && t.Next.IsZero()
			}},
		{"with nobody to pass it on to it stays with its assignee, stranded", with(func(t *Task) { t.State, t.Reminded, t.Fallback = TaskOpen, true, nil }), at(30, 10, 30), reminds,
			func(t Task) bool { return t.State == TaskOpen && t.Stranded && t.logged(EventNotEscalated) }},
		{"a stranded task is only reminded again", with(func(t *Task) { t.State, t.Reminded, t.Fallback, t.Stranded = TaskOpen, true, nil, true }), at(30, 10, 30), reminds,
			func(t Task) bool { return !t.logged(EventNotEscalated) && t.logged(EventReminded) }},
		{"taken up in time, it is reminded once and then left", with(func(t *Task) { t.State = TaskAcknowledged }), at(30, 8, 30), reminds,
			func(t Task) bool { return t.State == TaskAcknowledged && t.Next.IsZero() }},
		{"a check-in lapses quietly at its deadline, also after hours", with(func(t *Task) { t.Kind, t.State = TaskCheckIn, TaskOpen }), at(27, 17, 0), lapses,
			func(t Task) bool { return t.State == TaskLapsed && t.Next.IsZero() && !t.Closed() }},
		{"back from a snooze before the deadline: the snooze was the reminder", with(func(t *Task) { t.State, t.SnoozedFrom = TaskSnoozed, TaskOpen }), at(27, 16, 0), remindsAfterSnooze,
			func(t Task) bool { return t.State == TaskOpen && t.Reminded && t.Next.Equal(at(30, 10, 30)) }},
		{"back from a snooze after the deadline: a full delay before escalation", with(func(t *Task) { t.State, t.SnoozedFrom = TaskSnoozed, TaskOpen }), at(30, 9, 0), remindsAfterSnooze,
			func(t Task) bool { return t.State == TaskOpen && t.Next.Equal(at(30, 11, 0)) }},
		{"an urgent task is escalated half an hour after its deadline, night or day", with(func(t *Task) { t.State, t.Urgent, t.Due = TaskOpen, true, at(28, 2, 0) }), at(28, 2, 0), reminds,
			func(t Task) bool { return t.Next.Equal(at(28, 2, 30)) }},
		{"a defect is chased weekly until it is fixed", with(func(t *Task) {
			t.Kind, t.State, t.Reminded, t.RemindEvery = TaskRepair, TaskAcknowledged, true, 7*24*time.Hour
		}),
			at(30, 9, 0), reminds, func(t Task) bool { return t.Next.Equal(at(30, 9, 0).AddDate(0, 0, 7)) }},
		{"a task closed meanwhile does nothing and never fires again", with(func(t *Task) { t.State = TaskDone; t.Next = at(27, 17, 0) }), at(27, 17, 0), nothing,
			func(t Task) bool { return t.Next.IsZero() && t.State == TaskDone }},
	} {
		got, does := c.advance(c2.task, c2.now)
		if does != c2.does || !c2.want(got) {
			t.Errorf("%s: does %v, task %+v", c2.name, does, got)
		}
	}
}
