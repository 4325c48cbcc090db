package when

import (
	"errors"
	"regexp"
	"strings"
	"time"
)

// ErrPast means a date that should lie ahead, such as the end of a ban, has
// already passed.
var ErrPast = errors.New("when: not in the future")

// ErrTooFar means a date that should lie ahead lies more than MaxUntilYears
// ahead.
var ErrTooFar = errors.New("when: too far ahead")

// MaxUntilYears is how many years ahead ParseUntil accepts a date: a
// measure meant to last longer, such as a visitor ban, is decided again
// before then.
const MaxUntilYears = 10

// LatestUntil returns the last moment ParseUntil accepts at now: the end of
// the day MaxUntilYears from now.
func LatestUntil(now time.Time) time.Time { return endOfDay(now.AddDate(MaxUntilYears, 0, 0)) }

var periodRe = regexp.MustCompile(`^(\d+|een|één|a|an|half|halve) ?(dagen|dag|days|day|weken|week|weeks|maanden|maand|months|month|jaar|jaren|years|year)$`)

// ParseUntil reads a date in the future, such as the end of a visitor ban:
// "31-12-2026", "31-12", "2027-03-01", "1 maart 2027", or a period from now:
// "6 weken", "3 maanden", "1 jaar", "half jaar", "6 months". The result is
// the end of that day in now's time zone, after now and not after
// LatestUntil(now): a date that has passed is ErrPast, one further ahead
// ErrTooFar.
func ParseUntil(s string, now time.Time) (time.Time, error) {
	s = strings.Join(strings.Fields(strings.ToLower(strings.TrimSpace(s))), " ")
	s = strings.TrimPrefix(s, "tot ")
	s = strings.TrimPrefix(s, "until ")
	s = strings.TrimPrefix(s, "voor ")
	s = strings.TrimPrefix(s, "for ")
	if s == "half jaar" || s == "een half jaar" || s == "half a year" || s == "six months" {
		s = "6 maanden"
	}
	var day time.Time
	if m := periodRe.FindStringSubmatch(s); m != nil {
		n := 1
		switch m[1] {
		case "een", "één", "a", "an":
		case "half", "halve":
			return time.Time{}, ErrUnreadable
		default:
			n = atoi(m[1])
		}
		if n > maxPeriod {
			// Far beyond the limit; checked here so the arithmetic below
			// cannot overflow.
			return time.Time{}, ErrTooFar
		}
		switch {
		case strings.HasPrefix(m[2], "da"):
			day = now.AddDate(0, 0, n)
		case strings.HasPrefix(m[2], "we"):
			day = now.AddDate(0, 0, 7*n)
		case strings.HasPrefix(m[2], "ma") || strings.HasPrefix(m[2], "mo"):
			day = now.AddDate(0, n, 0)
		default:
			day = now.AddDate(n, 0, 0)
		}
	} else if m := isoRe.FindStringSubmatch(s); m != nil && m[4] == "" {
		var err error
		if day, err = date(atoi(m[1]), atoi(m[2]), atoi(m[3]), now.Location()); err != nil {
			return time.Time{}, err
		}
	} else {
		p, err := scan(normalize(s))
		if err != nil {
			return time.Time{}, err
		}
		if !p.hasDate || p.hasTime || p.part != "" || p.daysAgo >= 0 || p.hasWeekday {
			return time.Time{}, ErrUnreadable
		}
		y := p.y
		if y == 0 {
			y = now.Year()
		}
		if day, err = date(y, p.m, p.d, now.Location()); err != nil {
			return time.Time{}, err
		}
		if p.y == 0 && !endOfDay(day).After(now) {
			// "31-03" typed in April means next year's; today's date
			// is today.
			if day, err = date(y+1, p.m, p.d, now.Location()); err != nil {
				return time.Time{}, err
			}
		}
	}
	end := endOfDay(day)
	switch {
	case !end.After(now):
		return time.Time{}, ErrPast
	case end.After(LatestUntil(now)):
		return time.Time{}, ErrTooFar
	}
	return end, nil
}

// maxPeriod is a count of days, weeks, months or years beyond any limit.
const maxPeriod = 100 * 366

// endOfDay returns 23:59 on t's day, in t's time zone.
func endOfDay(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 23, 59, 0, 0, t.Location())
}
