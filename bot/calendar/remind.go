package calendar

import "time"

// MinHold is the working time an assignee has a task that is not urgent
// before anything about it may be sent to them or above them: their first
// working hour with it. A task that opens at 16:55 is not reminded at
// 17:00 and escalated before they could have read it.
const MinHold = time.Hour

// RemindAt returns when the assignee of a task is reminded that it is due.
// An urgent task is reminded at its due, day or night. Any other task is
// reminded when its due has passed and the assignee has had it for at
// least MinHold of working time — the whole of its window, and never less
// than their first working hour — at a moment within working hours: a due
// at the close of Friday is reminded on Monday at the opening.
func (c *Calendar) RemindAt(p Plan) time.Time {
	if p.Urgent {
		return later(p.Due, p.Start)
	}
	return c.NextWorkingMoment(later(p.Due, c.AddWorkingHours(p.Start, MinHold)))
}

// MaxEscalateAfter is the longest working time Settings.EscalateAfter may
// be: two working weeks. A longer one is a typing error.
const MaxEscalateAfter = 80 * time.Hour

// EscalateAfter returns how long after its reminder a task nobody took up
// is escalated: for an urgent task the calendar time of urgent first care
// (another 30 minutes, day and night), for any other the working time of
// Settings.EscalateAfter.
func (c *Calendar) EscalateAfter(urgent bool) time.Duration {
	if urgent {
		if w, ok := c.Window("first_care", true); ok && w.Urgent && !w.Length.Working() {
			return w.Length.Calendar()
		}
		return 30 * time.Minute
	}
	return c.escalate
}

// EscalateAt returns when a task nobody took up goes to the fallback (the
// deputy, the coordinator): after more time after the reminder, in calendar
// time for an urgent task and in working hours within working hours for
// any other. It is never before RemindAt.
func (c *Calendar) EscalateAt(p Plan, after time.Duration) time.Time {
	remind := c.RemindAt(p)
	switch {
	case after <= 0:
		return remind
	case p.Urgent:
		return remind.Add(after)
	}
	return c.NextWorkingMoment(c.AddWorkingHours(remind, after))
}
