package bot

import (
	"time"
)

// Row is an incident's line in the register's anonymous index: the facts the
// overviews count, ordered by when the incident happened, and nothing that
// names or describes a person. Rows are kept in step with their incident and
// its tasks (see rowKeeper) and stay when the personal data is removed after
// the retention period, so the overviews of past years do not change.
type Row struct {
	Number     string
	Occurred   time.Time // when it happened: the moment periods count by
	Reported   time.Time // when it was registered
	Categories []Category
	Department string // department ID; "" when unknown
	Location   string // location ID; "" when elsewhere
	Serious    bool
	// Police is "aangifte" when a police report was made, "melding" for a
	// police record (E9), "" otherwise.
	Police string
	// Measure is the kind of measure taken toward the offender (M10), ""
	// while none is recorded.
	Measure string
	// FirstCare is when first care was taken up (M5); zero when not (yet).
	FirstCare time.Time
	// Aftercare are the deadlines of the aftercare talk and the follow-ups
	// (M7) and when each was done.
	Aftercare []Deadline
	// Open are the deadlines of the incident's duties still open.
	Open []time.Time
	// ClosedAt is when the incident counts as closed (see closedAt); zero
	// while it is open.
	ClosedAt time.Time
	// Purged is set when the incident's personal data was removed; the row
	// no longer changes after that.
	Purged bool
}

// Deadline is one aftercare task: its deadline and when it was done.
type Deadline struct {
	Due       time.Time
	Done      time.Time // zero while not done
	NotNeeded bool
}

// FirstCareTime returns how long after the report first care was taken up.
func (r Row) FirstCareTime() (time.Duration, bool) {
	if r.FirstCare.IsZero() {
		return 0, false
	}
	return r.FirstCare.Sub(r.Reported), true
}

// RegisterTx keeps the register's rows.
type RegisterTx interface {
	// PutRow stores the row of r.Number, replacing the one before, and keeps
	// the order by Occurred.
	PutRow(r Row) error
	// Row returns an incident's row, or ErrNotFound.
	Row(number string) (Row, error)
	// EachRow calls fn for every row whose incident happened in [from, to),
	// earliest first (ties by number), one at a time: a store never holds
	// all rows in memory. A zero from means since the beginning, a zero to
	// without end. It stops at the first error fn returns and returns it.
	EachRow(from, to time.Time, fn func(Row) error) error
}

// RowOf derives an incident's row from the incident and its tasks. Only
// facts without personal data go in, so the row of an incident is the same
// before and after its personal data is removed.
func RowOf(inc Incident, tasks []Task) Row {
	r := Row{
		Number:     inc.Number,
		Occurred:   inc.Occurred.Time,
		Reported:   inc.ReportedAt,
		Categories: inc.Categories,
		Department: inc.Department,
		Location:   inc.Location,
		Serious:    inc.Serious,
		FirstCare:  inc.FirstCareAt,
		Purged:     !inc.PurgedAt.IsZero(),
	}
	if r.Occurred.IsZero() {
		r.Occurred = inc.ReportedAt
	}
	switch {
	case inc.PoliceOutcome == "aangifte" || inc.Police == "done":
		r.Police = "aangifte"
	case inc.PoliceOutcome == "melding":
		r.Police = "melding"
	}
	if inc.Measure != nil {
		r.Measure = inc.Measure.Kind
	}
	for _, t := range tasks {
		if !isDuty(t) {
			continue
		}
		if t.Kind == TaskAftercareTalk || t.Kind == TaskFollowUp {
			r.Aftercare = append(r.Aftercare, Deadline{Due: t.Due, Done: doneAt(t), NotNeeded: t.State == TaskNotNeeded})
		}
		if !t.Closed() {
			r.Open = append(r.Open, t.Due)
		}
	}
	r.ClosedAt = closedAt(inc, tasks)
	return r
}

// isDuty reports whether a task of an incident is something staff must do.
// Check-ins (E11) are offers to the employee: one left unanswered keeps no
// incident open and is no overdue task.
func isDuty(t Task) bool { return t.Kind != TaskCheckIn }

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
		if e := t.History[i]; e.What == "done" || e.What == "not_needed" {
			return e
		}
	}
	return TaskEvent{At: t.Created}
}
