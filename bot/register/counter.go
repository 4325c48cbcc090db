package register

import (
	"slices"
	"time"
)

// counter counts the facts of a period's rows into its figures. Per row it
// touches no map, compares no string and consults no time zone: counts go
// into slices by symbol and month, and what a symbol means for the figures
// (whether it is the scope's department, a police report) is worked out
// once, when the scan first names it.
type counter struct {
	f Figures
	// starts are the first seconds of the period's months, end the first
	// after the period; late is the first second of a late report and now
	// the first second not before now, so that "due < now" is "the
	// deadline has passed".
	starts          []int64
	end, late, now  int64
	month           int // the month of the row counted last, -1 before the first
	sc              Scope
	names           []string // the scan's names, as far as learned
	learned         int      // len(names): how many the slices below cover
	inDept, inLoc   []bool
	police          []policeKind
	cats, monthCats []int // monthCats: by month, then by symbol (stride learned)
	depts, locs     []int
	measures        []int
	// firstCare and careGiven are the seconds from report to first care
	// taken up and given, counted when times is set.
	times                bool
	firstCare, careGiven []int64
}

// policeKind is what a police outcome counts as.
type policeKind uint8

const (
	policeNone policeKind = iota
	policeReport
	policeRecord
)

func newCounter(p Period, sc Scope, now time.Time) *counter {
	c := &counter{month: -1, sc: sc, end: p.To.Unix(), late: ceilSecond(p.To), now: ceilSecond(now),
		f: Figures{Period: p, Scope: sc, ByCategory: map[Category]int{}, ByDepartment: map[string]int{},
			ByLocation: map[string]int{}, Measures: map[string]int{}}}
	for _, m := range p.Months() {
		c.f.PerMonth = append(c.f.PerMonth, MonthFigures{Month: m, ByCategory: map[Category]int{}})
		c.starts = append(c.starts, m.Unix())
	}
	return c
}

// ceilSecond returns the first whole second not before t.
func ceilSecond(t time.Time) int64 {
	if t.Nanosecond() > 0 {
		return t.Unix() + 1
	}
	return t.Unix()
}

// learn works out what the names a scan added since the last call mean,
// and makes room to count them.
func (c *counter) learn(names []string) {
	for _, name := range names[c.learned:] {
		c.inDept = append(c.inDept, c.sc.Department == "" || name == c.sc.Department)
		c.inLoc = append(c.inLoc, c.sc.Location == "" || name == c.sc.Location)
		kind := policeNone
		switch name {
		case "aangifte":
			kind = policeReport
		case "melding":
			kind = policeRecord
		}
		c.police = append(c.police, kind)
	}
	n := len(names)
	grow := func(s []int) []int { return append(s, make([]int, n-len(s))...) }
	c.cats, c.depts, c.locs, c.measures = grow(c.cats), grow(c.depts), grow(c.locs), grow(c.measures)
	months := make([]int, len(c.starts)*n)
	for m := range c.starts {
		copy(months[m*n:], c.monthCats[m*c.learned:(m+1)*c.learned])
	}
	c.monthCats, c.names, c.learned = months, names, n
}

// add counts one row.
func (c *counter) add(r *Facts) error {
	if len(r.Names) > c.learned {
		c.learn(r.Names)
	}
	if !c.inDept[r.Department] || !c.inLoc[r.Location] {
		return nil
	}
	f := &c.f
	f.Total++
	if r.Reported >= c.late {
		f.LateReports++
	}
	at := r.Occurred
	// The month of at: rows come earliest first, so it is mostly the
	// month of the row before, or one after it.
	for c.month+1 < len(c.starts) && at >= c.starts[c.month+1] {
		c.month++
	}
	i := c.month
	if i >= 0 && at < c.starts[i] { // earlier than the row before
		i, _ = slices.BinarySearch(c.starts, at+1) // months starting at or before at
		i--
	}
	inMonth := i >= 0 && at < c.end
	for _, s := range r.Categories {
		c.cats[s]++
		if inMonth {
			c.monthCats[i*c.learned+int(s)]++
		}
	}
	if inMonth {
		f.PerMonth[i].Total++
		if r.Serious {
			f.PerMonth[i].Serious++
		}
	}
	c.depts[r.Department]++
	c.locs[r.Location]++
	if r.Serious {
		f.Serious++
	}
	switch c.police[r.Police] {
	case policeReport:
		f.PoliceReport++
	case policeRecord:
		f.PoliceRecord++
	}
	if c.times && r.FirstCare != NoMoment {
		c.firstCare = append(c.firstCare, r.FirstCare-r.Reported)
	}
	if c.times && r.CareGiven != NoMoment {
		c.careGiven = append(c.careGiven, r.CareGiven-r.Reported)
	}
	if r.CareOpen {
		f.CareOpen++
	}
	for _, a := range r.Aftercare {
		switch {
		case a.NotNeeded:
			f.Aftercare.NotNeeded++
		case a.Done != NoMoment && a.Done <= a.Due:
			f.Aftercare.OnTime++
		case a.Done != NoMoment:
			f.Aftercare.Late++
		case a.Due < c.now:
			f.Aftercare.Overdue++
		default:
			f.Aftercare.Pending++
		}
	}
	c.measures[r.Measure]++
	for _, due := range r.Open {
		f.OpenTasks++
		if due < c.now {
			f.OverdueTasks++
		}
	}
	return nil
}

// figures returns the figures counted, the counts by symbol in their maps
// by name.
func (c *counter) figures() Figures {
	f := c.f
	countsInto(c.depts, c.names, f.ByDepartment)
	countsInto(c.locs, c.names, f.ByLocation)
	countsInto(c.measures, c.names, f.Measures)
	delete(f.Measures, "") // no measure
	countsInto(c.cats, c.names, f.ByCategory)
	for i := range f.PerMonth {
		countsInto(c.monthCats[i*c.learned:(i+1)*c.learned], c.names, f.PerMonth[i].ByCategory)
	}
	f.FirstCare, f.CareGiven = sortedDurations(c.firstCare), sortedDurations(c.careGiven)
	return f
}

// countsInto adds the counts by symbol to m by name, one entry for each
// name counted.
func countsInto[K ~string](counts []int, names []string, m map[K]int) {
	for s, n := range counts {
		if n > 0 {
			m[K(names[s])] += n
		}
	}
}
