package bot_test

import (
	"testing"
	"time"

	"meldbot/bot"
)

// An organisation that names no time zone or working hours counts in
// Amsterdam, Monday to Friday 08:30–17:00, wherever the server runs.
func TestTheDefaultsOfAnOrganisationWithoutTimeZoneOrHours(t *testing.T) {
	org := &bot.Organisation{}
	if got := org.Zone().String(); got != bot.DefaultTimeZone {
		t.Errorf("zone %s, want %s", got, bot.DefaultTimeZone)
	}
	saturday := time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)
	cal, err := org.WorkingCalendar()
	if err != nil {
		t.Fatal(err)
	}
	got := cal.NextWorkingMoment(saturday)
	if want := time.Date(2026, 11, 30, 8, 30, 0, 0, org.Zone()); !got.Equal(want) || got.Location() != org.Zone() {
		t.Errorf("start of work after a Saturday = %v, want %v", got, want)
	}
	if got := org.In(saturday).Hour(); got != 13 {
		t.Errorf("noon UTC is %d o'clock in the organisation, want 13", got)
	}
}
