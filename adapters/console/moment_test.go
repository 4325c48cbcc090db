package console

import (
	"testing"
	"time"

	"meldbot/bot/bottest"
)

func TestMomentsToTravelTo(t *testing.T) {
	at := func(m time.Month, d, h, min int) time.Time {
		return time.Date(2026, m, d, h, min, 0, 0, bottest.Amsterdam)
	}
	friday := at(11, 27, 16, 0) // Friday 27 November 2026, 16:00
	start := 8*time.Hour + 30*time.Minute
	for _, tc := range []struct {
		in   string
		want time.Time
	}{
		{"+2d", at(11, 29, 16, 0)},
		{"+3u", at(11, 27, 19, 0)},
		{"+90m", at(11, 27, 17, 30)},
		{"+1w", at(12, 4, 16, 0)},
		{"+1d 12u", at(11, 29, 4, 0)},
		{"+2 dagen", at(11, 29, 16, 0)},
		{"+3h", at(11, 27, 19, 0)},
		{"2026-12-07 09:00", at(12, 7, 9, 0)},
		{"2026-12-07T9:00", at(12, 7, 9, 0)},
		{"2026-12-07", at(12, 7, 8, 30)},
		{"7-12 9:00", at(12, 7, 9, 0)},
		{"07-12-2026 17:30", at(12, 7, 17, 30)},
		{"maandag 9:00", at(11, 30, 9, 0)},
		{"Maandag 9.00", at(11, 30, 9, 0)},
		{"ma 9", at(11, 30, 9, 0)},
		{"monday 9:00", at(11, 30, 9, 0)},
		{"maandag", at(11, 30, 8, 30)},
		{"vrijdag 17:00", at(11, 27, 17, 0)}, // later today
		{"vrijdag 15:00", at(12, 4, 15, 0)},  // passed today: next week's
		{"morgen 8:30", at(11, 28, 8, 30)},
		{"tomorrow 8:30", at(11, 28, 8, 30)},
		{"overmorgen", at(11, 29, 8, 30)},
		{"vandaag 17:00", at(11, 27, 17, 0)},
		{"17:00", at(11, 27, 17, 0)},
		{"9:00", at(11, 28, 9, 0)},
		{"2026-11-01 09:00", at(11, 1, 9, 0)}, // in the past: the caller refuses it
	} {
		got, err := parseMoment(tc.in, friday, start)
		if err != nil || !got.Equal(tc.want) {
			t.Errorf("parseMoment(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
	for _, bad := range []string{"", "ooit", "+", "+2x", "31-02 9:00", "maandag 25:00", "2026-13-01"} {
		if got, err := parseMoment(bad, friday, start); err == nil {
			t.Errorf("parseMoment(%q) = %v, want an error", bad, got)
		}
	}
}
