package when

import (
	"encoding/json"
	"errors"
	"testing"
	"time"
)

// FuzzParseUntil reads any text at any moment: it never panics, and a date
// it accepts lies after now and not after LatestUntil(now), at 23:59 in
// now's time zone, and can be stored (JSON holds years 0 to 9999) whenever
// now lies more than MaxUntilYears before the end of year 9999. What it
// refuses, it refuses with one of its errors.
//
//	go test ./bot/when -run '^$' -fuzz FuzzParseUntil -fuzztime 1m
func FuzzParseUntil(f *testing.F) {
	friday := time.Date(2026, 11, 27, 15, 0, 0, 0, time.UTC).Unix()
	for _, s := range []string{"31-12-2026", "tot 31-12", "2027-03-01", "1 maart 2027", "6 weken", "3 maanden", "een jaar",
		"half jaar", "6 months", "voor 2 weeks", "over drie maanden", "anderhalf jaar", "10 jaar", "10000 jaar", "31-12-9999", "99999999999999999999 dagen", "gisteren", ""} {
		f.Add(s, friday, int16(60))
	}
	f.Add("1 jaar", int64(253402300799), int16(0))   // 31 December 9999, 23:59:59 UTC
	f.Add("1 dag", int64(-62135596800), int16(-720)) // 1 January of year 1
	f.Fuzz(func(t *testing.T, s string, sec int64, offsetMinutes int16) {
		now := time.Unix(sec, 0).In(time.FixedZone("", int(offsetMinutes)%(14*60)*60))
		end, err := ParseUntil(s, now)
		if err != nil {
			for _, known := range []error{ErrUnreadable, ErrNoSuchDate, ErrPast, ErrTooFar} {
				if errors.Is(err, known) {
					return
				}
			}
			t.Fatalf("ParseUntil(%q, %v): unknown error %v", s, now, err)
		}
		if !end.After(now) || end.After(LatestUntil(now)) {
			t.Fatalf("ParseUntil(%q, %v) = %v: not after now, or after %v", s, now, end, LatestUntil(now))
		}
		if end.Location() != now.Location() || end.Hour() != 23 || end.Minute() != 59 {
			t.Fatalf("ParseUntil(%q, %v) = %v: not the end of a day in now's zone", s, now, end)
		}
		if y := now.Year(); y >= 0 && y < 9999-MaxUntilYears {
			if _, err := json.Marshal(end); err != nil {
				t.Fatalf("ParseUntil(%q, %v) = %v cannot be stored: %v", s, now, end, err)
			}
		}
	})
}
