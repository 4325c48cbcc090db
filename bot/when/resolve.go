package when

import "time"

// resolve places the phrase in time relative to now: on the most recent
// day on which it has passed. A clock time from 1 to 12 without a part of
// the day has two readings on that day; when both have passed, resolve
// returns them as *Ambiguous rather than guess.
func (p phrase) resolve(now time.Time) (Moment, error) {
	var clocks []int
	if p.hasTime {
		var err error
		if clocks, err = p.readings(); err != nil {
			return Moment{}, err
		}
	}
	days, err := p.candidateDays(now)
	if err != nil {
		return Moment{}, err
	}
	// days are ordered from most recent; take the first on which the
	// phrase has passed. Only the first is tried when the day was named
	// exactly.
	var last error = ErrFuture
	for _, day := range days {
		if p.nightAfter {
			day = day.AddDate(0, 0, 1)
		}
		ms, err := p.on(day, clocks, now)
		switch {
		case err != nil:
			last = err
		case len(ms) == 1:
			return ms[0], nil
		default:
			return Moment{}, &Ambiguous{Readings: ms}
		}
	}
	return Moment{}, last
}

// readings returns the clock times the typed time may mean, in minutes
// since midnight and in time order: one, or both readings of a 12-hour
// time. A part of the day keeps the reading that lies in it ("3 uur 's
// middags" is 15:00, "half 1 's nachts" 00:30) and refuses a time outside
// it ("vanochtend 20:00").
func (p phrase) readings() ([]int, error) {
	clocks := []int{p.at.minutes}
	if p.at.twelve {
		c := p.at.minutes % (day / 2)
		clocks = []int{c, c + day/2}
	}
	if p.part == "" {
		return clocks, nil
	}
	for _, c := range clocks {
		if c, ok := p.part.holds(c, p.nightAfter); ok {
			return []int{c}, nil
		}
	}
	return nil, ErrUnreadable
}

// holds reports whether a clock time said with this part of the day lies
// in it, and returns it counted from the midnight of the day the part
// belongs to. The bounds are wider than the hours of the part: people say
// "5 uur 's ochtends", "6 uur 's middags", "11 uur 's nachts" and "half 1
// 's avonds". The night after a day ("vannacht") belongs to the next
// morning, so its 23:00 is -60.
func (pt Part) holds(c int, nightAfter bool) (int, bool) {
	switch pt {
	case Night:
		if c >= 22*60 && c < day {
			if nightAfter {
				c -= day
			}
			return c, true
		}
		return c, c < 7*60
	case Morning:
		return c, c >= 4*60 && c <= 12*60
	case Afternoon:
		return c, c >= 12*60 && c <= 19*60
	}
	if c < 60 {
		c += day // "half 1 's avonds" is after midnight
	}
	return c, c >= 17*60 && c < day+60
}

// candidateDays returns the days the phrase may mean, most recent first.
func (p phrase) candidateDays(now time.Time) ([]time.Time, error) {
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, now.Location())
	switch {
	case p.hasDate:
		if p.daysAgo >= 0 || p.before || p.lastWeek {
			return nil, ErrUnreadable
		}
		y := p.y
		if y == 0 {
			y = now.Year()
		}
		day, err := date(y, p.m, p.d, now.Location())
		if err != nil {
			return nil, err
		}
		if p.hasWeekday && day.Weekday() != p.weekday {
			return nil, ErrUnreadable
		}
		if p.y == 0 && day.After(today) {
			// "28-11" typed in January means last year's.
			if day, err = date(y-1, p.m, p.d, now.Location()); err != nil {
				return nil, err
			}
		}
		return []time.Time{day}, nil
	case p.hasWeekday:
		if p.daysAgo >= 0 {
			return nil, ErrUnreadable
		}
		if p.lastWeek {
			monday := today.AddDate(0, 0, -((int(today.Weekday())+6)%7)-7)
			return []time.Time{monday.AddDate(0, 0, (int(p.weekday)+6)%7)}, nil
		}
		back := (int(today.Weekday()) - int(p.weekday) + 7) % 7
		if back == 0 && p.before {
			back = 7
		}
		first := today.AddDate(0, 0, -back)
		if back == 0 {
			return []time.Time{first, first.AddDate(0, 0, -7)}, nil
		}
		return []time.Time{first}, nil
	case p.before || p.lastWeek:
		return nil, ErrUnreadable
	case p.daysAgo >= 0:
		return []time.Time{today.AddDate(0, 0, -p.daysAgo)}, nil
	case p.hasTime || p.part != "":
		// Only a time or a part of the day: today if it has passed, else
		// yesterday.
		return []time.Time{today, today.AddDate(0, 0, -1)}, nil
	}
	return nil, ErrUnreadable
}

// on places the phrase on a given day and returns what lies in the allowed
// window: the readings of its clock time, or its part of the day, or the day
// itself. When nothing does, it returns ErrFuture or ErrTooOld.
func (p phrase) on(day time.Time, clocks []int, now time.Time) ([]Moment, error) {
	if p.hasTime {
		var valid []Moment
		var err error
		for _, c := range clocks {
			m := Moment{Time: atHour(day, c/60, c%60), Precision: Minute, Approx: p.approx} // 24:00 is the next day
			if err = within(m.Time, now); err == nil {
				valid = append(valid, m)
			}
		}
		if len(valid) == 0 {
			return nil, err
		}
		return valid, nil
	}
	var m Moment
	if p.part != "" {
		from, typical := p.part.hours()
		if atHour(day, from, 0).After(now) {
			return nil, ErrFuture
		}
		t := atHour(day, typical, 0)
		if t.After(now) {
			t = now.Truncate(time.Minute)
		}
		m = Moment{Time: t, Precision: PartOfDay, Part: p.part}
	} else {
		if day.After(now) {
			return nil, ErrFuture
		}
		m = dayMoment(day, now)
	}
	m.Approx = p.approx
	if err := within(m.Time, now); err != nil {
		return nil, err
	}
	return []Moment{m}, nil
}
