package bot

import (
	"encoding/json"
	"errors"
	"strings"
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
func closingTime(t Task) time.Time {
	for i := len(t.History) - 1; i >= 0; i-- {
		if e := t.History[i]; e.What == "done" || e.What == "not_needed" {
			return e.At
		}
	}
	return t.Created
}

// rowWire is a row as stored: seconds since 1970 and short names, because
// an overview reads every row of its periods and smaller rows read faster.
type rowWire struct {
	N string  `json:"n"`
	O int64   `json:"o"`
	R int64   `json:"r"`
	C string  `json:"c,omitempty"` // categories, comma-separated
	D string  `json:"d,omitempty"`
	L string  `json:"l,omitempty"`
	S bool    `json:"s,omitempty"`
	P string  `json:"p,omitempty"`
	M string  `json:"m,omitempty"`
	F int64   `json:"f,omitempty"`
	A []int64 `json:"a,omitempty"` // aftercare: due, done pairs; done 0 open, -1 not needed
	T []int64 `json:"t,omitempty"` // open deadlines
	X int64   `json:"x,omitempty"` // closed at
	Z bool    `json:"z,omitempty"` // purged
}

func unix(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.Unix()
}

func fromUnix(s int64) time.Time {
	if s == 0 {
		return time.Time{}
	}
	return time.Unix(s, 0)
}

// MarshalJSON stores the row compactly.
func (r Row) MarshalJSON() ([]byte, error) {
	w := rowWire{N: r.Number, O: unix(r.Occurred), R: unix(r.Reported), D: r.Department, L: r.Location,
		S: r.Serious, P: r.Police, M: r.Measure, F: unix(r.FirstCare), X: unix(r.ClosedAt), Z: r.Purged}
	cats := make([]string, len(r.Categories))
	for i, c := range r.Categories {
		cats[i] = string(c)
	}
	w.C = strings.Join(cats, ",")
	for _, a := range r.Aftercare {
		done := unix(a.Done)
		if a.NotNeeded {
			done = -1
		}
		w.A = append(w.A, unix(a.Due), done)
	}
	for _, t := range r.Open {
		w.T = append(w.T, unix(t))
	}
	return json.Marshal(w)
}

// UnmarshalJSON reads a row stored by MarshalJSON.
func (r *Row) UnmarshalJSON(data []byte) error {
	var w rowWire
	if err := json.Unmarshal(data, &w); err != nil {
		return err
	}
	if len(w.A)%2 != 0 {
		return errors.New("register row: aftercare deadlines come in pairs")
	}
	*r = Row{Number: w.N, Occurred: fromUnix(w.O), Reported: fromUnix(w.R), Department: w.D, Location: w.L,
		Serious: w.S, Police: w.P, Measure: w.M, FirstCare: fromUnix(w.F), ClosedAt: fromUnix(w.X), Purged: w.Z}
	if w.C != "" {
		for c := range strings.SplitSeq(w.C, ",") {
			r.Categories = append(r.Categories, Category(c))
		}
	}
	for i := 0; i < len(w.A); i += 2 {
		d := Deadline{Due: fromUnix(w.A[i])}
		if w.A[i+1] == -1 {
			d.NotNeeded = true
		} else {
			d.Done = fromUnix(w.A[i+1])
		}
		r.Aftercare = append(r.Aftercare, d)
	}
	for _, t := range w.T {
		r.Open = append(r.Open, fromUnix(t))
	}
	return nil
}
