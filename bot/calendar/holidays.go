package calendar

import (
	"fmt"
	"slices"
	"time"

	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/nl"
)

// Observance says in which years a holiday that an organisation may choose
// (Good Friday, Liberation Day) is a day off.
type Observance string

// The observances of Good Friday and Liberation Day.
const (
	EveryYear Observance = "every_year" // a day off every year
	Lustrum   Observance = "lustrum"    // a day off in years divisible by five: 2025, 2030, …
	Never     Observance = "never"      // a working day
)

func (o Observance) valid() bool { return o == EveryYear || o == Lustrum || o == Never }

// in reports whether the day is off in year.
func (o Observance) in(year int) bool {
	return o == EveryYear || o == Lustrum && year%5 == 0
}

// ParseObservance reads every_year, lustrum or never, and the Dutch elk_jaar
// and nooit.
func ParseObservance(s string) (Observance, bool) {
	switch s {
	case "every_year", "elk_jaar", "yearly":
		return EveryYear, true
	case "lustrum":
		return Lustrum, true
	case "never", "nooit":
		return Never, true
	}
	return "", false
}

// ClosedDay is a day the organisation is closed that is not a public
// holiday: a fixed date (Year set), or the same date every year (Year 0),
// such as 24 and 31 December.
type ClosedDay struct {
	Year  int // 0: every year
	Month time.Month
	Day   int
	// Name is shown by meldbot calendar; empty means "Sluitingsdag".
	Name string
}

// ClosedDayName is the name of a closed day without one.
const ClosedDayName = "Sluitingsdag"

// String renders the day as written in the organisation file: 2026-12-24
// or, every year, 12-24.
func (d ClosedDay) String() string {
	if d.Year == 0 {
		return fmt.Sprintf("%02d-%02d", int(d.Month), d.Day)
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// FirstYear and LastYear bound the years of fixed closed days.
const (
	FirstYear = 2000
	LastYear  = 2199
)

// Check reports what is wrong with the day: no such date, or a year out of
// range.
func (d ClosedDay) Check() error {
	year := d.Year
	if year == 0 {
		year = 2028 // a leap year: 02-29 closes the day in the years that have one
	}
	if d.Year != 0 && (d.Year < FirstYear || d.Year > LastYear) {
		return fmt.Errorf("closed day %s: the year must lie between %d and %d", d, FirstYear, LastYear)
	}
	if t := time.Date(year, d.Month, d.Day, 12, 0, 0, 0, time.UTC); t.Month() != d.Month || t.Day() != d.Day {
		return fmt.Errorf("closed day %s is no date", d)
	}
	return nil
}

// Closure is a date on which the organisation does not work although it
// may fall in the working week: a public holiday or a closed day.
type Closure struct {
	// Date is the day, at midnight in the calendar's zone.
	Date time.Time
	// Name is the Dutch name: "Koningsdag", or the closed day's own.
	Name string
	// Holiday is true for a public holiday, false for a closed day.
	Holiday bool
}

// observed is a national holiday and the years it is a day off.
type observed struct {
	h  *cal.Holiday
	on Observance
}

// holidays are the national holidays, each with the years the organisation
// observes it. The list is the Netherlands' of the holiday library, in
// which Koningsdag moves to Saturday 26 April when 27 April is a Sunday.
func (c *Calendar) holidays() []observed {
	out := make([]observed, 0, len(nl.Holidays))
	for _, h := range nl.Holidays {
		on := EveryYear
		switch h {
		case nl.GoedeVrijdag:
			on = c.good
		case nl.BevrijdingsDag:
			on = c.lib
		}
		out = append(out, observed{h, on})
	}
	return out
}

// closure returns the closure on d, if any.
func (c *Calendar) closure(d date) (Closure, bool) {
	cl, ok := c.closuresOf(d.y)[d]
	return cl, ok
}

// closuresOf returns the closures of a year by date: computed by New for
// FirstYear to LastYear, and when asked for any other year.
func (c *Calendar) closuresOf(year int) map[date]Closure {
	if m, ok := c.years[year]; ok {
		return m
	}
	return c.computeClosures(year)
}

// computeClosures works out the closures of a year.
func (c *Calendar) computeClosures(year int) map[date]Closure {
	m := map[date]Closure{}
	for _, d := range c.closed {
		if d.Year != 0 && d.Year != year {
			continue
		}
		t := time.Date(year, d.Month, d.Day, 0, 0, 0, 0, c.loc)
		if t.Day() != d.Day { // 02-29 outside a leap year
			continue
		}
		name := d.Name
		if name == "" {
			name = ClosedDayName
		}
		m[dateOf(t)] = Closure{Date: t, Name: name}
	}
	// A holiday's name wins over a closed day on the same date.
	for _, h := range c.holidays() {
		if !h.on.in(year) {
			continue
		}
		if _, observed := h.h.Calc(year); !observed.IsZero() {
			day := dateOf(observed)
			m[day] = Closure{Date: time.Date(day.y, day.m, day.d, 0, 0, 0, 0, c.loc), Name: h.h.Name, Holiday: true}
		}
	}
	return m
}

// Closures returns the public holidays and closed days of a year in date
// order, also those that fall outside the working week.
func (c *Calendar) Closures(year int) []Closure {
	m := c.closuresOf(year)
	out := make([]Closure, 0, len(m))
	for _, cl := range m {
		out = append(out, cl)
	}
	slices.SortFunc(out, func(a, b Closure) int { return a.Date.Compare(b.Date) })
	return out
}

// WorkingDaysIn returns the number of working days in a month.
func (c *Calendar) WorkingDaysIn(year int, month time.Month) int {
	n := 0
	for d := (date{year, month, 1}); d.m == month; d = d.add(1) {
		if c.isWorkday(d) {
			n++
		}
	}
	return n
}

// HolidaysWorked returns the national holidays of a year that are working
// days because the organisation does not observe them that year: Good
// Friday by default, and 5 May outside lustrum years when it is kept only
// then.
func (c *Calendar) HolidaysWorked(year int) []Closure {
	var out []Closure
	for _, h := range c.holidays() {
		if h.on.in(year) {
			continue
		}
		if _, obs := h.h.Calc(year); !obs.IsZero() {
			out = append(out, Closure{Date: time.Date(obs.Year(), obs.Month(), obs.Day(), 0, 0, 0, 0, c.loc), Name: h.h.Name, Holiday: true})
		}
	}
	return out
}

// Holiday returns the closure on t's date: a public holiday or a closed
// day, if t's date is one.
func (c *Calendar) Holiday(t time.Time) (Closure, bool) { return c.closure(dateOf(t.In(c.loc))) }
