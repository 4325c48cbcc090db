package register

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Period is a stretch of the calendar an overview covers: a month, a
// quarter, a half-year or a year, from the first moment of From up to but
// not including To, in the organisation's time zone.
type Period struct {
	// Key names the period: "2026-11", "2026-Q3", "2026-H1" or "2026".
	Key      string
	From, To time.Time
}

// ErrBadPeriod is returned by ParsePeriod for text that names no period.
var ErrBadPeriod = errors.New("not a period such as 2026-Q3, 2026-H1 or 2026")

// ParsePeriod reads a period as people type it: "2026-Q3", "Q3 2026",
// "2026 K3" (kwartaal), "2026-H1", "H2 2026", "2026" or "2026-11". Bounds
// are in now's time zone. Empty text means the last complete quarter
// before now.
func ParsePeriod(s string, now time.Time) (Period, error) {
	f := strings.FieldsFunc(strings.ToUpper(strings.TrimSpace(s)), func(r rune) bool { return r == ' ' || r == '-' || r == '/' })
	if len(f) == 0 {
		return QuarterOf(now).Previous(), nil
	}
	year, unit, n := 0, "", 0
	for _, part := range f {
		switch {
		case len(part) == 4 && isDigits(part):
			year, _ = strconv.Atoi(part)
		case len(part) == 2 && (part[0] == 'Q' || part[0] == 'K') && part[1] >= '1' && part[1] <= '4':
			unit, n = "Q", int(part[1]-'0')
		case len(part) == 2 && part[0] == 'H' && (part[1] == '1' || part[1] == '2'):
			unit, n = "H", int(part[1]-'0')
		case len(part) <= 2 && isDigits(part):
			m, _ := strconv.Atoi(part)
			if m < 1 || m > 12 {
				return Period{}, fmt.Errorf("%q: %w", s, ErrBadPeriod)
			}
			unit, n = "M", m
		default:
			return Period{}, fmt.Errorf("%q: %w", s, ErrBadPeriod)
		}
	}
	if year < 2000 || year > 9999 || len(f) > 2 || (len(f) == 2 && unit == "") {
		return Period{}, fmt.Errorf("%q: %w", s, ErrBadPeriod)
	}
	loc := now.Location()
	start := func(m int) time.Time { return time.Date(year, time.Month(m), 1, 0, 0, 0, 0, loc) }
	switch unit {
	case "Q":
		return Period{Key: fmt.Sprintf("%d-Q%d", year, n), From: start(3*n - 2), To: start(3*n-2).AddDate(0, 3, 0)}, nil
	case "H":
		return Period{Key: fmt.Sprintf("%d-H%d", year, n), From: start(6*n - 5), To: start(6*n-5).AddDate(0, 6, 0)}, nil
	case "M":
		return Period{Key: fmt.Sprintf("%d-%02d", year, n), From: start(n), To: start(n).AddDate(0, 1, 0)}, nil
	}
	return Period{Key: strconv.Itoa(year), From: start(1), To: start(1).AddDate(1, 0, 0)}, nil
}

// QuarterOf returns the quarter t falls in.
func QuarterOf(t time.Time) Period {
	p, _ := ParsePeriod(fmt.Sprintf("%d-Q%d", t.Year(), (int(t.Month())+2)/3), t)
	return p
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// Unit says what kind of period p is: "month", "quarter", "half" or "year".
func (p Period) Unit() string {
	switch {
	case len(p.Key) == 4:
		return "year"
	case strings.Contains(p.Key, "Q"):
		return "quarter"
	case strings.Contains(p.Key, "H"):
		return "half"
	}
	return "month"
}

// Previous returns the period of the same kind just before p: the quarter
// before a quarter, the year before a year.
func (p Period) Previous() Period {
	q, _ := ParsePeriod(PeriodKey(p.Unit(), p.From.Add(-time.Hour)), p.From)
	return q
}

// YearEarlier returns the same period a year before p.
func (p Period) YearEarlier() Period {
	q, _ := ParsePeriod(PeriodKey(p.Unit(), p.From.AddDate(-1, 0, 0)), p.From)
	return q
}

// Months returns the first moment of every month of the period.
func (p Period) Months() []time.Time {
	var out []time.Time
	for m := p.From; m.Before(p.To); m = m.AddDate(0, 1, 0) {
		out = append(out, m)
	}
	return out
}

// PeriodKey names the period of a kind ("month", "quarter", "half" or
// "year") that t falls in: "2026-11", "2026-Q4", "2026-H2" or "2026".
func PeriodKey(unit string, t time.Time) string {
	switch unit {
	case "quarter":
		return fmt.Sprintf("%d-Q%d", t.Year(), (int(t.Month())+2)/3)
	case "half":
		return fmt.Sprintf("%d-H%d", t.Year(), (int(t.Month())+5)/6)
	case "year":
		return strconv.Itoa(t.Year())
	}
	return t.Format("2006-01")
}
