package when

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Parse reads a moment from s. now is the current time in the organisation's
// time zone; the result is in the same zone. Phrases without a date mean the
// most recent day on which the moment had passed ("vrijdag 13:00" typed on a
// Friday at noon is last week's Friday). A clock time from 1 to 12 without a
// part of the day or am/pm that fits twice on that day returns *Ambiguous
// with both readings; when only one reading has passed, it is the answer.
func Parse(s string, now time.Time) (Moment, error) {
	if len(s) > maxText {
		return Moment{}, ErrUnreadable
	}
	s = normalize(s)
	if s == "" {
		return Moment{}, ErrUnreadable
	}
	if nowWords[s] {
		return Moment{Time: now.Truncate(time.Minute), Precision: Minute}, nil
	}
	if m, ok, err := parseISO(s, now); ok {
		return check(m, err, now)
	}
	if m, ok, err := parseAgo(s, now); ok {
		return check(m, err, now)
	}
	p, err := scan(s)
	if err != nil {
		return Moment{}, err
	}
	return p.resolve(now)
}

// maxText is the longest text Parse reads, in bytes: a moment is said in a
// few words, and a longer text is a story, not a time.
const maxText = 200

// check applies the rules every moment must satisfy.
func check(m Moment, err error, now time.Time) (Moment, error) {
	if err != nil {
		return Moment{}, err
	}
	if err := within(m.Time, now); err != nil {
		return Moment{}, err
	}
	return m, nil
}

// within returns ErrFuture for a time after now (beyond Skew) and ErrTooOld
// for one more than a year before now.
func within(t, now time.Time) error {
	if t.After(now.Add(Skew)) {
		return ErrFuture
	}
	if t.Before(now.AddDate(-1, 0, 0)) {
		return ErrTooOld
	}
	return nil
}

var nowWords = map[string]bool{
	"nu": true, "net": true, "zojuist": true, "zonet": true, "zoeven": true, "net nu": true, "daarnet": true,
	"nu net": true, "zo-even": true, "now": true, "just now": true, "right now": true, "a moment ago": true,
	"een moment geleden": true, "moment geleden": true,
}

var isoRe = regexp.MustCompile(`^(\d{4})-(\d{1,2})-(\d{1,2})(?:[t ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(z|[+-]\d{2}:?\d{2})?)?$`)

// parseISO reads ISO 8601 dates and date-times, with or without an offset.
func parseISO(s string, now time.Time) (Moment, bool, error) {
	m := isoRe.FindStringSubmatch(s)
	if m == nil {
		return Moment{}, false, nil
	}
	y, mo, d := atoi(m[1]), atoi(m[2]), atoi(m[3])
	if m[4] == "" {
		t, err := date(y, mo, d, now.Location())
		if err != nil {
			return Moment{}, true, err
		}
		return dayMoment(t, now), true, nil
	}
	h, mi, sec := atoi(m[4]), atoi(m[5]), atoi(m[6])
	if h > 23 || mi > 59 || sec > 59 {
		return Moment{}, true, ErrUnreadable
	}
	loc := now.Location()
	if off := m[7]; off != "" {
		secs := 0
		if off != "z" {
			off = strings.ReplaceAll(off, ":", "")
			secs = (atoi(off[1:3])*60 + atoi(off[3:5])) * 60
			if off[0] == '-' {
				secs = -secs
			}
		}
		loc = time.FixedZone("", secs)
	}
	t, err := date(y, mo, d, loc)
	if err != nil {
		return Moment{}, true, err
	}
	t = time.Date(t.Year(), t.Month(), t.Day(), h, mi, sec, 0, loc).In(now.Location())
	return Moment{Time: t, Precision: Minute}, true, nil
}

// date builds midnight of a calendar date and refuses dates that do not exist.
func date(y, m, d int, loc *time.Location) (time.Time, error) {
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return time.Time{}, ErrNoSuchDate
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, loc)
	if t.Day() != d || int(t.Month()) != m {
		return time.Time{}, ErrNoSuchDate
	}
	return t, nil
}

// dayMoment is a moment known to the day: noon, or now when today's noon
// has not come yet.
func dayMoment(day, now time.Time) Moment {
	t := atHour(day, 12, 0)
	if sameDay(day, now) && t.After(now) {
		t = now.Truncate(time.Minute)
	}
	return Moment{Time: t, Precision: Day}
}

func atHour(day time.Time, h, m int) time.Time {
	return time.Date(day.Year(), day.Month(), day.Day(), h, m, 0, 0, day.Location())
}

func sameDay(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return ay == by && am == bm && ad == bd
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}
