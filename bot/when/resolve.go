package when

import "time"

// resolve places the phrase in time relative to now: the most recent moment
// that fits it.
func (p phrase) resolve(now time.Time) (Moment, error) {
	if p.hasTime {
		p.applyMeridiem()
	}
	days, err := p.candidateDays(now)
	if err != nil {
		return Moment{}, err
	}
	// days are ordered from most recent; take the first that is not in the
	// future. Only the first is tried when the day was named exactly.
	var last error = ErrFuture
	for _, day := range days {
		m, err := p.on(day, now)
		if err == nil {
			return m, nil
		}
		last = err
	}
	return Moment{}, last
}

// applyMeridiem turns 12-hour times into 24-hour times: "4pm", "vanavond 8".
func (p *phrase) applyMeridiem() {
	switch {
	case p.meridiem == "am" && p.hour == 12:
		p.hour = 0
	case p.meridiem == "pm" && p.hour < 12:
		p.hour += 12
	case p.meridiem == "" && p.hour >= 1 && p.hour < 12 && (p.part == Afternoon || p.part == Evening):
		p.hour += 12
	}
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

// on places the phrase on a given day, or returns ErrFuture.
func (p phrase) on(day, now time.Time) (Moment, error) {
	switch {
	case p.hasTime:
		t := atHour(day, p.hour, p.min) // 24:00 normalises to the next day
		if p.part != "" {
			from, to, _ := p.part.hours()
			if h := p.hour; h < from || h > to || (h == to && p.min > 0) {
				return Moment{}, ErrUnreadable // "vanochtend 20:00"
			}
		}
		if t.After(now.Add(Skew)) {
			return Moment{}, ErrFuture
		}
		return Moment{Time: t, Precision: Minute}, nil
	case p.part != "":
		from, _, typical := p.part.hours()
		start := atHour(day, from, 0)
		if start.After(now) {
			return Moment{}, ErrFuture
		}
		t := atHour(day, typical, 0)
		if t.After(now) {
			t = now.Truncate(time.Minute)
		}
		return Moment{Time: t, Precision: PartOfDay, Part: p.part}, nil
	}
	if day.After(now) {
		return Moment{}, ErrFuture
	}
	return dayMoment(day, now), nil
}
