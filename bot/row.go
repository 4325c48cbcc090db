package bot

import (
	"time"

	"meldbot/bot/register"
)

// RegisterTx keeps the register's rows.
type RegisterTx interface {
	// PutRow stores the row of r.Number, replacing the one before, and keeps
	// the order by Occurred.
	PutRow(r register.Row) error
	// Row returns an incident's row, or ErrNotFound.
	Row(number string) (register.Row, error)
	// EachRow calls fn for every row whose incident happened in [from, to),
	// earliest first (ties by number), one at a time: a store never holds
	// all rows in memory. A zero from means since the beginning, a zero to
	// without end. It stops at the first error fn returns and returns it.
	EachRow(from, to time.Time, fn func(register.Row) error) error
	// ScanFacts calls fn with the facts of the same rows as EachRow, in
	// the same order, and lends them: they and their lists are valid only
	// until fn returns (see register.Facts). Overviews count this way
	// without making anything per row.
	ScanFacts(from, to time.Time, fn func(*register.Facts) error) error
}

// RowOf derives an incident's row from the incident and its tasks. Only
// facts without personal data go in, so the row of an incident is the same
// before and after its personal data is removed.
func RowOf(inc Incident, tasks []Task) register.Row {
	r := register.Row{
		Number:     inc.Number,
		Occurred:   inc.Occurred().Time,
		Reported:   inc.ReportedAt,
		Categories: inc.Categories(),
		Department: inc.Department(),
		Location:   inc.Location(),
		Serious:    inc.Serious,
		FirstCare:  inc.FirstCareAt,
		CareGiven:  inc.CareGivenAt,
		Purged:     !inc.PurgedAt.IsZero(),
	}
	if r.Occurred.IsZero() {
		r.Occurred = inc.ReportedAt
	}
	switch o := inc.PoliceOutcome(); o {
	case "aangifte", "melding":
		r.Police = o
	}
	r.Measure = inc.Measure()
	for _, t := range tasks {
		if !isDuty(t) {
			continue
		}
		if t.Kind == TaskFirstCare && !t.Closed() {
			r.CareOpen = true
		}
		if t.spec().aftercare {
			r.Aftercare = append(r.Aftercare, register.Deadline{Due: t.Due, Done: doneAt(t), NotNeeded: t.State == TaskNotNeeded})
		}
		if !t.Closed() {
			r.Open = append(r.Open, t.Due)
		}
	}
	r.ClosedAt = closedAt(inc, tasks)
	return r
}

// closedAt returns when an incident counts as closed: once every duty is
// done or not needed, at the latest of the last one closing and the last
// deadline (the last follow-up). An incident without duties is closed when
// it is registered. The zero time means it is still open.
func closedAt(inc Incident, tasks []Task) time.Time {
	closed := inc.ReportedAt
	for _, t := range tasks {
		if !isDuty(t) {
			continue
		}
		if !t.Closed() {
			return time.Time{}
		}
		if at := closingTime(t); at.After(closed) {
			closed = at
		}
		if t.Due.After(closed) {
			closed = t.Due
		}
	}
	return closed
}

// doneAt returns when a task was done, or the zero time.
func doneAt(t Task) time.Time {
	if t.State != TaskDone {
		return time.Time{}
	}
	return closingTime(t)
}

// closingTime returns when a closed task was closed: its last "done" or
// "not needed" in the history, else when it was created.
func closingTime(t Task) time.Time { return closingEvent(t).At }

// closingEvent returns the history line that closed a task: its last
// "done" or "not needed", else a line by nobody at its creation.
func closingEvent(t Task) TaskEvent {
	for i := len(t.History) - 1; i >= 0; i-- {
		if e := t.History[i]; e.What == EventDone || e.What == EventNotNeeded {
			return e
		}
	}
	return TaskEvent{At: t.Created}
}
