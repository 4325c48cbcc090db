package calendar

import (
	"strings"
	"testing"
	"time"
)

// amsterdam is the zone of every test moment.
var amsterdam = mustZone("Europe/Amsterdam")

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// at is a moment on the wall clock in Amsterdam.
func at(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, amsterdam)
}

func mustNew(t testing.TB, s Settings) *Calendar {
	t.Helper()
	c, err := New(s)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// moment renders a time as the tables of the tests write it.
func moment(t time.Time) string { return t.In(amsterdam).Format("Mon 2 Jan 2006 15:04 MST") }

func TestDefaultCalendarFollowsTheCAOGemeenten(t *testing.T) {
	c := mustNew(t, Settings{})
	tests := []struct {
		day     time.Time
		workday bool
		name    string
	}{
		{at(2026, 1, 1, 12, 0), false, "Nieuwjaarsdag"},
		{at(2026, 4, 3, 12, 0), true, ""}, // Goede Vrijdag is a working day under the CAO Gemeenten
		{at(2026, 4, 6, 12, 0), false, "Tweede Paasdag"},
		{at(2026, 4, 27, 12, 0), false, "Koningsdag"},
		{at(2026, 5, 5, 12, 0), false, "Bevrijdingsdag"}, // 2026 is no lustrum year: off anyway
		{at(2026, 5, 14, 12, 0), false, "Hemelvaartsdag"},
		{at(2026, 5, 25, 12, 0), false, "Tweede Pinksterdag"},
		{at(2026, 12, 24, 12, 0), true, ""}, // no closed days by default
		{at(2026, 12, 25, 12, 0), false, "Eerste Kerstdag"},
		{at(2026, 12, 31, 12, 0), true, ""},
		{at(2026, 11, 21, 12, 0), false, ""}, // a Saturday
		{at(2027, 3, 26, 12, 0), true, ""},   // Goede Vrijdag 2027
		{at(2027, 5, 5, 12, 0), false, "Bevrijdingsdag"},
	}
	for _, tt := range tests {
		if got := c.IsWorkday(tt.day); got != tt.workday {
			t.Errorf("IsWorkday(%s) = %v, want %v", moment(tt.day), got, tt.workday)
		}
		cl, ok := c.Holiday(tt.day)
		if ok != (tt.name != "") || cl.Name != tt.name {
			t.Errorf("Holiday(%s) = %q, %v; want %q", moment(tt.day), cl.Name, ok, tt.name)
		}
	}
}

// King's Day moves to Saturday 26 April when 27 April is a Sunday (2025,
// 2031): the holiday library does this, so in a Monday-to-Friday week no
// working day is lost, and in a week with Saturdays the Saturday is.
func TestKingsDayMovesToSaturdayWhenTheTwentySeventhIsASunday(t *testing.T) {
	tueSat := mustNew(t, Settings{Week: WorkingWeek{Start: 9 * time.Hour, End: 17 * time.Hour,
		Days: []time.Weekday{time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday}}})
	for _, year := range []int{2025, 2031} {
		if at(year, 4, 27, 12, 0).Weekday() != time.Sunday {
			t.Fatalf("27 April %d is no Sunday", year)
		}
		cl, ok := tueSat.Holiday(at(year, 4, 26, 12, 0))
		if !ok || cl.Name != "Koningsdag" {
			t.Errorf("26 April %d = %q, %v; want Koningsdag", year, cl.Name, ok)
		}
		if tueSat.IsWorkday(at(year, 4, 26, 12, 0)) {
			t.Errorf("Saturday 26 April %d is a working day in a week with Saturdays", year)
		}
		if _, ok := tueSat.Holiday(at(year, 4, 27, 12, 0)); ok {
			t.Errorf("27 April %d is still a holiday", year)
		}
	}
}

func TestGoodFridayAndLiberationDayAsTheOrganisationChooses(t *testing.T) {
	goodFriday := map[int]time.Time{2025: at(2025, 4, 18, 12, 0), 2026: at(2026, 4, 3, 12, 0), 2030: at(2030, 4, 19, 12, 0)}
	tests := []struct {
		good, lib Observance
		year      int
		goodOff   bool
		libOff    bool
	}{
		{"", "", 2026, false, true},
		{EveryYear, EveryYear, 2026, true, true},
		{Lustrum, Lustrum, 2026, false, false},
		{Lustrum, Lustrum, 2025, true, true},
		{Lustrum, Lustrum, 2030, true, true},
		{Never, Never, 2025, false, false},
	}
	for _, tt := range tests {
		c := mustNew(t, Settings{GoodFriday: tt.good, LiberationDay: tt.lib})
		// 5 May 2030 is a Sunday: whether it is off shows in Holiday, not in
		// IsWorkday.
		if _, got := c.Holiday(goodFriday[tt.year]); got != tt.goodOff || c.IsWorkday(goodFriday[tt.year]) == tt.goodOff {
			t.Errorf("good_friday %q, %d: day off = %v, want %v", tt.good, tt.year, got, tt.goodOff)
		}
		if _, got := c.Holiday(at(tt.year, 5, 5, 12, 0)); got != tt.libOff {
			t.Errorf("liberation_day %q, %d: day off = %v, want %v", tt.lib, tt.year, got, tt.libOff)
		}
		worked := map[string]bool{}
		for _, cl := range c.HolidaysWorked(tt.year) {
			worked[cl.Name] = true
		}
		if worked["Goede Vrijdag"] == tt.goodOff || worked["Bevrijdingsdag"] == tt.libOff {
			t.Errorf("%q/%q, %d: HolidaysWorked = %v", tt.good, tt.lib, tt.year, worked)
		}
	}
}

func TestClosedDays(t *testing.T) {
	c := mustNew(t, Settings{Closed: []ClosedDay{
		{Month: 12, Day: 24},
		{Month: 12, Day: 31, Name: "Oudejaarsdag"},
		{Year: 2026, Month: 5, Day: 15, Name: "Brugdag"},
		{Month: 2, Day: 29},
		{Month: 12, Day: 25, Name: "Kerst"}, // a holiday already: its own name stays
	}})
	tests := []struct {
		day  time.Time
		name string
	}{
		{at(2026, 12, 24, 12, 0), ClosedDayName},
		{at(2027, 12, 24, 12, 0), ClosedDayName},
		{at(2026, 12, 31, 12, 0), "Oudejaarsdag"},
		{at(2026, 5, 15, 12, 0), "Brugdag"},
		{at(2027, 5, 14, 12, 0), ""}, // the fixed date was 2026 only
		{at(2028, 2, 29, 12, 0), ClosedDayName},
		{at(2027, 3, 1, 12, 0), ""}, // 02-29 in a year without one closes nothing
		{at(2026, 12, 25, 12, 0), "Eerste Kerstdag"},
	}
	for _, tt := range tests {
		cl, ok := c.Holiday(tt.day)
		if ok != (tt.name != "") || cl.Name != tt.name {
			t.Errorf("Holiday(%s) = %q, %v; want %q", moment(tt.day), cl.Name, ok, tt.name)
		}
		if tt.name != "" && c.IsWorkday(tt.day) {
			t.Errorf("%s is a working day", moment(tt.day))
		}
	}
	// December 2026 has 23 weekdays, two holidays (25th on a Friday, 26th on
	// a Saturday) and two closed days: 20 working days.
	if got := c.WorkingDaysIn(2026, time.December); got != 20 {
		t.Errorf("working days in December 2026 = %d, want 20", got)
	}
	var names []string
	for _, cl := range c.Closures(2026) {
		names = append(names, cl.Date.Format("01-02")+" "+cl.Name)
	}
	want := "01-01 Nieuwjaarsdag, 04-06 Tweede Paasdag, 04-27 Koningsdag, 05-05 Bevrijdingsdag, 05-14 Hemelvaartsdag, " +
		"05-15 Brugdag, 05-25 Tweede Pinksterdag, 12-24 Sluitingsdag, 12-25 Eerste Kerstdag, 12-26 Tweede Kerstdag, 12-31 Oudejaarsdag"
	if got := strings.Join(names, ", "); got != want {
		t.Errorf("Closures(2026) =\n%s\nwant\n%s", got, want)
	}
}

func TestNewRefusesWhatCannotBeUsed(t *testing.T) {
	tests := []struct {
		name string
		s    Settings
		want string
	}{
		{"end before start", Settings{Week: WorkingWeek{Start: 17 * time.Hour, End: 8 * time.Hour}}, "the end must come after the start"},
		{"no date", Settings{Closed: []ClosedDay{{Month: 2, Day: 30}}}, "closed day 02-30 is no date"},
		{"year far away", Settings{Closed: []ClosedDay{{Year: 20026, Month: 12, Day: 24}}}, "between 2000 and 2199"},
		{"unknown observance", Settings{GoodFriday: "soms"}, `"soms" is not every_year, lustrum or never`},
		{"window of three million working days", Settings{Windows: Windows{"legal": {Starts: []Start{{Kind: NextWorkingMoment}},
			Length: Amount{3_000_000, WorkingDays}}}}, "more than a year"},
		{"order in a circle", Settings{Windows: Windows{"first_care": {Starts: []Start{{Kind: AtOnce}}, Length: workingHours(4),
			After: "contact_today"}}}, "first_care → contact_today → first_care"},
	}
	for _, tt := range tests {
		_, err := New(tt.s)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: New = %v, want an error with %q", tt.name, err, tt.want)
		}
	}
}

func TestWorkingTimeArithmetic(t *testing.T) {
	c := mustNew(t, Settings{})
	fri := at(2026, 11, 20, 16, 0)
	tests := []struct {
		name      string
		got, want time.Time
	}{
		{"work that ends at closing time is due at the close", c.AddWorkingHours(fri, time.Hour), at(2026, 11, 20, 17, 0)},
		{"the rest of the work on Monday", c.AddWorkingHours(fri, 4*time.Hour), at(2026, 11, 23, 11, 30)},
		{"no work is the next working moment", c.AddWorkingHours(at(2026, 11, 21, 10, 0), 0), at(2026, 11, 23, 8, 30)},
		{"in working hours, the next working moment is now", c.NextWorkingMoment(fri), fri},
		{"at closing time, it is the next morning", c.NextWorkingMoment(at(2026, 11, 20, 17, 0)), at(2026, 11, 23, 8, 30)},
		{"before opening, it is the opening", c.NextWorkingMoment(at(2026, 11, 23, 7, 0)), at(2026, 11, 23, 8, 30)},
		{"end of the working day in progress", c.EndOfWorkingDay(fri), at(2026, 11, 20, 17, 0)},
		{"end of the working day after hours", c.EndOfWorkingDay(at(2026, 11, 20, 17, 1)), at(2026, 11, 23, 17, 0)},
		{"the morning of a date", c.StartOfWorkingDay(at(2026, 11, 23, 16, 0)), at(2026, 11, 23, 8, 30)},
		{"2 working days from Friday 16:00", c.AddWorkingDays(fri, 2), at(2026, 11, 24, 17, 0)},
		{"a day that has not opened counts whole", c.AddWorkingDays(at(2026, 11, 23, 7, 0), 2), at(2026, 11, 24, 17, 0)},
		{"a day at its opening counts whole", c.AddWorkingDays(at(2026, 11, 23, 8, 30), 1), at(2026, 11, 23, 17, 0)},
		{"a day in progress does not count", c.AddWorkingDays(at(2026, 11, 23, 8, 31), 1), at(2026, 11, 24, 17, 0)},
		{"0 working days is the same working day", c.AddWorkingDays(at(2026, 11, 23, 10, 0), 0), at(2026, 11, 23, 17, 0)},
		{"3 working days after Friday", c.WorkingDaysAfter(fri, 3), at(2026, 11, 25, 8, 30)},
		// Summer time ends on Sunday 25 October 2026: the opening stays 08:30
		// on the wall clock, and an hour of work is an hour.
		{"opening after summer time ends", c.AddWorkingHours(at(2026, 10, 23, 16, 30), time.Hour), at(2026, 10, 26, 9, 0)},
		{"opening after summer time starts", c.NextWorkingMoment(at(2026, 3, 28, 12, 0)), at(2026, 3, 30, 8, 30)},
	}
	for _, tt := range tests {
		if !tt.got.Equal(tt.want) {
			t.Errorf("%s: got %s, want %s", tt.name, moment(tt.got), moment(tt.want))
		}
	}
	if got := c.WorkingTimeBetween(fri, at(2026, 11, 23, 11, 30)); got != 4*time.Hour {
		t.Errorf("working time from Friday 16:00 to Monday 11:30 = %v, want 4h", got)
	}
	if got := c.WholeWorkingDays(fri, at(2026, 11, 24, 17, 0)); got != 2 {
		t.Errorf("whole working days from Friday 16:00 to Tuesday's close = %d, want 2", got)
	}
}

func TestOnCallTimeIsOutsideWorkingHours(t *testing.T) {
	c := mustNew(t, Settings{})
	for _, tt := range []struct {
		at     time.Time
		onCall bool
	}{
		{at(2026, 11, 20, 16, 59), false},
		{at(2026, 11, 20, 17, 0), true},
		{at(2026, 11, 22, 3, 30), true},
		{at(2026, 11, 23, 8, 29), true},
		{at(2026, 11, 23, 8, 30), false},
		{at(2027, 4, 27, 10, 0), true}, // King's Day
	} {
		if got := c.IsOnCallTime(tt.at); got != tt.onCall {
			t.Errorf("IsOnCallTime(%s) = %v, want %v", moment(tt.at), got, tt.onCall)
		}
	}
}
