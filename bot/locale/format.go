package locale

import (
	"fmt"
	"strings"
	"time"

	"meldbot/bot/when"
)

// Moment writes a moment as exactly as it is known, e.g.
// "vr 27 nov 2026, 13:00", "vr 27 nov 2026, rond 13:00",
// "vr 27 nov 2026, ochtend" or "vr 27 nov 2026 (tijd onbekend)".
func (t Texts) Moment(m when.Moment) string { return t.momentOn(t.Day(m.Time), m, "time.part.") }

// Noted writes a moment in full, to show what was understood:
// "zaterdag 5 december, 15:00", "zaterdag 5 december, rond 15:00",
// "donderdag 26 november, 's middags", "donderdag 26 november (tijd
// onbekend)"; the year only when it is not the year of now.
func (t Texts) Noted(m when.Moment, now time.Time) string {
	return t.momentOn(t.LongDay(m.Time, now), m, "time.during.")
}

// momentOn writes a moment after its day, written already: the time, or
// the part of the day named by the catalogue's parts ("time.part." or
// "time.during."), or that the time is unknown.
func (t Texts) momentOn(day string, m when.Moment, parts string) string {
	switch m.Precision {
	case when.PartOfDay:
		return day + ", " + t.T(parts+string(m.Part))
	case when.Day:
		return day + " " + t.T("time.unknown")
	}
	if m.Approx {
		return day + ", " + t.T("time.approx", "Time", m.Time.Format("15:04"))
	}
	return day + ", " + m.Time.Format("15:04")
}

// Clock writes the time of day of a moment with the part of the day it
// lies in, to tell two readings of a time apart: "om 02:30 's nachts",
// "rond 14:30 's middags".
func (t Texts) Clock(m when.Moment) string {
	key := "time.clock"
	if m.Approx {
		key = "time.clock_approx"
	}
	return t.T(key, "Time", m.Time.Format("15:04"), "During", t.T("time.during."+string(when.PartAt(m.Time))))
}

// LongDay writes a date in full: "zaterdag 5 december", with the year
// ("zaterdag 5 december 2025") when it is not the year of now.
func (t Texts) LongDay(at, now time.Time) string {
	s := fmt.Sprintf("%s %d %s", t.T(fmt.Sprintf("time.weekday_full.%d", at.Weekday())), at.Day(),
		t.T(fmt.Sprintf("time.month_full.%d", at.Month())))
	if at.Year() != now.Year() {
		s += fmt.Sprintf(" %d", at.Year())
	}
	return s
}

// Time writes a moment to the minute: "vr 27 nov 2026, 15:30".
func (t Texts) Time(at time.Time) string {
	return t.Moment(when.Moment{Time: at, Precision: when.Minute})
}

// Day writes a date: "vr 27 nov 2026".
func (t Texts) Day(at time.Time) string {
	return fmt.Sprintf("%s %d %s %d", t.T(fmt.Sprintf("time.weekday.%d", at.Weekday())), at.Day(),
		t.T(fmt.Sprintf("time.month.%d", at.Month())), at.Year())
}

// Span writes the moments from first to last: "vr 27 nov 2026, 16:00 – ma
// 30 nov 2026, 10:30", or the one moment when they are the same minute.
func (t Texts) Span(first, last time.Time) string {
	a, b := t.Time(first), t.Time(last)
	if a == b {
		return a
	}
	return a + " – " + b
}

// Date writes a date without its weekday: "1 jul 2026".
func (t Texts) Date(at time.Time) string {
	return fmt.Sprintf("%d %s %d", at.Day(), t.T(fmt.Sprintf("time.month.%d", at.Month())), at.Year())
}

// Duration writes a duration to the minute: "35 min", "1 u 20 min",
// "2 d 3 u".
func (t Texts) Duration(d time.Duration) string {
	m := int(d.Round(time.Minute) / time.Minute)
	switch {
	case m < 60:
		return t.T("duration.minutes", "M", m)
	case m < 24*60:
		return t.T("duration.hours", "H", m/60, "M", m%60)
	}
	return t.T("duration.days", "Count", m/(24*60), "H", m%(24*60)/60)
}

// Period writes a period's key for people: "nov 2026", "Q4 2026",
// "2e helft 2026", "2026".
func (t Texts) Period(key string) string {
	var y, n int
	switch {
	case len(key) == 7 && key[4] == '-' && key[5] == 'Q':
		fmt.Sscanf(key, "%d-Q%d", &y, &n)
		return t.T("period.quarter", "Year", y, "N", n)
	case len(key) == 7 && key[4] == '-' && key[5] == 'H':
		fmt.Sscanf(key, "%d-H%d", &y, &n)
		return t.T("period.half", "Year", y, "N", n)
	case len(key) == 7 && key[4] == '-':
		fmt.Sscanf(key, "%d-%d", &y, &n)
		return fmt.Sprintf("%s %d", t.T(fmt.Sprintf("time.month.%d", n)), y)
	}
	return key
}

// Possessive writes a name as the owner of what follows, as the language
// writes it: in Dutch "Toms", "Anna's", "Kees'" (an apostrophe after a
// vowel that would change its sound, and alone after an s, x or z), in
// English "Tom's".
func (t Texts) Possessive(name string) string {
	if t.Lang != Dutch {
		return name + "'s"
	}
	r := []rune(strings.ToLower(name))
	if len(r) == 0 {
		return name
	}
	switch r[len(r)-1] {
	case 's', 'x', 'z':
		return name + "'"
	case 'a', 'i', 'o', 'u', 'y', 'é', 'á', 'ó', 'ú':
		return name + "'s"
	}
	return name + "s"
}

// Capital returns s with its first letter in upper case.
func Capital(s string) string {
	for i, r := range s {
		return strings.ToUpper(string(r)) + s[i+len(string(r)):]
	}
	return s
}

// And writes names as a list in a sentence: "Fatima", "Fatima en Karin",
// "Fatima, Henk en Karin" ("and" in English).
func (t Texts) And(names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	last := len(names) - 1
	return strings.Join(names[:last], ", ") + " " + t.T("list.and") + " " + names[last]
}
