package register

import (
	"slices"
	"time"
)

// Scope narrows an overview to one department or one location; the
// zero Scope is the whole organisation.
type Scope struct {
	Department string
	Location   string
}

func (s Scope) includes(r *Row) bool {
	return (s.Department == "" || r.Department == s.Department) && (s.Location == "" || r.Location == s.Location)
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
	// ScanRows calls fn for every row whose incident happened in [from,
	// to), earliest first, one at a time, and stops at fn's first error.
	// The row is lent: it is valid only until fn returns, and its Number
	// may be empty.
	ScanRows(from, to time.Time, fn func(*Row) error) error
}

// Count computes the figures of a period from the register's rows, reading
// them one at a time. now decides which deadlines have passed.
func Count(src RowSource, p Period, sc Scope, now time.Time) (Figures, error) {
	f := Figures{Period: p, Scope: sc, ByCategory: map[Category]int{}, ByDepartment: map[string]int{},
		ByLocation: map[string]int{}, Measures: map[string]int{}}
	// Per-row counts go into tallies and months found by their first
	// second: no map is touched and no time zone consulted per row.
	months := p.Months()
	starts := make([]int64, len(months))
	monthCats := make([]tally[Category], len(months))
	for i, m := range months {
		f.PerMonth = append(f.PerMonth, MonthFigures{Month: m, ByCategory: map[Category]int{}})
		starts[i] = m.Unix()
	}
	end := p.To.Unix()
	var cats tally[Category]
	var depts, locs, measures tally[string]
	err := src.ScanRows(p.From, p.To, func(r *Row) error {
		if !sc.includes(r) {
			return nil
		}
		f.Total++
		if !r.Reported.Before(p.To) {
			f.LateReports++
		}
		at := r.Occurred.Unix()
		i, _ := slices.BinarySearch(starts, at+1) // months starting at or before at
		i--
		inMonth := i >= 0 && at < end
		for _, c := range r.Categories {
			cats.add(c)
			if inMonth {
				monthCats[i].add(c)
			}
		}
		if inMonth {
			f.PerMonth[i].Total++
			if r.Serious {
				f.PerMonth[i].Serious++
			}
		}
		depts.add(r.Department)
		locs.add(r.Location)
		if r.Serious {
			f.Serious++
		}
		switch r.Police {
		case "aangifte":
			f.PoliceReport++
		case "melding":
			f.PoliceRecord++
		}
		if d, ok := r.FirstCareTime(); ok {
			f.FirstCare = append(f.FirstCare, d)
		}
		if d, ok := r.CareGivenTime(); ok {
			f.CareGiven = append(f.CareGiven, d)
		}
		if r.CareOpen {
			f.CareOpen++
		}
		for _, a := range r.Aftercare {
			switch {
			case a.NotNeeded:
				f.Aftercare.NotNeeded++
			case !a.Done.IsZero() && !a.Done.After(a.Due):
				f.Aftercare.OnTime++
			case !a.Done.IsZero():
				f.Aftercare.Late++
			case now.After(a.Due):
				f.Aftercare.Overdue++
			default:
				f.Aftercare.Pending++
			}
		}
		if r.Measure != "" {
			measures.add(r.Measure)
		}
		for _, due := range r.Open {
			f.OpenTasks++
			if now.After(due) {
				f.OverdueTasks++
			}
		}
		return nil
	})
	cats.into(f.ByCategory)
	for i := range monthCats {
		monthCats[i].into(f.PerMonth[i].ByCategory)
	}
	depts.into(f.ByDepartment)
	locs.into(f.ByLocation)
	measures.into(f.Measures)
	slices.Sort(f.FirstCare)
	slices.Sort(f.CareGiven)
	return f, err
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
