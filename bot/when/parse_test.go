package when

import (
	"errors"
	"testing"
	"time"
)

var ams = mustLoad("Europe/Amsterdam")

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

func at(y int, m time.Month, d, h, min int) time.Time { return time.Date(y, m, d, h, min, 0, 0, ams) }

// Friday 27 November 2026, 15:00 in Amsterdam (winter time).
var friday = at(2026, 11, 27, 15, 0)

func TestParse(t *testing.T) {
	tests := []struct {
		in   string
		now  time.Time
		want time.Time
		prec Precision
		part Part
	}{
		// The phrases of the report form.
		{"nu", friday, at(2026, 11, 27, 15, 0), Minute, ""},
		{"Zojuist", friday, at(2026, 11, 27, 15, 0), Minute, ""},
		{"now", friday, at(2026, 11, 27, 15, 0), Minute, ""},
		{"vandaag 14:30", friday, at(2026, 11, 27, 14, 30), Minute, ""},
		{"Vandaag om 14.30 uur", friday, at(2026, 11, 27, 14, 30), Minute, ""},
		{"today 2:30pm", friday, at(2026, 11, 27, 14, 30), Minute, ""},
		{"gisteren 09:15", friday, at(2026, 11, 26, 9, 15), Minute, ""},
		{"gisteren om 09u15", friday, at(2026, 11, 26, 9, 15), Minute, ""},
		{"yesterday 9:15am", friday, at(2026, 11, 26, 9, 15), Minute, ""},
		{"gisteren 14", friday, at(2026, 11, 26, 14, 0), Minute, ""},
		{"gisteren 14 uur", friday, at(2026, 11, 26, 14, 0), Minute, ""},
		{"eergisteren", friday, at(2026, 11, 25, 12, 0), Day, ""},
		{"the day before yesterday", friday, at(2026, 11, 25, 12, 0), Day, ""},
		{"eergisteren 16:45", friday, at(2026, 11, 25, 16, 45), Minute, ""},
		{"vanochtend", friday, at(2026, 11, 27, 9, 0), PartOfDay, Morning},
		{"this morning", friday, at(2026, 11, 27, 9, 0), PartOfDay, Morning},
		{"vanochtend 10:15", friday, at(2026, 11, 27, 10, 15), Minute, ""},
		{"vanmiddag", friday, at(2026, 11, 27, 14, 0), PartOfDay, Afternoon},
		{"this afternoon", friday, at(2026, 11, 27, 14, 0), PartOfDay, Afternoon},
		{"gisteravond", friday, at(2026, 11, 26, 20, 0), PartOfDay, Evening},
		{"gisteravond 8", friday, at(2026, 11, 26, 20, 0), Minute, ""},
		{"yesterday evening", friday, at(2026, 11, 26, 20, 0), PartOfDay, Evening},
		{"28-11 16:00", at(2026, 11, 29, 10, 0), at(2026, 11, 28, 16, 0), Minute, ""},
		{"28-11-2026 16:00", at(2026, 11, 29, 10, 0), at(2026, 11, 28, 16, 0), Minute, ""},
		{"28/11/26 16:00", at(2026, 11, 29, 10, 0), at(2026, 11, 28, 16, 0), Minute, ""},
		{"28.11.2026 16.00", at(2026, 11, 29, 10, 0), at(2026, 11, 28, 16, 0), Minute, ""},
		{"28 november 16:00", at(2026, 11, 29, 10, 0), at(2026, 11, 28, 16, 0), Minute, ""},
		{"november 28th 4pm", at(2026, 11, 29, 10, 0), at(2026, 11, 28, 16, 0), Minute, ""},
		{"28 nov 2026", at(2026, 11, 29, 10, 0), at(2026, 11, 28, 12, 0), Day, ""},
		{"2026-11-28", at(2026, 11, 29, 10, 0), at(2026, 11, 28, 12, 0), Day, ""},
		{"2026-11-28 16:00", at(2026, 11, 29, 10, 0), at(2026, 11, 28, 16, 0), Minute, ""},
		{"2026-11-28T16:00", at(2026, 11, 29, 10, 0), at(2026, 11, 28, 16, 0), Minute, ""},
		{"2026-11-28T15:00:00Z", at(2026, 11, 29, 10, 0), at(2026, 11, 28, 16, 0), Minute, ""},
		{"2026-11-28T16:00:00+01:00", at(2026, 11, 29, 10, 0), at(2026, 11, 28, 16, 0), Minute, ""},
		{"20 minuten geleden", friday, at(2026, 11, 27, 14, 40), Minute, ""},
		{"an hour ago", friday, at(2026, 11, 27, 14, 0), Minute, ""},

		// Weekdays mean the most recent one.
		{"vrijdag 13:00", at(2026, 11, 29, 10, 0), at(2026, 11, 27, 13, 0), Minute, ""},
		{"friday 13:00", at(2026, 11, 29, 10, 0), at(2026, 11, 27, 13, 0), Minute, ""},
		{"vrijdagmiddag", at(2026, 11, 29, 10, 0), at(2026, 11, 27, 14, 0), PartOfDay, Afternoon},
		{"maandag", at(2026, 11, 29, 10, 0), at(2026, 11, 23, 12, 0), Day, ""},
		{"ma 08:00", at(2026, 11, 29, 10, 0), at(2026, 11, 23, 8, 0), Minute, ""},
		// A weekday that is today: today when the time has passed, else a week ago.
		{"vrijdag 13:00", friday, at(2026, 11, 27, 13, 0), Minute, ""},
		{"vrijdag 16:00", friday, at(2026, 11, 20, 16, 0), Minute, ""},
		{"vrijdag", friday, at(2026, 11, 27, 12, 0), Day, ""},
		{"vorige vrijdag", friday, at(2026, 11, 20, 12, 0), Day, ""},
		{"last friday 9:00 am", friday, at(2026, 11, 20, 9, 0), Minute, ""},
		{"vorige week dinsdag", friday, at(2026, 11, 17, 12, 0), Day, ""},
		{"afgelopen dinsdag 10:00 's ochtends", friday, at(2026, 11, 24, 10, 0), Minute, ""},

		// Only a time: today if passed, else yesterday.
		{"14:30", friday, at(2026, 11, 27, 14, 30), Minute, ""},
		{"16:30", friday, at(2026, 11, 26, 16, 30), Minute, ""},
		{"avond", friday, at(2026, 11, 26, 20, 0), PartOfDay, Evening},

		// Midnight.
		{"vandaag 00:00", friday, at(2026, 11, 27, 0, 0), Minute, ""},
		{"gisteren 0:05", friday, at(2026, 11, 26, 0, 5), Minute, ""},
		{"gisteren 24:00", friday, at(2026, 11, 27, 0, 0), Minute, ""},
		{"gisteren middernacht", friday, at(2026, 11, 27, 0, 0), Minute, ""},
		{"middernacht", friday, at(2026, 11, 27, 0, 0), Minute, ""},
		{"gisteren 23:59", friday, at(2026, 11, 26, 23, 59), Minute, ""},
		{"vannacht", at(2026, 11, 27, 7, 30), at(2026, 11, 27, 3, 0), PartOfDay, Night},
		// Early in the day: "vandaag" is not later than now.
		{"vandaag", at(2026, 11, 27, 8, 10), at(2026, 11, 27, 8, 10), Day, ""},
		{"vanmiddag", at(2026, 11, 27, 12, 40), at(2026, 11, 27, 12, 40), PartOfDay, Afternoon},
		// A year-less date after today means last year.
		{"30-12 10:00 's ochtends", at(2027, 1, 5, 9, 0), at(2026, 12, 30, 10, 0), Minute, ""},
		// Within the skew of a minute counts as now.
		{"15:00", at(2026, 11, 27, 14, 59), at(2026, 11, 27, 15, 0), Minute, ""},
	}
	for _, tt := range tests {
		t.Run(tt.in+"@"+tt.now.Format("Mon 15:04"), func(t *testing.T) {
			got, err := Parse(tt.in, tt.now)
			if err != nil {
				t.Fatalf("Parse(%q) error: %v", tt.in, err)
			}
			if !got.Time.Equal(tt.want) || got.Precision != tt.prec || got.Part != tt.part {
				t.Errorf("Parse(%q) = %v %s %s, want %v %s %s", tt.in,
					got.Time.Format(time.RFC3339), got.Precision, got.Part, tt.want.Format(time.RFC3339), tt.prec, tt.part)
			}
			if got.Time.Location().String() != ams.String() {
				t.Errorf("location %v, want %v", got.Time.Location(), ams)
			}
		})
	}
}

func TestParseRefuses(t *testing.T) {
	tests := []struct {
		in   string
		now  time.Time
		want error
	}{
		{"", friday, ErrUnreadable},
		{"weet ik niet meer", friday, ErrUnreadable},
		{"banaan", friday, ErrUnreadable},
		{"25:00", friday, ErrUnreadable},
		{"14:75", friday, ErrUnreadable},
		{"vandaag gisteren", friday, ErrUnreadable},
		{"vanochtend 20:00", friday, ErrUnreadable},
		{"31-02-2026", friday, ErrNoSuchDate},
		{"29-02-2026", friday, ErrNoSuchDate},
		{"2026-13-01", friday, ErrNoSuchDate},
		{"morgen 9:00", friday, ErrFuture},
		{"tomorrow", friday, ErrFuture},
		{"vandaag 16:00", friday, ErrFuture},
		{"vanavond", friday, ErrFuture},
		{"28-11-2026 9:00", friday, ErrFuture},
		{"2027-01-01", friday, ErrFuture},
		{"2026-11-27T16:00+01:00", friday, ErrFuture},
		{"vrijdag 28-11", at(2026, 11, 29, 10, 0), ErrUnreadable}, // 28-11-2026 is a Saturday
		{"12-11-2024", friday, ErrTooOld},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := Parse(tt.in, tt.now)
			if !errors.Is(err, tt.want) {
				t.Fatalf("Parse(%q) = %v, %v; want error %v", tt.in, got.Time, err, tt.want)
			}
		})
	}
}

// Summer and winter time: the clock time typed is the local time of that
// day, whichever offset applies.
func TestParseAcrossDaylightSaving(t *testing.T) {
	// Summer time: 14:30 in Amsterdam is 12:30 UTC.
	got, err := Parse("gisteren 14:30", at(2026, 7, 2, 10, 0))
	if err != nil {
		t.Fatal(err)
	}
	if utc := got.Time.UTC(); utc.Hour() != 12 || utc.Minute() != 30 {
		t.Errorf("summer: got %v UTC, want 12:30", utc)
	}
	// The night clocks go back (25 October 2026): "gisteren 12:00" on the
	// Monday is a day of 25 hours ago plus; local noon stays local noon.
	got, err = Parse("zondag 12:00 's middags", at(2026, 10, 26, 9, 0))
	if err != nil {
		t.Fatal(err)
	}
	if got.Time.Hour() != 12 || got.Time.Day() != 25 {
		t.Errorf("fall back: got %v, want 25 Oct 12:00", got.Time)
	}
	if _, off := got.Time.Zone(); off != 3600 {
		t.Errorf("25 Oct 12:00 offset %d, want +1h (winter time)", off)
	}
	// The night clocks go forward (29 March 2026): 02:30 does not exist and
	// is read as 03:30 summer time, not refused.
	got, err = Parse("29-03-2026 02:30", at(2026, 3, 30, 9, 0))
	if err != nil {
		t.Fatal(err)
	}
	if got.Time.Hour() != 3 || got.Time.Minute() != 30 {
		t.Errorf("spring forward: got %v, want 03:30", got.Time)
	}
	// Across the change, "now" stays now.
	now := time.Date(2026, 3, 29, 1, 59, 0, 0, time.UTC).In(ams) // 03:59 summer time
	got, err = Parse("nu", now)
	if err != nil || !got.Time.Equal(now.Truncate(time.Minute)) {
		t.Errorf("now across spring forward: %v %v", got.Time, err)
	}
}
