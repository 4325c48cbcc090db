package console

import (
	"errors"
	"regexp"
	"strconv"
	"strings"
	"time"

	"meldbot/bot/when"
)

// errMoment means the text is not a moment parseMoment understands.
var errMoment = errors.New("console: not a moment")

var (
	amountRe = regexp.MustCompile(`^\+\s*((?:\d+\s*[a-z]+\s*)+)$`)
	partRe   = regexp.MustCompile(`(\d+)\s*([a-z]+)`)
	isoRe    = regexp.MustCompile(`^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ t](.+))?$`)
	dmyRe    = regexp.MustCompile(`^(\d{1,2})-(\d{1,2})(?:-(\d{4}))?(?: (.+))?$`)
	clockRe  = regexp.MustCompile(`^(\d{1,2})(?:[:.](\d{2}))?(?: ?(?:u|uur|h))?$`)
)

// units of an amount of time: "+2d", "+3u", "+90m", "+1w", "+1d12u".
var units = map[string]func(time.Time, int) time.Time{
	"m": addMinutes, "min": addMinutes, "minuut": addMinutes, "minuten": addMinutes, "minute": addMinutes, "minutes": addMinutes,
	"u": addHours, "uur": addHours, "uren": addHours, "h": addHours, "hour": addHours, "hours": addHours,
	"d": addDays, "dag": addDays, "dagen": addDays, "day": addDays, "days": addDays,
	"w": addWeeks, "wk": addWeeks, "week": addWeeks, "weken": addWeeks, "weeks": addWeeks,
}

func addMinutes(t time.Time, n int) time.Time { return t.Add(time.Duration(n) * time.Minute) }
func addHours(t time.Time, n int) time.Time   { return t.Add(time.Duration(n) * time.Hour) }
func addDays(t time.Time, n int) time.Time    { return t.AddDate(0, 0, n) }
func addWeeks(t time.Time, n int) time.Time   { return t.AddDate(0, 0, 7*n) }

// dayWords are days named from today, in Dutch and English.
var dayWords = map[string]int{
	"vandaag": 0, "today": 0, "morgen": 1, "tomorrow": 1, "overmorgen": 2, "day after tomorrow": 2,
}

// parseMoment reads where /tijd should take the clock: an amount of time
// from now ("+2d", "+3u", "+90m", "+1w", "+1d12u"), a date and time
// ("2026-12-07 09:00", "7-12 9:00"), a day ("maandag 9:00", "morgen 8:30",
// "vandaag 17:00", "friday 13:00") or a time of day ("9:00", the next time
// it comes). A day without a time means the start of the working day,
// dayStart after midnight. Named days and times lie ahead: "maandag" typed
// on a Monday afternoon is next week's. now gives the time zone.
func parseMoment(s string, now time.Time, dayStart time.Duration) (time.Time, error) {
	s = strings.Join(strings.Fields(strings.ToLower(s)), " ")
	if m := amountRe.FindStringSubmatch(s); m != nil {
		t := now
		for _, p := range partRe.FindAllStringSubmatch(m[1], -1) {
			add, ok := units[p[2]]
			n, err := strconv.Atoi(p[1])
			if !ok || err != nil {
				return time.Time{}, errMoment
			}
			t = add(t, n)
		}
		return t, nil
	}
	if m := isoRe.FindStringSubmatch(s); m != nil {
		return onDay(now, atoi(m[1]), atoi(m[2]), atoi(m[3]), m[4], dayStart)
	}
	if m := dmyRe.FindStringSubmatch(s); m != nil {
		y := now.Year()
		if m[3] != "" {
			y = atoi(m[3])
		}
		t, err := onDay(now, y, atoi(m[2]), atoi(m[1]), m[4], dayStart)
		if err == nil && m[3] == "" && !t.After(now) {
			// "5-1" typed in December means next year's.
			return onDay(now, y+1, atoi(m[2]), atoi(m[1]), m[4], dayStart)
		}
		return t, err
	}
	day, rest := s, ""
	if i := strings.LastIndex(s, " "); i > 0 && clockRe.MatchString(s[i+1:]) {
		day, rest = s[:i], s[i+1:]
	}
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, now.Location())
	if n, ok := dayWords[day]; ok {
		d := today.AddDate(0, 0, n)
		return onDay(now, d.Year(), int(d.Month()), d.Day(), rest, dayStart)
	}
	if wd, ok := when.Weekday(day); ok {
		for n := 0; n <= 7; n++ {
			d := today.AddDate(0, 0, n)
			if d.Weekday() != wd {
				continue
			}
			if t, err := onDay(now, d.Year(), int(d.Month()), d.Day(), rest, dayStart); err != nil || t.After(now) {
				return t, err
			}
		}
	}
	if clockRe.MatchString(s) {
		t, err := onDay(now, now.Year(), int(now.Month()), now.Day(), s, dayStart)
		if err == nil && !t.After(now) {
			d := today.AddDate(0, 0, 1)
			return onDay(now, d.Year(), int(d.Month()), d.Day(), s, dayStart)
		}
		return t, err
	}
	return time.Time{}, errMoment
}

// onDay returns the moment at clock (or, when clock is empty, dayStart) on
// a date, in now's time zone; a date or time that does not exist is an
// error.
func onDay(now time.Time, y, m, d int, clock string, dayStart time.Duration) (time.Time, error) {
	h, mins := int(dayStart/time.Hour), int(dayStart%time.Hour/time.Minute)
	if clock != "" {
		c := clockRe.FindStringSubmatch(clock)
		if c == nil {
			return time.Time{}, errMoment
		}
		h, mins = atoi(c[1]), atoi(c[2])
		if h > 23 || mins > 59 {
			return time.Time{}, errMoment
		}
	}
	t := time.Date(y, time.Month(m), d, h, mins, 0, 0, now.Location())
	if t.Year() != y || int(t.Month()) != m || t.Day() != d {
		return time.Time{}, errMoment // 31-02
	}
	return t, nil
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}
