package when

import (
	"strings"
	"time"
)

// Weekday returns the day of the week a word names, in Dutch or English,
// in full or short: "maandag", "ma", "monday", "mon".
func Weekday(word string) (time.Weekday, bool) {
	wd, ok := weekdays[strings.ToLower(strings.TrimSpace(word))]
	return wd, ok
}
