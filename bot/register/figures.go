package register

import (
	"time"
)

// Scope narrows an overview to one department or one location; the
// zero Scope is the whole organisation.
type Scope struct {
	Department string
	Location   string
}

// Figures are the counts of one period of the register, for one scope. An
// incident counts in the period in which it happened (not in which it was
// reported): a report made after the period ended still counts in it, and
// LateReports says how many did.
type Figures struct {
	Period Period
	Scope  Scope
	Total  int
	// LateReports were registered after the period ended.
	LateReports int
	// ByCategory counts incidents per category; an incident can have more
	// than one, so these can add up to more than Total.
	ByCategory   map[Category]int
	ByDepartment map[string]int // "" when the department is unknown
	ByLocation   map[string]int // "" when it happened elsewhere
	Serious      int
	// PoliceReport counts incidents with a police report (aangifte),
	// PoliceRecord those with a police record (melding) instead.
	PoliceReport, PoliceRecord int
	// FirstCare are the times from report to first care taken up,
	// CareGiven those to first care given, shortest first; CareOpen counts
	// the incidents whose first care is still to be given.
	FirstCare, CareGiven Durations
	CareOpen             int
	Aftercare            AftercareFigures
	// Measures counts the measures toward the offender by kind.
	Measures map[string]int
	// OpenTasks are the duties of these incidents still open; OverdueTasks
	// those of them past their deadline.
	OpenTasks, OverdueTasks int
	// PerMonth counts the incidents of each month of the period, in
	// order.
	PerMonth []MonthFigures
}

// MonthFigures are the counts of one month: its incidents (each once), the
// serious ones among them, and how often each category was named (an
// incident may name several, so these can add up to more than Total).
type MonthFigures struct {
	Month      time.Time
	ByCategory map[Category]int
	Total      int
	Serious    int
}

// AftercareFigures say whether the aftercare talks and follow-ups (M7) were
// done in time.
type AftercareFigures struct {
	OnTime int // done by the deadline
	Late   int // done after the deadline
	// Overdue are not done and past the deadline; Pending not done and not
	// due yet; NotNeeded were closed as not needed.
	Overdue, Pending, NotNeeded int
}

// Due returns how many aftercare tasks should have been done by now.
func (a AftercareFigures) Due() int { return a.OnTime + a.Late + a.Overdue }

// RowSource reads the register's rows; the store's transactions are one.
type RowSource interface {
	// ScanFacts calls fn with the facts of every row whose incident
	// happened in [from, to), earliest first, one at a time, and stops at
	// fn's first error. The facts are lent: they are valid only until fn
	// returns, and their symbols stand for strings of this scan only.
	ScanFacts(from, to time.Time, fn func(*Facts) error) error
}

// Count computes the figures of a period from the register's rows, reading
// them one at a time. now decides which deadlines have passed.
func Count(src RowSource, p Period, sc Scope, now time.Time) (Figures, error) {
	return count(src, p, sc, now, true)
}

// count counts as Count does; without times, it leaves out the times to
// first care (FirstCare, CareGiven), which take the most work to count and
// which an overview shows only of the period itself.
func count(src RowSource, p Period, sc Scope, now time.Time, times bool) (Figures, error) {
	c := newCounter(p, sc, now)
	c.times = times
	err := src.ScanFacts(p.From, p.To, c.add)
	return c.figures(), err
}

// Durations are measured times, shortest first.
type Durations []time.Duration

// Median returns the middle time, or the mean of the two in the middle.
func (ds Durations) Median() (time.Duration, bool) {
	n := len(ds)
	switch {
	case n == 0:
		return 0, false
	case n%2 == 1:
		return ds[n/2], true
	}
	return (ds[n/2-1] + ds[n/2]) / 2, true
}

// P90 returns the time within which 90% of the times fall (nearest rank:
// the smallest time at least 90% of the times do not exceed).
func (ds Durations) P90() (time.Duration, bool) {
	n := len(ds)
	if n == 0 {
		return 0, false
	}
	rank := (9*n + 9) / 10 // ⌈0.9·n⌉
	return ds[rank-1], true
}
