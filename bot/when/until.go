package when

import (
	"errors"
	"math"
	"slices"
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

// ParseUntil reads a date in the future, such as the end of a visitor ban:
// "31-12-2026", "31-12", "2027-03-01", "1 maart 2027", or a period from now
// in digits or words: "6 weken", "3 maanden", "over drie maanden", "1 jaar",
// "een half jaar", "anderhalf jaar", "tot over twee weken", "6 months", "in
// three months". The result is the end of that day in now's time zone,
// after now and not after LatestUntil(now): a date that has passed is
// ErrPast, one further ahead ErrTooFar.
func ParseUntil(s string, now time.Time) (time.Time, error) {
	if len(s) > maxText {
		return time.Time{}, ErrUnreadable
	}
	s = untilWords(s)
	var day time.Time
	if d, ok, err := period(s, now); ok {
		if err != nil {
			return time.Time{}, err
		}
		day = d
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

// untilWords lower-cases s and drops the words around an end date that do
// not change it: "tot", "over", "voor", "nog", "until", "in", "for", and
// "vanaf nu", "lang", "from now".
func untilWords(s string) string {
	s = strings.ReplaceAll(strings.ToLower(plainLetters.Replace(s)), "tot en met", "tot")
	s = decimalComma.ReplaceAllString(s, "$1.$2")
	words := strings.Fields(s)
	for len(words) > 1 && untilPrefixes[words[0]] {
		words = words[1:]
	}
	for _, tail := range [][]string{{"vanaf", "nu"}, {"vanaf", "vandaag"}, {"from", "now"}, {"from", "today"}, {"lang"}, {"long"}} {
		if len(words) > len(tail) && slices.Equal(words[len(words)-len(tail):], tail) {
			words = words[:len(words)-len(tail)]
		}
	}
	return strings.Join(words, " ")
}

var untilPrefixes = map[string]bool{
	"tot": true, "t/m": true, "over": true, "voor": true, "nog": true, "na": true,
	"until": true, "till": true, "in": true, "for": true, "after": true, "another": true,
}

// periodUnits are the lengths a period is counted in: days, or months.
var periodUnits = map[string]struct{ days, months int }{
	"dag": {days: 1}, "dagen": {days: 1}, "day": {days: 1}, "days": {days: 1},
	"week": {days: 7}, "weken": {days: 7}, "weeks": {days: 7},
	"maand": {months: 1}, "maanden": {months: 1}, "month": {months: 1}, "months": {months: 1},
	"jaar": {months: 12}, "jaren": {months: 12}, "year": {months: 12}, "years": {months: 12},
}

// period reads a period from now, "3 maanden", "drie maanden", "een half
// jaar", "anderhalf jaar", and returns the day it ends. ok is false when s
// is not a period; a vague one ("een paar weken") is ErrUnreadable, a
// length far beyond any limit ErrTooFar.
func period(s string, now time.Time) (day time.Time, ok bool, err error) {
	words := strings.Fields(s)
	if len(words) < 2 {
		return time.Time{}, false, nil
	}
	unit, known := periodUnits[words[len(words)-1]]
	if !known {
		return time.Time{}, false, nil
	}
	amount := words[:len(words)-1]
	if len(amount) == 1 && digitsOnly(amount[0]) && len(amount[0]) > 9 {
		// Far beyond the limit; refused before any arithmetic overflows.
		return time.Time{}, true, ErrTooFar
	}
	if len(amount) == 1 && isArticle(amount[0]) {
		amount = []string{"1"} // "een jaar", "a year"
	}
	q, n, vague, err := readQuantity(amount)
	if err != nil || vague || n != len(amount) || q <= 0 {
		return time.Time{}, true, ErrUnreadable
	}
	if q > maxPeriod {
		return time.Time{}, true, ErrTooFar
	}
	if unit.days > 0 {
		return now.AddDate(0, 0, int(math.Round(q*float64(unit.days)))), true, nil
	}
	months := q * float64(unit.months)
	whole := int(months)
	return now.AddDate(0, whole, int(math.Round((months-float64(whole))*30))), true, nil
}

func digitsOnly(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// maxPeriod is a count of days, weeks, months or years beyond any limit.
const maxPeriod = 100 * 366

// endOfDay returns 23:59 on t's day, in t's time zone.
func endOfDay(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 23, 59, 0, 0, t.Location())
}
