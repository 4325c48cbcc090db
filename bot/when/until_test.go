package when

import (
	"errors"
	"testing"
	"time"
)

func TestParseUntil(t *testing.T) {
	endOf := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 23, 59, 0, 0, ams) }
	for in, want := range map[string]time.Time{
		"31-12-2026":     endOf(2026, 12, 31),
		"tot 31-12-2026": endOf(2026, 12, 31),
		"2027-03-01":     endOf(2027, 3, 1),
		"1 maart 2027":   endOf(2027, 3, 1),
		"15-01":          endOf(2027, 1, 15),  // after today: next year's
		"27-11":          endOf(2026, 11, 27), // today: today's
		"26-11":          endOf(2027, 11, 26), // yesterday: next year's
		"6 weken":        endOf(2027, 1, 8),
		"3 maanden":      endOf(2027, 2, 27),
		"een jaar":       endOf(2027, 11, 27),
		"half jaar":      endOf(2027, 5, 27),
		"6 months":       endOf(2027, 5, 27),
		"voor 2 weeks":   endOf(2026, 12, 11),
		"10 jaar":        endOf(2036, 11, 27), // the furthest a date may lie
		"27-11-2036":     endOf(2036, 11, 27),
		// A period in words, counted from now, as people say it.
		"over 3 maanden":        endOf(2027, 2, 27),
		"over drie maanden":     endOf(2027, 2, 27),
		"tot over twee weken":   endOf(2026, 12, 11),
		"over een half jaar":    endOf(2027, 5, 27),
		"anderhalf jaar":        endOf(2028, 5, 27),
		"nog 10 dagen":          endOf(2026, 12, 7),
		"zes weken lang":        endOf(2027, 1, 8),
		"een maand vanaf nu":    endOf(2026, 12, 27),
		"tot en met 31-12-2026": endOf(2026, 12, 31),
		"twee en een half jaar": endOf(2029, 5, 27),
		"in three months":       endOf(2027, 2, 27),
		"for a year":            endOf(2027, 11, 27),
		"another two weeks":     endOf(2026, 12, 11),
		"Over Twee Maanden":     endOf(2027, 1, 27),
		"over één jaar":         endOf(2027, 11, 27),
		"over 1,5 maand":        endOf(2027, 1, 11),
	} {
		got, err := ParseUntil(in, friday)
		if err != nil || !got.Equal(want) {
			t.Errorf("ParseUntil(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for in, want := range map[string]error{
		"01-01-2026": ErrPast,
		"gisteren":   ErrUnreadable,
		"31-02-2027": ErrNoSuchDate,
		"altijd":     ErrUnreadable,
		"14:00":      ErrUnreadable,
		// Further ahead than ten years: a JSON record cannot even hold
		// the year of "10000 jaar".
		"11 jaar":                       ErrTooFar,
		"28-11-2036":                    ErrTooFar,
		"10000 jaar":                    ErrTooFar,
		"31-12-9999":                    ErrTooFar,
		"99999999999999999999999 dagen": ErrTooFar,
		"130 maanden":                   ErrTooFar,
		"over elf jaar":                 ErrTooFar,
		"over een paar weken":           ErrUnreadable, // a ban needs a date
		"over maanden":                  ErrUnreadable,
		"over 0 dagen":                  ErrUnreadable,
	} {
		if _, err := ParseUntil(in, friday); !errors.Is(err, want) {
			t.Errorf("ParseUntil(%q) error %v, want %v", in, err, want)
		}
	}
}
