package bot

import (
	"time"

	"meldbot/bot/calendar"
)

// taskClock decides what a task does when its moment comes, and when its
// next moment is: a pure function of the task, the time and the working
// calendar, whose windows, reminders and escalations time every task. The
// turn only stores what it returns and sends what it says (fireTask).
type taskClock struct {
	cal *calendar.Calendar
}

func (b *Bot) taskClock() taskClock { return taskClock{cal: b.cal} }

// firing is what a task does when its moment comes.
type firing int

const (
	nothing            firing = iota // nothing left to do
	waits                            // outside working hours: it comes back at the next working moment
	announces                        // sent to its assignee for the first time
	lapses                           // a check-in left unanswered: asked, never chased
	remindsAfterSnooze               // back after "later"
	reminds                          // its deadline passed
	escalates                        // nobody took it up: its fallback is told
)

func (f firing) String() string {
	return [...]string{"nothing", "waits", "announces", "lapses", "reminds after a snooze", "reminds", "escalates"}[f]
}

// speaks reports whether the firing sends a message.
func (f firing) speaks() bool { return f != nothing && f != waits && f != lapses }

// advance returns the task as it is after its moment now, and what it
// does. The rules:
//   - a task that is not urgent never speaks outside working hours: whose
//     moment falls outside them (stored by an older meldbot, or caught up
//     after downtime) waits for the next working moment;
//   - a scheduled task is announced; it fires again when it is to be
//     reminded (calendar.RemindAt): its deadline has passed, and the
//     assignee has had it for at least their first working hour;
//   - a check-in lapses at its deadline, quietly, and keeps its buttons;
//   - after a snooze it comes back (the reminder): an open task then gets
//     a full reminder's delay again before it is escalated;
//   - at its moment it is reminded, unless its escalation is due already;
//   - an open task nobody took up is escalated to its fallback
//     (calendar.EscalateAt); with nobody to pass it on to it stays with
//     its assignee, who is reminded instead;
//   - a task that repeats its reminder (a defect, F3) is chased until done.
func (c taskClock) advance(task Task, now time.Time) (Task, firing) {
	switch {
	case task.Closed():
		task.Next = time.Time{}
		return task, nothing
	case c.mustWait(task, now):
		task.Next = c.cal.NextWorkingMoment(now)
		return task, waits
	case task.State == TaskScheduled:
		return c.opened(task, now), announces
	case task.spec().lapses:
		task.State, task.Next = TaskLapsed, time.Time{}
		task.log(now, "", EventLapsed, "no answer")
		return task, lapses
	case task.State == TaskSnoozed:
		task.State, task.SnoozedFrom, task.Reminded = task.SnoozedFrom, "", true
		switch {
		case task.Due.After(now) || task.State != TaskOpen:
			// The snooze was the reminder; taken up or escalated already,
			// it is chased again only when it repeats its reminder.
			task.Next = c.afterReminder(task, now)
		default:
			fresh := task
			fresh.Due = now
			task.Next = c.escalateAt(fresh)
		}
		task.log(now, "", EventSnoozeEnded, "")
		return task, remindsAfterSnooze
	case !task.Reminded && !(task.State == TaskOpen && !c.escalateAt(task).After(now)):
		task.Reminded = true
		task.Next = c.afterReminder(task, now)
		task.log(now, "", EventReminded, "")
		return task, reminds
	case task.State == TaskOpen && len(task.Fallback) == 0:
		task.Reminded, task.Next = true, c.repeat(task, now)
		if task.Stranded {
			task.log(now, "", EventReminded, "")
		} else {
			task.Stranded = true
			task.log(now, "", EventNotEscalated, "no fallback")
		}
		return task, reminds
	case task.State == TaskOpen:
		task.State, task.Reminded, task.Next = TaskEscalated, true, c.repeat(task, now)
		task.watch(task.Fallback...)
		task.log(now, "", EventEscalated, "")
		return task, escalates
	case task.RemindEvery > 0:
		task.Next = c.repeat(task, now)
		task.log(now, "", EventReminded, "")
		return task, reminds
	}
	task.Next = time.Time{}
	return task, nothing
}

// mustWait reports whether a task whose moment is now would speak outside
// working hours without being urgent. A check-in that lapses says nothing,
// and so need not wait.
func (c taskClock) mustWait(task Task, now time.Time) bool {
	quiet := task.State != TaskScheduled && task.spec().lapses
	return !task.Urgent && !quiet && !c.cal.IsWorkingTime(now)
}

// opened returns a task announced to its assignee at now: open, given to
// and watched by its assignee, and due to fire when it is to be reminded —
// or, for a check-in, when it lapses: at its deadline.
func (c taskClock) opened(task Task, now time.Time) Task {
	task.State, task.Given = TaskOpen, now
	task.Next = c.remindAt(task)
	if task.spec().lapses {
		task.Next = task.Due
	}
	task.watch(task.Assignee)
	task.log(now, "", EventAnnounced, "")
	return task
}

// plan is the task's time as the calendar sees it: from when its assignee
// has it to its deadline.
func (c taskClock) plan(task Task) calendar.Plan {
	start := task.Start
	if task.Given.After(start) {
		start = task.Given
	}
	return calendar.Plan{Start: start, Due: task.Due, Urgent: task.Urgent}
}

// remindAt is when the assignee of a task is reminded of its deadline.
func (c taskClock) remindAt(task Task) time.Time { return c.cal.RemindAt(c.plan(task)) }

// repeat is when a task that repeats its reminder fires again after now,
// or never.
func (c taskClock) repeat(task Task, now time.Time) time.Time {
	if task.RemindEvery > 0 {
		return c.fireAt(task, now.Add(task.RemindEvery))
	}
	return time.Time{}
}

// afterReminder is when a task fires after its reminder: its escalation
// while nobody took it up, its next reminder when it repeats them, or
// never.
func (c taskClock) afterReminder(task Task, now time.Time) time.Time {
	if task.State != TaskOpen {
		return c.repeat(task, now)
	}
	if at := c.escalateAt(task); at.After(now) {
		return at
	}
	return now
}

// fireAt is when a task fires for a moment t: an urgent task at t itself,
// any other not before the working day starts, so a snooze that ends on a
// Sunday ends on Monday morning.
func (c taskClock) fireAt(task Task, t time.Time) time.Time {
	if task.Urgent {
		return t
	}
	return c.cal.NextWorkingMoment(t)
}

// escalateAt is when an open task that nobody took up goes to the
// fallback: after its own delay (a duty of the policy cycle) or the
// calendar's after its reminder — calendar time for an urgent task,
// working time within working hours for any other.
func (c taskClock) escalateAt(task Task) time.Time {
	after := task.EscalateAfter
	if after <= 0 {
		after = c.cal.EscalateAfter(task.Urgent)
	}
	return c.cal.EscalateAt(c.plan(task), after)
}
