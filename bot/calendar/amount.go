package calendar

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Unit is what an Amount counts: calendar time (minutes, hours, days,
// weeks) or working time (working hours, working days).
type Unit string

// The units of an Amount.
const (
	Minutes      Unit = "minutes"
	Hours        Unit = "hours"
	Days         Unit = "days"
	Weeks        Unit = "weeks"
	WorkingHours Unit = "working hours"
	WorkingDays  Unit = "working days"
)

// Amount is a length of time in a unit, such as 4 working hours or 72
// hours. Calendar units count day and night; working units count only the
// working hours of working days.
type Amount struct {
	N    int
	Unit Unit
}

// Convenience constructors for the amounts of the defaults.
func workingHours(n int) Amount { return Amount{n, WorkingHours} }
func workingDays(n int) Amount  { return Amount{n, WorkingDays} }
func minutes(n int) Amount      { return Amount{n, Minutes} }
func hours(n int) Amount        { return Amount{n, Hours} }
func days(n int) Amount         { return Amount{n, Days} }

// IsZero reports whether a is the zero Amount (no amount at all).
func (a Amount) IsZero() bool { return a == Amount{} }

// Working reports whether a counts working time.
func (a Amount) Working() bool { return a.Unit == WorkingHours || a.Unit == WorkingDays }

// String renders a as the organisation file has it: "4 working hours",
// "1 working day", "the same working day" (0 working days), "72 hours".
func (a Amount) String() string {
	if a.Unit == WorkingDays && a.N == 0 {
		return "the same working day"
	}
	unit := string(a.Unit)
	if a.N == 1 || a.N == -1 {
		unit = strings.TrimSuffix(unit, "s")
	}
	return fmt.Sprintf("%d %s", a.N, unit)
}

// Calendar returns a calendar amount as a time.Duration, days and weeks as
// whole days of 24 hours; 0 for working time.
func (a Amount) Calendar() time.Duration {
	switch a.Unit {
	case Minutes:
		return time.Duration(a.N) * time.Minute
	case Hours:
		return time.Duration(a.N) * time.Hour
	case Days:
		return time.Duration(a.N) * 24 * time.Hour
	case Weeks:
		return time.Duration(a.N) * 7 * 24 * time.Hour
	}
	return 0
}

// FromDuration returns the calendar Amount of a duration in the largest
// unit that holds it whole: 72h is 72 hours, 336h is 14 days, 90s is 2
// minutes (a part of a minute counts as a whole one).
func FromDuration(d time.Duration) Amount {
	switch {
	case d%(24*time.Hour) == 0:
		return Amount{int(d / (24 * time.Hour)), Days}
	case d%time.Hour == 0:
		return Amount{int(d / time.Hour), Hours}
	}
	return Amount{int((d + time.Minute - 1) / time.Minute), Minutes}
}

// Limits are the largest amounts a window may have: a year in every unit.
// A larger one is a typing error, and would make every deadline search
// long.
var Limits = map[Unit]int{
	Minutes:      366 * 24 * 60,
	Hours:        366 * 24,
	Days:         366,
	Weeks:        52,
	WorkingHours: 260 * 8,
	WorkingDays:  260,
}

// check reports what is wrong with a as a length (zero allowed only as the
// same working day) or, with start set, as the offset of a start (any
// sign; only the caller knows whether a negative one is allowed).
func (a Amount) check(start bool) error {
	limit, ok := Limits[a.Unit]
	switch {
	case !ok:
		return fmt.Errorf("%q is no unit of time; use minutes, hours, days, weeks, working hours or working days", a.Unit)
	case a.N > limit || a.N < -limit:
		return fmt.Errorf("%s is more than a year; the most is %d %s", a, limit, a.Unit)
	case start && a.N == 0:
		return fmt.Errorf("a start of %s is no offset; write at once or next working moment", a)
	case !start && a.N < 0:
		return fmt.Errorf("a length of %s is negative", a)
	case !start && a.N == 0 && a.Unit != WorkingDays:
		return fmt.Errorf("a length of %s is no time at all", a)
	}
	return nil
}

// unitWords maps the words of the organisation file, English and Dutch,
// singular and plural, to units.
var unitWords = map[string]Unit{
	"m": Minutes, "min": Minutes, "minute": Minutes, "minutes": Minutes, "minuut": Minutes, "minuten": Minutes,
	"h": Hours, "hour": Hours, "hours": Hours, "uur": Hours, "uren": Hours,
	"d": Days, "day": Days, "days": Days, "dag": Days, "dagen": Days,
	"w": Weeks, "week": Weeks, "weeks": Weeks, "weken": Weeks,
	"working hour": WorkingHours, "working hours": WorkingHours, "werkuur": WorkingHours, "werkuren": WorkingHours,
	"working day": WorkingDays, "working days": WorkingDays, "werkdag": WorkingDays, "werkdagen": WorkingDays,
}

var amountRe = regexp.MustCompile(`^(\d+)\s*([a-z]+(?: [a-z]+)?)$`)

// ParseAmount reads an amount as the organisation file writes it: "4
// working hours", "2 werkdagen", "30 minutes", "72h", "14d", "2w", and "the
// same working day" (dezelfde werkdag) for 0 working days. It does not
// check bounds; Window.Problems does.
func ParseAmount(s string) (Amount, error) {
	s = strings.Join(strings.Fields(strings.ToLower(s)), " ")
	switch s {
	case "the same working day", "same working day", "dezelfde werkdag", "zelfde werkdag":
		return Amount{0, WorkingDays}, nil
	}
	m := amountRe.FindStringSubmatch(s)
	if m == nil {
		return Amount{}, fmt.Errorf("%q is not an amount of time; write it as 4 working hours, 2 working days, 30 minutes, 72 hours or 14 days", s)
	}
	unit, ok := unitWords[m[2]]
	if !ok {
		return Amount{}, fmt.Errorf("%q is no unit of time; use minutes, hours, days, weeks, working hours or working days", m[2])
	}
	n, err := strconv.Atoi(m[1])
	if err != nil {
		return Amount{}, fmt.Errorf("%q is too large a number", m[1])
	}
	return Amount{n, unit}, nil
}
