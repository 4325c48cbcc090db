// Package calendar is the organisation's working calendar and the time model
// of every task: which moments are working time (time zone, working week,
// working hours, public holidays and the organisation's own closed days), the
// arithmetic deadlines need (working hours, working days, the close of a
// working day), and the windows in which each kind of task is planned, with
// the moments it may be reminded and escalated.
//
// Everything here is pure: no clock is read, a Calendar never changes after
// New, and it is safe for concurrent use.
package calendar

import (
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"
)

// DefaultZone is the time zone of a calendar whose settings name none.
const DefaultZone = "Europe/Amsterdam"

// DefaultLocation returns DefaultZone loaded, or UTC where the system
// knows no time zones (the meldbot binary carries its own).
var DefaultLocation = sync.OnceValue(func() *time.Location {
	if loc, err := time.LoadLocation(DefaultZone); err == nil {
		return loc
	}
	return time.UTC
})

// WorkingWeek says when the organisation works: from Start to End (since
// midnight, on the wall clock) on each of Days; bot.WorkingHours is
// another name for it.
type WorkingWeek struct {
	Start time.Duration // since midnight, e.g. 8h30m
	End   time.Duration
	Days  []time.Weekday
}

// DefaultWeek is the working week of settings that name none: Monday to
// Friday, 08:30 to 17:00.
func DefaultWeek() WorkingWeek {
	return WorkingWeek{
		Start: 8*time.Hour + 30*time.Minute,
		End:   17 * time.Hour,
		Days:  []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday},
	}
}

// Settings are the organisation's calendar as its file describes it. The
// zero value is the default calendar of a Dutch municipality: Europe/
// Amsterdam, Monday to Friday 08:30–17:00, the holidays of the CAO Gemeenten
// (the national list without Good Friday, with 5 May every year), no closed
// days of its own and the default windows of every task kind.
type Settings struct {
	// Zone is the time zone; nil means DefaultZone.
	Zone *time.Location
	// Week is the working week and its hours; zero hours or no days mean
	// those of DefaultWeek.
	Week WorkingWeek
	// GoodFriday and LiberationDay say in which years those days are off;
	// empty means Never and EveryYear, as the CAO Gemeenten has it.
	GoodFriday, LiberationDay Observance
	// Closed are the organisation's own closed days.
	Closed []ClosedDay
	// Windows are the windows of the task kinds; kinds it does not name
	// keep DefaultWindows.
	Windows Windows
	// EscalateAfter is the working time between the reminder of a task
	// that is not urgent and its escalation; zero means
	// DefaultEscalateAfter.
	EscalateAfter time.Duration
}

// DefaultEscalateAfter is the working time between a reminder and the
// escalation of a task that is not urgent, when the settings name none.
const DefaultEscalateAfter = 2 * time.Hour

// Calendar is an organisation's working calendar. Build one with New.
type Calendar struct {
	loc     *time.Location
	week    WorkingWeek
	workday [7]bool
	good    Observance
	lib     Observance
	closed  []ClosedDay
	windows Windows
	// escalate is Settings.EscalateAfter, or its default.
	escalate time.Duration

	years map[int]map[date]Closure // closures per year, FirstYear to LastYear
}

// New returns the calendar of the settings, or an error that says what in
// them cannot be used.
func New(s Settings) (*Calendar, error) {
	c := &Calendar{loc: s.Zone, week: s.Week, good: s.GoodFriday, lib: s.LiberationDay,
		closed: slices.Clone(s.Closed), windows: DefaultWindows(), escalate: s.EscalateAfter, years: map[int]map[date]Closure{}}
	if c.escalate == 0 {
		c.escalate = DefaultEscalateAfter
	}
	if c.loc == nil {
		c.loc = DefaultLocation()
	}
	if def := DefaultWeek(); c.week.Start == 0 && c.week.End == 0 {
		c.week.Start, c.week.End = def.Start, def.End
	}
	c.week.Days = slices.Clone(c.week.Days)
	if len(c.week.Days) == 0 {
		c.week.Days = DefaultWeek().Days
	}
	if c.good == "" {
		c.good = Never
	}
	if c.lib == "" {
		c.lib = EveryYear
	}
	var errs []error
	if c.week.Start < 0 || c.week.End > 24*time.Hour || c.week.End <= c.week.Start {
		errs = append(errs, fmt.Errorf("working hours %s–%s: the end must come after the start, within one day",
			Clock(c.week.Start), Clock(c.week.End)))
	}
	for _, d := range c.week.Days {
		if d < time.Sunday || d > time.Saturday {
			errs = append(errs, fmt.Errorf("%d is not a day of the week", d))
			continue
		}
		c.workday[d] = true
	}
	if c.escalate < 0 || c.escalate > MaxEscalateAfter {
		errs = append(errs, fmt.Errorf("escalate after %v: use working time from a minute to %v", c.escalate, MaxEscalateAfter))
	}
	if !c.good.valid() {
		errs = append(errs, fmt.Errorf("Good Friday: %q is not every_year, lustrum or never", c.good))
	}
	if !c.lib.valid() {
		errs = append(errs, fmt.Errorf("Liberation Day: %q is not every_year, lustrum or never", c.lib))
	}
	for _, d := range c.closed {
		if err := d.Check(); err != nil {
			errs = append(errs, err)
		}
	}
	for kind, w := range s.Windows {
		c.windows[kind] = w
	}
	for _, p := range c.windows.Problems() {
		errs = append(errs, p)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	for y := FirstYear; y <= LastYear; y++ {
		c.years[y] = c.computeClosures(y)
	}
	return c, nil
}

// Location returns the calendar's time zone.
func (c *Calendar) Location() *time.Location { return c.loc }

// Week returns the calendar's working week and hours.
func (c *Calendar) Week() WorkingWeek {
	h := c.week
	h.Days = slices.Clone(h.Days)
	return h
}

// IsWorkday reports whether t's date, in the calendar's zone, is a working
// day: a day of the working week that is no holiday and no closed day.
func (c *Calendar) IsWorkday(t time.Time) bool { return c.isWorkday(dateOf(t.In(c.loc))) }

// IsWorkingTime reports whether t lies within working hours: on a working
// day, at or after the opening and before the close.
func (c *Calendar) IsWorkingTime(t time.Time) bool {
	t = t.In(c.loc)
	d := dateOf(t)
	return c.isWorkday(d) && !t.Before(c.open(d)) && t.Before(c.close(d))
}

// IsOnCallTime reports whether t lies outside working hours: the moments at
// which urgent first care goes to the on-call person (piket,
// bereikbaarheidsdienst) first, because the manager is not at work.
func (c *Calendar) IsOnCallTime(t time.Time) bool { return !c.IsWorkingTime(t) }

// NextWorkingMoment returns t itself when it is working time, else the
// opening of the next working day: when something that can wait should
// arrive.
func (c *Calendar) NextWorkingMoment(t time.Time) time.Time {
	t = t.In(c.loc)
	d := dateOf(t)
	if c.isWorkday(d) && t.Before(c.close(d)) {
		if open := c.open(d); t.Before(open) {
			return open
		}
		return t
	}
	return c.open(c.nextWorkday(d))
}

// StartOfWorkingDay returns the opening of the working day on t's date, or
// of the next working day when that date is none. It can lie before t: the
// morning of a day, whatever the hour of t.
func (c *Calendar) StartOfWorkingDay(t time.Time) time.Time {
	d := dateOf(t.In(c.loc))
	if !c.isWorkday(d) {
		d = c.nextWorkday(d)
	}
	return c.open(d)
}

// EndOfWorkingDay returns the close of the working day t falls in (t at or
// before its close), else the close of the next working day.
func (c *Calendar) EndOfWorkingDay(t time.Time) time.Time {
	t = t.In(c.loc)
	d := dateOf(t)
	if c.isWorkday(d) && !t.After(c.close(d)) {
		return c.close(d)
	}
	return c.close(c.nextWorkday(d))
}

// date is a day of the calendar, without time or zone.
type date struct {
	y int
	m time.Month
	d int
}

func dateOf(t time.Time) date {
	y, m, d := t.Date()
	return date{y, m, d}
}

// add returns the date n days later (earlier for negative n).
func (d date) add(n int) date {
	return dateOf(time.Date(d.y, d.m, d.d+n, 12, 0, 0, 0, time.UTC))
}

func (d date) weekday() time.Weekday {
	return time.Date(d.y, d.m, d.d, 12, 0, 0, 0, time.UTC).Weekday()
}

// at returns the moment on d's wall clock, since midnight, in loc; on the
// days summer time starts or ends this is the wall clock, not the elapsed
// time since midnight.
func (d date) at(since time.Duration, loc *time.Location) time.Time {
	return time.Date(d.y, d.m, d.d, int(since/time.Hour), int(since%time.Hour/time.Minute), 0, 0, loc)
}

func (c *Calendar) open(d date) time.Time  { return d.at(c.week.Start, c.loc) }
func (c *Calendar) close(d date) time.Time { return d.at(c.week.End, c.loc) }

func (c *Calendar) isWorkday(d date) bool {
	if !c.workday[d.weekday()] {
		return false
	}
	_, closed := c.closure(d)
	return !closed
}

// maxScan bounds every search for a working day. New refuses no calendar
// whose closed days leave a year without working days, but a search never
// runs away: after this many days it gives up on the date it reached.
const maxScan = 3 * 366

// nextWorkday returns the first working day after d.
func (c *Calendar) nextWorkday(d date) date {
	for range maxScan {
		d = d.add(1)
		if c.isWorkday(d) {
			return d
		}
	}
	return d
}

// Clock renders a time of day, since midnight, as 08:30.
func Clock(d time.Duration) string {
	return fmt.Sprintf("%02d:%02d", int(d/time.Hour), int(d%time.Hour/time.Minute))
}

// FirstWorkingDay returns the first working day of t's month, at midnight
// in the calendar's zone: when a duty that comes on the first working day
// of a month is due.
func (c *Calendar) FirstWorkingDay(t time.Time) time.Time {
	t = t.In(c.loc)
	d := date{t.Year(), t.Month(), 1}
	if !c.isWorkday(d) {
		d = c.nextWorkday(d)
	}
	return time.Date(d.y, d.m, d.d, 0, 0, 0, 0, c.loc)
}
