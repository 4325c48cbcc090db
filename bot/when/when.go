// Package when reads the moment of an incident from what a person types, in
// Dutch or English, the way colleagues write it in a chat. Incidents lie in
// the past, so every phrase means the most recent moment that fits it, and a
// moment in the future or more than a year ago is refused. Understood:
//
//   - now: "nu", "zojuist", "net", "daarnet", "just now".
//   - days: "vandaag", "gisteren", "eergisteren", "vrijdag", "vorige vrijdag",
//     "vorige week dinsdag", "28-11", "28 november 2026", "2026-11-28",
//     "today", "yesterday", "last friday", "November 28th".
//   - parts of the day, alone or with a day, in one word or two:
//     "vanochtend", "vanmorgen", "vanmiddag", "vanavond", "vannacht",
//     "gisterenmiddag", "gisteravond", "eergisterochtend", "maandagochtend",
//     "vrijdagavond", "'s ochtends", "'s middags", "'s avonds", "'s nachts"
//     (also "s middags", "smiddags"), "this morning", "yesterday evening",
//     "friday night". A night named after a day ("vrijdagnacht", "gisternacht",
//     "friday night") is the night after it; "vannacht" is last night.
//   - clock times in digits: "14:30", "14.30", "14u30", "14h30", "14 uur",
//     "3:30 pm", "4pm", "09:15"; and spelled out, with hours and minutes in
//     words or digits: "drie uur", "om drieën", "half drie", "half 3",
//     "kwart over 9", "kwart voor drie", "tien voor half vier", "vijf over half
//     twee", "twintig over vier", "half past two", "quarter to nine", "ten
//     past three", "three o'clock", "two thirty pm", "middernacht", "noon".
//   - time counted back: "10 minuten geleden", "tien minuten geleden", "1 uur
//     geleden", "twee uur geleden", "een half uur geleden", "anderhalf uur
//     geleden", "drie kwartier geleden", "1 uur en 20 minuten geleden", "twee
//     dagen geleden", "10 minutes ago", "an hour and a half ago".
//   - approximately, kept in Moment.Approx: "rond drie uur", "ongeveer",
//     "omstreeks", "tegen vijven", "een uur of drie", "een paar minuten
//     geleden", "een uurtje geleden", "3 uur of zo", "around 3pm", "3ish",
//     "a few minutes ago".
//
// A clock time from 1 to 12 typed without a part of the day or am/pm ("om 3
// uur", "half drie", "9:15") can mean two times. Parse takes the one that fits
// when only one has passed on the day meant, and otherwise returns
// *Ambiguous with both, so the person is asked; it never guesses. Times from
// 13 to 24, and times written with a leading zero ("09:15") or with hour 0,
// are on the 24-hour clock. A part of the day picks the reading: "3 uur 's
// middags" is 15:00, "9 uur 's avonds" 21:00, "half 1 's nachts" 00:30, "12
// uur 's middags" 12:00, "11 uur 's nachts" 23:00.
package when

import (
	"errors"
	"time"
)

// Precision says how exactly a Moment is known.
type Precision string

// Precisions, from exact to vague.
const (
	Minute    Precision = "minute"      // "14:30"
	PartOfDay Precision = "part_of_day" // "vanochtend": Part tells which
	Day       Precision = "day"         // "eergisteren": time unknown
)

// Part is a part of the day.
type Part string

// Parts of the day, each with the hours it covers.
const (
	Night     Part = "night"     // 00:00–06:00
	Morning   Part = "morning"   // 06:00–12:00
	Afternoon Part = "afternoon" // 12:00–18:00
	Evening   Part = "evening"   // 18:00–24:00
)

// Moment is a point in time and how exactly it is known. For PartOfDay and
// Day precision, Time is a representative time within that part or day that
// is not in the future. Part is set with PartOfDay precision only. Approx
// says the person gave the moment as approximate ("rond drie uur", "een
// paar minuten geleden").
type Moment struct {
	Time      time.Time `json:"time"`
	Precision Precision `json:"precision"`
	Part      Part      `json:"part,omitempty"`
	Approx    bool      `json:"approx,omitempty"`
}

// Ambiguous is the error Parse returns when a clock time from 1 to 12 was
// typed without a part of the day or am/pm ("gisteren om 3 uur", "half
// drie", "9:15") and both its readings lie in the allowed window. Readings
// holds both, in time order, with Minute precision: the caller asks which
// one was meant (a button each) and stores the one chosen. Find it with
// errors.As.
type Ambiguous struct {
	Readings []Moment
}

// Error names the readings, for logs.
func (a *Ambiguous) Error() string {
	s := "when: ambiguous clock time:"
	for i, m := range a.Readings {
		if i > 0 {
			s += " or"
		}
		s += " " + m.Time.Format("2006-01-02 15:04")
	}
	return s
}

// Errors returned by Parse. The caller turns them into a friendly question.
var (
	// ErrUnreadable means the text is not a moment Parse understands.
	ErrUnreadable = errors.New("when: not a date or time")
	// ErrNoSuchDate means the date does not exist, like 31-02.
	ErrNoSuchDate = errors.New("when: no such date")
	// ErrFuture means the moment has not happened yet.
	ErrFuture = errors.New("when: in the future")
	// ErrTooOld means the moment is more than a year ago.
	ErrTooOld = errors.New("when: more than a year ago")
)

// Skew is how far a moment may lie after now and still count as now: a
// person typing "14:30" at 14:29:40 means the present.
const Skew = time.Minute

// PartAt returns the part of the day a time lies in, by the hours of the
// Part constants.
func PartAt(t time.Time) Part {
	switch h := t.Hour(); {
	case h < 6:
		return Night
	case h < 12:
		return Morning
	case h < 18:
		return Afternoon
	}
	return Evening
}

// hours returns the hour a part of the day begins and the hour that
// represents it when no time is given. The hours each part covers are those
// of the constants; a clock time said with a part may lie a little outside
// them, see Part.holds.
func (p Part) hours() (from, typical int) {
	switch p {
	case Night:
		return 0, 3
	case Morning:
		return 6, 9
	case Afternoon:
		return 12, 14
	default:
		return 18, 20
	}
}
