package calendar

import (
	"fmt"
	"time"
)

// Variant is a calendar an organisation can choose, by a readable name.
type Variant struct {
	Name     string
	Settings Settings
}

// Variants returns the calendars the promises of the time model are checked
// on, always in the same order: every choice for Good Friday and 5 May,
// without and with closed days of the organisation's own (fixed and
// yearly, 29 February among them), in the usual working week (Week left
// empty: DefaultWeek) and in a week of four long days with a Saturday. The
// zone is left to its default.
func Variants() []Variant {
	observances := []Observance{EveryYear, Lustrum, Never}
	closed := [][]ClosedDay{nil, {
		{Month: 12, Day: 24}, {Month: 12, Day: 31}, {Month: 2, Day: 29},
		{Year: 2027, Month: 5, Day: 7, Name: "Brugdag"}, {Year: 2029, Month: 5, Day: 11},
	}}
	weeks := []struct {
		name string
		week WorkingWeek
	}{
		{"mon-fri 08:30-17:00", WorkingWeek{}},
		{"tue-wed-thu-sat 07:00-18:30", WorkingWeek{Start: 7 * time.Hour, End: 18*time.Hour + 30*time.Minute,
			Days: []time.Weekday{time.Tuesday, time.Wednesday, time.Thursday, time.Saturday}}},
	}
	var out []Variant
	for _, good := range observances {
		for _, lib := range observances {
			for _, cl := range closed {
				for _, w := range weeks {
					out = append(out, Variant{
						Name:     fmt.Sprintf("good_friday=%s liberation_day=%s closed=%d %s", good, lib, len(cl), w.name),
						Settings: Settings{GoodFriday: good, LiberationDay: lib, Closed: cl, Week: w.week},
					})
				}
			}
		}
	}
	return out
}
