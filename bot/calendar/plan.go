package calendar

import (
	"maps"
	"time"
)

// Plan is the time of one task: when it opens, when it is due, and whether
// it is urgent (counted day and night). Calendar.Plan guarantees:
//
//   - Due is never before Start;
//   - a task that is not urgent is due inside working hours: a length in
//     working hours ends after the opening and at or before the close of a
//     working day, every other length at the close of a working day;
//   - a window with After is due no earlier than that kind's due for the
//     same report;
//   - a window with AtLeast holds at least that much working time.
type Plan struct {
	Start, Due time.Time
	Urgent     bool
}

// Windows returns the calendar's windows: the defaults with the
// organisation's own over them.
func (c *Calendar) Windows() Windows { return maps.Clone(c.windows) }

// Window returns the window of a kind: its urgent window when urgent is set
// and it has one. It reports false for a kind without a window.
func (c *Calendar) Window(kind string, urgent bool) (Window, bool) {
	w, ok := c.windows[kind]
	if ok && urgent && w.WhenUrgent != nil {
		return *w.WhenUrgent, true
	}
	return w, ok
}

// Plan returns the time of the first (for most kinds the only) occurrence
// of a task of kind for a report at ref (for ban_ends: the end of the ban),
// urgent when the incident is. It reports false for a kind without a
// window.
func (c *Calendar) Plan(kind string, ref time.Time, urgent bool) (Plan, bool) {
	w, ok := c.Window(kind, urgent)
	if !ok || len(w.Starts) == 0 {
		return Plan{}, false
	}
	return c.plan(w, w.Starts[0], ref, urgent, 0), true
}

// PlanMadeAt returns Plan for a task made at now whose reference moment
// may lie ahead, such as the end of a ban: a start that would lie before
// now is now — the next working moment, for a task that is not urgent —
// and the due is never before it.
func (c *Calendar) PlanMadeAt(kind string, ref, now time.Time, urgent bool) (Plan, bool) {
	w, ok := c.Window(kind, urgent)
	if !ok || len(w.Starts) == 0 {
		return Plan{}, false
	}
	p := c.plan(w, w.Starts[0], ref, urgent, 0)
	if p.Start.Before(now) {
		p.Start = now.In(c.loc)
		if !w.Urgent {
			p.Start = c.NextWorkingMoment(now)
		}
		p.Due = c.settle(w, later(p.Due, p.Start))
	}
	return p, true
}

// PlanEach returns the time of every occurrence of a task of kind, one per
// start of its window: the follow-ups after 2 and 7 weeks.
func (c *Calendar) PlanEach(kind string, ref time.Time, urgent bool) ([]Plan, bool) {
	w, ok := c.Window(kind, urgent)
	if !ok {
		return nil, false
	}
	return c.PlanWindow(w, ref, urgent), true
}

// PlanWindow returns the time of every occurrence of a window for a report
// at ref; an After in it is looked up among the calendar's windows.
func (c *Calendar) PlanWindow(w Window, ref time.Time, urgent bool) []Plan {
	out := make([]Plan, len(w.Starts))
	for i, s := range w.Starts {
		out[i] = c.plan(w, s, ref, urgent, 0)
	}
	return out
}

// plan applies one window with one of its starts. depth bounds the After
// chain, which Problems keeps from going round.
func (c *Calendar) plan(w Window, s Start, ref time.Time, urgent bool, depth int) Plan {
	ref = ref.In(c.loc)
	start := c.start(w, s, ref)
	var due time.Time
	switch w.Count {
	case ByReference:
		due = c.closeBy(ref)
	case FromReference:
		due = c.addAmount(ref, w.Length)
	default:
		due = c.addAmount(start, w.Length)
	}
	if !w.AtLeast.IsZero() {
		due = later(due, c.addAmount(start, w.AtLeast))
	}
	if w.After != "" && depth <= len(c.windows) {
		if other, ok := c.Window(w.After, urgent); ok && len(other.Starts) > 0 {
			due = later(due, c.plan(other, other.Starts[0], ref, urgent, depth+1).Due)
		}
	}
	return Plan{Start: start, Due: c.settle(w, later(due, start)), Urgent: w.Urgent}
}

// start returns when a window opens for a reference moment.
func (c *Calendar) start(w Window, s Start, ref time.Time) time.Time {
	switch {
	case s.Kind == AtOnce:
		return ref
	case s.Kind == NextWorkingMoment:
		return c.NextWorkingMoment(ref)
	case s.Offset.Unit == WorkingDays:
		return c.WorkingDaysAfter(ref, s.Offset.N)
	case w.Urgent:
		return c.addAmount(ref, s.Offset)
	case s.Offset.Working():
		// Working hours end at or before a close; a task that is not
		// urgent opens in working time, so one that would open at the
		// close opens the next working morning.
		return c.NextWorkingMoment(c.addAmount(ref, s.Offset))
	case s.Offset.Unit == Days || s.Offset.Unit == Weeks:
		return c.StartOfWorkingDay(c.addAmount(ref, s.Offset))
	}
	return c.NextWorkingMoment(c.addAmount(ref, s.Offset))
}

// settle moves a due that is not urgent into working hours: a working-hours
// deadline that lies in them stays, every other one goes to the close of
// its working day (or of the next one). It never moves a due earlier.
func (c *Calendar) settle(w Window, due time.Time) time.Time {
	if w.Urgent {
		return due
	}
	if w.Length.Unit == WorkingHours && w.Count != ByReference && c.inWorkingSpan(due) {
		return due
	}
	return c.EndOfWorkingDay(due)
}

// inWorkingSpan reports whether t lies after the opening and at or before
// the close of a working day: where working time can end.
func (c *Calendar) inWorkingSpan(t time.Time) bool {
	t = t.In(c.loc)
	d := dateOf(t)
	return c.isWorkday(d) && t.After(c.open(d)) && !t.After(c.close(d))
}

// closeBy returns the close of the last working day that closes at or
// before t.
func (c *Calendar) closeBy(t time.Time) time.Time {
	d := dateOf(t)
	if c.isWorkday(d) && !c.close(d).After(t) {
		return c.close(d)
	}
	for range maxScan {
		d = d.add(-1)
		if c.isWorkday(d) {
			break
		}
	}
	return c.close(d)
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
