// Package when reads the moment of an incident from what a person types, in
// Dutch or English: "nu", "vandaag 14:30", "gisteren 9:15", "eergisteren",
// "vanochtend", "vrijdag 13:00", "28-11 16:00", "2026-11-28T16:00", "yesterday
// 9:15", "this afternoon". Incidents lie in the past, so every phrase means the
// most recent moment that fits it, and a moment in the future is refused.
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
// is not in the future.
type Moment struct {
	Time      time.Time `json:"time"`
	Precision Precision `json:"precision"`
	Part      Part      `json:"part,omitempty"`
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

// hours returns the range [from, to) of a part of the day and the hour that
// represents it when no time is given.
func (p Part) hours() (from, to, typical int) {
	switch p {
	case Night:
		return 0, 6, 3
	case Morning:
		return 6, 12, 9
	case Afternoon:
		return 12, 18, 14
	default:
		return 18, 24, 20
	}
}
