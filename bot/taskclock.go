package bot

import "time"

// taskClock decides what a task does when its moment comes, and when its
// next moment is: a pure function of the task, the time, the working
// calendar and the timings. The turn only stores what it returns and sends
// what it says (fireTask).
type taskClock struct {
	cal     *Calendar
	timings Timings
}

func (b *Bot) taskClock() taskClock { return taskClock{cal: b.cal, timings: b.org.Timings} }

// firing is what a task does when its moment comes.
type firing int

const (
	nothing            firing = iota // nothing left to do
	announces                        // sent to its assignee for the first time
	lapses                           // a check-in left unanswered: asked, never chased
	remindsAfterSnooze               // back after "later"
	reminds                          // its deadline passed
	escalates                        // nobody took it up: its fallback is told
)

func (f firing) String() string {
	return [...]string{"nothing", "announces", "lapses", "reminds after a snooze", "reminds", "escalates"}[f]
}

// advance returns the task as it is after its moment now, and what it
// does. The rules:
//   - a scheduled task is announced; it fires again at its deadline;
//   - a check-in lapses at its deadline, quietly, and keeps its buttons;
//   - after a snooze it comes back (the reminder): an open task then gets
//     a full window again before it is escalated;
//   - at its deadline it is reminded, unless its escalation is due already;
//   - an open task nobody took up is escalated to its fallback; with nobody
//     to pass it on to it stays with its assignee, who is reminded instead;
//   - a task that repeats its reminder (a defect, F3) is chased until done.
func (c taskClock) advance(task Task, now time.Time) (Task, firing) {
	switch {
	case task.Closed():
		task.Next = time.Time{}
		return task, nothing
	case task.State == TaskScheduled:
		return c.opened(task, now), announces
	case task.spec().lapses:
		task.State, task.Next = TaskLapsed, time.Time{}
		task.log(now, "", EventLapsed, "no answer")
		return task, lapses
	case task.State == TaskSnoozed:
		task.State, task.SnoozedFrom, task.Reminded = task.SnoozedFrom, "", true
		switch {
		case task.Due.After(now):
			task.Next = c.fireAt(task, task.Due)
		case task.State == TaskOpen:
			fresh := task
			fresh.Due = now
			task.Next = c.escalateAt(fresh)
		default:
			// Taken up or escalated already: chased again only when it
			// repeats its reminder (a defect, F3).
			task.Next = c.afterReminder(task, now)
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

// opened returns a task announced to its assignee at now: open, watched by
// its assignee, and due to fire at its deadline.
func (c taskClock) opened(task Task, now time.Time) Task {
	task.State = TaskOpen
	task.Next = c.fireAt(task, task.Due)
	task.watch(task.Assignee)
	task.log(now, "", EventAnnounced, "")
	return task
}

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

// fireAt is when a task fires for a moment t: urgent tasks at t itself,
// others not before the working day starts, so a deadline on a Sunday is
// reminded on Monday morning.
func (c taskClock) fireAt(task Task, t time.Time) time.Time {
	if task.Urgent {
		return t
	}
	return c.cal.StartOfWork(t)
}

// escalateAt is when an open task that nobody took up goes to the fallback:
// urgent tasks after the first-care window again, others after the task's
// own or the organisation's EscalateAfter, in working hours.
func (c taskClock) escalateAt(task Task) time.Time {
	if task.Urgent {
		return task.Due.Add(c.timings.FirstCareSerious)
	}
	after := c.timings.EscalateAfter
	if task.EscalateAfter > 0 {
		after = task.EscalateAfter
	}
	return c.cal.AddWorkingHours(task.Due, after)
}
