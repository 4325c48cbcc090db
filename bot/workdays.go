package bot

import (
	"time"

	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/nl"
)

// Calendar knows the organisation's working days and hours: weekends and
// Dutch public holidays are not working days.
type Calendar struct {
	c   *cal.BusinessCalendar
	loc *time.Location
}

// NewCalendar returns the working calendar of the organisation, in its time
// zone; without working hours it uses DefaultWorkingHours.
func NewCalendar(org *Organisation) *Calendar {
	c := cal.NewBusinessCalendar()
	c.AddHoliday(nl.Holidays...)
	for d := time.Sunday; d <= time.Saturday; d++ {
		c.SetWorkday(d, false)
	}
	wh, def := org.WorkingHours, DefaultWorkingHours()
	if len(wh.Days) == 0 {
		wh.Days = def.Days
	}
	for _, d := range wh.Days {
		c.SetWorkday(d, true)
	}
	if wh.End <= wh.Start {
		wh.Start, wh.End = def.Start, def.End
	}
	c.SetWorkHours(wh.Start, wh.End)
	return &Calendar{c: c, loc: org.Zone()}
}

// IsWorkday reports whether t's date is a working day.
func (c *Calendar) IsWorkday(t time.Time) bool { return c.c.IsWorkday(t.In(c.loc)) }

// AddWorkingHours returns the moment n working hours after t.
func (c *Calendar) AddWorkingHours(t time.Time, n time.Duration) time.Time {
	return c.c.AddWorkHours(t.In(c.loc), n)
}

// AddWorkingDays returns the same clock time n working days after t's date;
// "within 2 working days" of a Friday-afternoon report is Tuesday afternoon.
func (c *Calendar) AddWorkingDays(t time.Time, n int) time.Time {
	return c.c.WorkdaysFrom(t.In(c.loc), n)
}

// StartOfWork returns the start of the working day of t when t is before it
// on a working day, t itself during working hours, and otherwise the start
// of the next working day: the moment a message that can wait should arrive.
func (c *Calendar) StartOfWork(t time.Time) time.Time {
	t = t.In(c.loc)
	if c.c.IsWorkTime(t) {
		return t
	}
	if start := c.c.WorkdayStart(t); !start.IsZero() && t.Before(start) {
		return start
	}
	return c.c.NextWorkdayStart(t)
}

// MorningOf returns the start of the working day of t's date, or of the
// next working day when t's date is not one.
func (c *Calendar) MorningOf(t time.Time) time.Time {
	t = t.In(c.loc)
	return c.StartOfWork(time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, c.loc))
}

// EndOfWork returns the end of the working day of t, or of the next working
// day when t is after it or not on a working day.
func (c *Calendar) EndOfWork(t time.Time) time.Time { return c.c.NextWorkdayEnd(t.In(c.loc)) }

// FirstWorkday returns the start (midnight) of the first working day of
// t's month in the organisation's time zone.
func (c *Calendar) FirstWorkday(t time.Time) time.Time {
	t = t.In(c.loc)
	day := time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, c.loc)
	for !c.c.IsWorkday(day) {
		day = day.AddDate(0, 0, 1)
	}
	return day
}
