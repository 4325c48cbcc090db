package when_test

import (
	"errors"
	"fmt"
	"time"

	"meldbot/bot/when"
)

// A caller asks which reading was meant when the time is ambiguous, and
// says what was understood otherwise.
func ExampleAmbiguous() {
	ams, _ := time.LoadLocation("Europe/Amsterdam")
	now := time.Date(2026, 11, 27, 15, 0, 0, 0, ams)
	for _, typed := range []string{"gisteren om 3 uur", "gisteren 3 uur 's middags", "rond half drie 's middags"} {
		m, err := when.Parse(typed, now)
		var amb *when.Ambiguous
		switch {
		case errors.As(err, &amb):
			fmt.Printf("%s: ask %s or %s\n", typed,
				amb.Readings[0].Time.Format("15:04"), amb.Readings[1].Time.Format("15:04"))
		case err != nil:
			fmt.Printf("%s: %v\n", typed, err)
		default:
			fmt.Printf("%s: %s %s approx=%v\n", typed, m.Time.Format("Mon 2 Jan 15:04"), m.Precision, m.Approx)
		}
	}
	// Output:
	// gisteren om 3 uur: ask 03:00 or 15:00
	// gisteren 3 uur 's middags: Thu 26 Nov 15:00 minute approx=false
	// rond half drie 's middags: Fri 27 Nov 14:30 minute approx=true
}
