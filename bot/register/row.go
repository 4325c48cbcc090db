package register

import "time"

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
	// CareGiven is when first care was given; zero when not (yet).
	CareGiven time.Time
	// CareOpen is set while the incident's first care is still to be
	// given: neither done nor found not needed.
	CareOpen bool
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
func (r Row) FirstCareTime() (time.Duration, bool) { return r.since(r.FirstCare) }

// CareGivenTime returns how long after the report first care was given.
func (r Row) CareGivenTime() (time.Duration, bool) { return r.since(r.CareGiven) }

func (r Row) since(t time.Time) (time.Duration, bool) {
	if t.IsZero() {
		return 0, false
	}
	return t.Sub(r.Reported), true
}
