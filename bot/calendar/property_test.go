package calendar

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"
)

// escalateAfter is the time between reminder and escalation in the tests:
// the organisation file's default.
const escalateAfter = 2 * time.Hour

// invariants returns every promise of Plan, RemindAt and EscalateAt that p,
// the plan of the nth occurrence of kind for a report at ref, breaks.
func invariants(c *Calendar, kind string, urgent bool, n int, ref time.Time, p Plan) []string {
	var out []string
	fail := func(format string, args ...any) { out = append(out, fmt.Sprintf(format, args...)) }
	w, _ := c.Window(kind, urgent)
	s := w.Starts[n]
	loc := c.Location()
	isClose := func(t time.Time) bool {
		t = t.In(loc)
		return c.IsWorkday(t) && t.Equal(dateOf(t).at(c.week.End, loc))
	}

	if p.Due.Before(p.Start) {
		fail("due before start")
	}
	if p.Urgent != w.Urgent {
		fail("urgent = %v, the window says %v", p.Urgent, w.Urgent)
	}
	before := s.Kind == After && s.Offset.N < 0
	if !before && p.Start.Before(ref) {
		fail("starts before the report")
	}
	if before && !p.Start.Before(ref) {
		fail("starts at or after the moment it should come before")
	}
	if !w.Urgent && s.Kind != AtOnce && !c.IsWorkingTime(p.Start) {
		fail("starts outside working hours")
	}

	// Where the due lies.
	workingHoursLength := w.Length.Unit == WorkingHours && w.Count != ByReference
	switch {
	case w.Urgent && w.Length.Unit != WorkingHours && w.Count == FromStart && p.Due != c.addAmount(p.Start, w.Length):
		fail("an urgent calendar window is not due exactly %s after its start", w.Length)
	case w.Urgent:
	case workingHoursLength && !c.inWorkingSpan(p.Due):
		fail("a working-hours deadline outside working hours")
	case !workingHoursLength && !isClose(p.Due):
		fail("a deadline in days that is not at the close of a working day")
	}

	// How long the window is, when nothing stretches it.
	plain := w.After == "" && w.AtLeast.IsZero() && w.Count == FromStart
	switch {
	case plain && w.Length.Unit == WorkingHours:
		if got := c.WorkingTimeBetween(p.Start, p.Due); got != time.Duration(w.Length.N)*time.Hour {
			fail("holds %v of working time, want %d working hours", got, w.Length.N)
		}
	case plain && w.Length.Unit == WorkingDays:
		if got := c.WholeWorkingDays(p.Start, p.Due); got != w.Length.N {
			fail("holds %d whole working days, want %d", got, w.Length.N)
		}
	case w.Count == FromReference && !w.Urgent:
		if end := c.addAmount(ref, w.Length); p.Due.Before(end) {
			fail("due before %s after the report", w.Length)
		}
	case w.Count == ByReference && p.Due.After(ref) && !p.Due.Equal(c.EndOfWorkingDay(p.Start)):
		fail("due after the moment it should be done by")
	}
	if w.AtLeast.Unit == WorkingDays && c.WholeWorkingDays(p.Start, p.Due) < w.AtLeast.N {
		fail("fewer than %d whole working days", w.AtLeast.N)
	}
	if w.After != "" {
		if other, _ := c.Plan(w.After, ref, urgent); p.Due.Before(other.Due) {
			fail("due before %s (%s)", w.After, moment(other.Due))
		}
	}

	// Reminder and escalation.
	remind, escalate := c.RemindAt(p), c.EscalateAt(p, escalateAfter)
	if remind.Before(p.Due) || escalate.Before(remind) {
		fail("reminded at %s and escalated at %s, before it is due", moment(remind), moment(escalate))
	}
	if p.Urgent {
		if !escalate.Equal(remind.Add(escalateAfter)) {
			fail("urgent escalation not %v after the reminder", escalateAfter)
		}
		return out
	}
	if !c.IsWorkingTime(remind) || !c.IsWorkingTime(escalate) {
		fail("reminded at %s or escalated at %s outside working hours", moment(remind), moment(escalate))
	}
	if c.WorkingTimeBetween(p.Start, remind) < MinHold {
		fail("reminded at %s, before the first working hour with the task", moment(remind))
	}
	if got := c.WorkingTimeBetween(remind, escalate); got != escalateAfter {
		fail("escalated %v of working time after the reminder, want %v", got, escalateAfter)
	}
	return out
}

// variants are the calendars the property tests run on (Variants), built.
func variants(t *testing.T) []namedCalendar {
	var out []namedCalendar
	for _, v := range Variants() {
		out = append(out, namedCalendar{v.Name, mustNew(t, v.Settings)})
	}
	return out
}

// namedCalendar is a calendar of Variants with its name.
type namedCalendar struct {
	name string
	*Calendar
}

// TestPlanInvariantsOverRandomMoments plans every kind, urgent and not, for
// random report moments in 2026–2030 on every calendar variant, and checks
// the invariants of every plan and of its reminder and escalation.
func TestPlanInvariantsOverRandomMoments(t *testing.T) {
	const perVariant = 60 // × 36 variants: 2,160 report moments, some 82,000 plans
	rng := rand.New(rand.NewPCG(10, 2026))
	from, to := at(2026, 1, 1, 0, 0), at(2031, 1, 1, 0, 0)
	cases := 0
	for _, v := range variants(t) {
		name, c := v.name, v.Calendar
		for range perVariant {
			// Whole minutes, and now and then exactly an opening or a close.
			ref := from.Add(time.Duration(rng.Int64N(int64(to.Sub(from)/time.Minute))) * time.Minute)
			switch rng.IntN(8) {
			case 0:
				ref = dateOf(ref.In(amsterdam)).at(c.week.Start, amsterdam)
			case 1:
				ref = dateOf(ref.In(amsterdam)).at(c.week.End, amsterdam)
			}
			for _, kind := range Kinds {
				for _, urgent := range []bool{false, true} {
					plans, _ := c.PlanEach(kind, ref, urgent)
					for i, p := range plans {
						cases++
						for _, broken := range invariants(c, kind, urgent, i, ref, p) {
							t.Errorf("%s: %s (urgent %v, occurrence %d) for a report at %s → %s – %s: %s",
								name, kind, urgent, i+1, moment(ref), moment(p.Start), moment(p.Due), broken)
						}
					}
				}
			}
		}
		if t.Failed() {
			return
		}
	}
	t.Logf("%d plans checked", cases)
}

// TestCalendarQueriesOverRandomMoments checks the calendar's own answers
// against each other at random moments on every variant.
func TestCalendarQueriesOverRandomMoments(t *testing.T) {
	rng := rand.New(rand.NewPCG(10, 2030))
	from, to := at(2026, 1, 1, 0, 0), at(2031, 1, 1, 0, 0)
	for _, v := range variants(t) {
		name, c := v.name, v.Calendar
		for range 200 {
			ref := from.Add(time.Duration(rng.Int64N(int64(to.Sub(from)/time.Minute))) * time.Minute)
			next := c.NextWorkingMoment(ref)
			if !c.IsWorkingTime(next) || next.Before(ref) || (c.IsWorkingTime(ref) && !next.Equal(ref)) {
				t.Errorf("%s: NextWorkingMoment(%s) = %s", name, moment(ref), moment(next))
			}
			if c.WorkingTimeBetween(ref, next) != 0 {
				t.Errorf("%s: working time between %s and its next working moment", name, moment(ref))
			}
			d := time.Duration(1+rng.IntN(60)) * 15 * time.Minute
			if end := c.AddWorkingHours(ref, d); c.WorkingTimeBetween(ref, end) != d || !c.inWorkingSpan(end) {
				t.Errorf("%s: AddWorkingHours(%s, %v) = %s", name, moment(ref), d, moment(end))
			}
			n := rng.IntN(15)
			if due := c.AddWorkingDays(ref, n); due.Before(ref) || (n > 0 && c.WholeWorkingDays(ref, due) != n) {
				t.Errorf("%s: AddWorkingDays(%s, %d) = %s", name, moment(ref), n, moment(due))
			}
			if c.IsWorkingTime(ref) == c.IsOnCallTime(ref) {
				t.Errorf("%s: %s is both or neither working time and on-call time", name, moment(ref))
			}
		}
	}
}
