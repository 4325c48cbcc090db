package calendar

import "time"

// AddWorkingHours returns the moment after d of working time has passed
// from t, counting only working hours: always on a working day, after its
// opening and at or before its close (work that ends exactly at closing
// time is due at the close, not the next morning). For d <= 0 it returns
// the next working moment.
func (c *Calendar) AddWorkingHours(t time.Time, d time.Duration) time.Time {
	cur := c.NextWorkingMoment(t)
	if d <= 0 {
		return cur
	}
	for range maxScan {
		day := dateOf(cur)
		left := c.close(day).Sub(cur)
		if d <= left {
			return cur.Add(d)
		}
		d -= left
		cur = c.open(c.nextWorkday(day))
	}
	return cur
}

// AddWorkingDays returns the close of the nth whole working day from t: a
// working day counts when t is at or before its opening, so a report on
// Sunday night or Monday 07:00 has Monday as its first day, and one on
// Monday 10:00 has Tuesday. 0 working days is the close of the working day
// in progress at t, or of the next one when t is after hours: "the same
// working day".
func (c *Calendar) AddWorkingDays(t time.Time, n int) time.Time {
	t = t.In(c.loc)
	if n <= 0 {
		return c.EndOfWorkingDay(t)
	}
	d := dateOf(t)
	if !c.isWorkday(d) || t.After(c.open(d)) {
		d = c.nextWorkday(d)
	}
	for i := 1; i < n; i++ {
		d = c.nextWorkday(d)
	}
	return c.close(d)
}

// WorkingDaysAfter returns the opening of the nth working day after t's
// date; the day of t itself does not count, whatever the hour. For n <= 0
// it returns the next working moment.
func (c *Calendar) WorkingDaysAfter(t time.Time, n int) time.Time {
	if n <= 0 {
		return c.NextWorkingMoment(t)
	}
	d := dateOf(t.In(c.loc))
	for range n {
		d = c.nextWorkday(d)
	}
	return c.open(d)
}

// WholeWorkingDays returns how many working days lie entirely between from
// and to: opened at or after from and closed at or before to.
func (c *Calendar) WholeWorkingDays(from, to time.Time) int {
	n := 0
	for d := dateOf(from.In(c.loc)); !c.open(d).After(to); d = d.add(1) {
		if c.isWorkday(d) && !c.open(d).Before(from) && !c.close(d).After(to) {
			n++
		}
	}
	return n
}

// WorkingTimeBetween returns how much working time lies between from and
// to (0 when to is not after from): the inverse of AddWorkingHours.
func (c *Calendar) WorkingTimeBetween(from, to time.Time) time.Duration {
	var sum time.Duration
	for cur := c.NextWorkingMoment(from); cur.Before(to); {
		day := dateOf(cur)
		end := c.close(day)
		if to.Before(end) {
			end = to
		}
		sum += end.Sub(cur)
		cur = c.open(c.nextWorkday(day))
	}
	return sum
}

// addAmount returns t plus a: working time on the calendar's working hours
// and days, calendar time day and night (days and weeks on the wall clock,
// so a week from 16:00 is 16:00 again across a change of summer time).
func (c *Calendar) addAmount(t time.Time, a Amount) time.Time {
	t = t.In(c.loc)
	switch a.Unit {
	case WorkingHours:
		return c.AddWorkingHours(t, time.Duration(a.N)*time.Hour)
	case WorkingDays:
		return c.AddWorkingDays(t, a.N)
	case Days:
		return t.AddDate(0, 0, a.N)
	case Weeks:
		return t.AddDate(0, 0, 7*a.N)
	}
	return t.Add(a.Calendar())
}
