package when

import (
	"errors"
	"testing"
	"time"
)

// fuzzNow turns any number into a moment between 2000 and 2100 in
// Amsterdam, to the second.
func fuzzNow(secs int64) time.Time {
	from := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	span := time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC).Unix() - from
	return time.Unix(from+(secs%span+span)%span, 0).In(ams)
}

// FuzzParse holds Parse to its promises for any text typed at any moment:
// it does not panic; a moment lies between a year ago and now (give or take
// Skew), in now's time zone, with a known precision and a part of the day
// exactly when its precision says so; a clock time from 1 to 12 without a
// part of the day is never returned with minute precision while its other
// reading also fits; and the readings of an ambiguous time are two distinct
// moments of one day, in time order, each of which fits.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"nu", "gisteren 9:15", "28-11-2026 16:00", "vrijdagmiddag", "2026-11-28T16:00Z", "24:00",
		"om half drie", "kwart over 9", "tien voor half vier", "een uur of drie", "twee uur geleden",
		"an hour and a half ago", "gisteren 3 uur 's middags", "vannacht om 11 uur", "zaterdagnacht",
	} {
		f.Add(s, friday.Unix())
	}
	f.Fuzz(func(t *testing.T, s string, secs int64) {
		now := fuzzNow(secs)
		m, err := Parse(s, now)
		var amb *Ambiguous
		switch {
		case errors.As(err, &amb):
			checkReadings(t, s, now, amb.Readings)
		case err != nil:
			if !errors.Is(err, ErrUnreadable) && !errors.Is(err, ErrNoSuchDate) &&
				!errors.Is(err, ErrFuture) && !errors.Is(err, ErrTooOld) {
				t.Errorf("Parse(%q) at %v: unknown error %v", s, now, err)
			}
		default:
			checkMoment(t, s, now, m)
			checkNotAGuess(t, s, now, m)
		}
	})
}

func checkMoment(t *testing.T, s string, now time.Time, m Moment) {
	t.Helper()
	if err := within(m.Time, now); err != nil {
		t.Errorf("Parse(%q) at %v = %v: %v", s, now, m.Time, err)
	}
	if m.Time.Location() != now.Location() {
		t.Errorf("Parse(%q) at %v = %v: not in now's time zone", s, now, m.Time)
	}
	switch m.Precision {
	case Minute, Day:
		if m.Part != "" {
			t.Errorf("Parse(%q) at %v: part %q with precision %q", s, now, m.Part, m.Precision)
		}
	case PartOfDay:
		if m.Part != Night && m.Part != Morning && m.Part != Afternoon && m.Part != Evening {
			t.Errorf("Parse(%q) at %v: unknown part %q", s, now, m.Part)
		}
	default:
		t.Errorf("Parse(%q) at %v: unknown precision %q", s, now, m.Precision)
	}
}

// checkNotAGuess: when a 12-hour clock time comes back as one moment, its
// other reading on that day lies outside the window.
func checkNotAGuess(t *testing.T, s string, now time.Time, m Moment) {
	t.Helper()
	p, err := scan(normalize(s))
	if err != nil || !p.hasTime || !p.at.twelve || p.part != "" || m.Precision != Minute {
		return
	}
	c := p.at.minutes % (day / 2)
	morning, afternoon := atHour(m.Time, c/60, c%60), atHour(m.Time, (c+day/2)/60, c%60)
	switch {
	case m.Time.Equal(morning):
		if within(afternoon, now) == nil {
			t.Errorf("Parse(%q) at %v = %v, but %v fits too", s, now, m.Time, afternoon)
		}
	case m.Time.Equal(afternoon):
		if within(morning, now) == nil {
			t.Errorf("Parse(%q) at %v = %v, but %v fits too", s, now, m.Time, morning)
		}
	default:
		t.Errorf("Parse(%q) at %v = %v: neither reading %v nor %v", s, now, m.Time, morning, afternoon)
	}
}

func checkReadings(t *testing.T, s string, now time.Time, rs []Moment) {
	t.Helper()
	if len(rs) != 2 {
		t.Fatalf("Parse(%q) at %v: %d readings, want 2", s, now, len(rs))
	}
	for _, r := range rs {
		checkMoment(t, s, now, r)
		if r.Precision != Minute || r.Approx != rs[0].Approx {
			t.Errorf("Parse(%q) at %v: reading %+v", s, now, r)
		}
	}
	if !rs[0].Time.Before(rs[1].Time) {
		t.Errorf("Parse(%q) at %v: readings %v and %v not distinct and in order", s, now, rs[0].Time, rs[1].Time)
	}
	if !sameDay(rs[0].Time, rs[1].Time) {
		t.Errorf("Parse(%q) at %v: readings %v and %v on different days", s, now, rs[0].Time, rs[1].Time)
	}
}
