package orgfile

import (
	"slices"
	"testing"
	"time"

	"meldbot/bot"
	"meldbot/bot/calendar"
)

// planOf plans a kind on the calendar of an organisation.
func planOf(t *testing.T, org *bot.Organisation, kind string, ref time.Time) calendar.Plan {
	t.Helper()
	c, err := org.WorkingCalendar()
	if err != nil {
		t.Fatal(err)
	}
	p, ok := c.Plan(kind, ref, false)
	if !ok {
		t.Fatalf("no window for %s", kind)
	}
	return p
}

func TestCalendarWindowsAndOnCallAsWritten(t *testing.T) {
	org, err := Parse("test.yaml", []byte(valid+`  - name: Fatima
    email: fatima@test.nl
    roles: [deputy]
    department: burgerzaken
  - name: Piket
    email: piket@test.nl
calendar:
  good_friday: lustrum
  liberation_day: never
  closed_days:
    - 12-24
    - date: 12-31
      name: Oudejaarsdag
    - "2027-05-07"
timings:
  task_working_days: 7
  windows:
    first_care:
      length: 6 werkuren
      urgent: 20 minutes
    legal:
      length: 3 working days
    aftercare_talk:
      start: eerstvolgend werkmoment
      length: 72 uur vanaf de melding
      at_least: 3 werkdagen
    follow_up:
      start: [3 weeks, 8 weeks]
on_call:
  - person: piket@test.nl
  - department: burgerzaken
    role: deputy
`))
	if err != nil {
		t.Fatal(err)
	}
	s := org.Calendar
	if s.GoodFriday != calendar.Lustrum || s.LiberationDay != calendar.Never {
		t.Errorf("observances = %q, %q", s.GoodFriday, s.LiberationDay)
	}
	wantClosed := []calendar.ClosedDay{{Month: 12, Day: 24}, {Month: 12, Day: 31, Name: "Oudejaarsdag"}, {Year: 2027, Month: 5, Day: 7}}
	if !slices.Equal(s.Closed, wantClosed) {
		t.Errorf("closed days = %v, want %v", s.Closed, wantClosed)
	}
	ws := s.Windows
	if w := ws["first_care"]; w.Length != (calendar.Amount{N: 6, Unit: calendar.WorkingHours}) ||
		w.WhenUrgent.Length != (calendar.Amount{N: 20, Unit: calendar.Minutes}) || !w.WhenUrgent.Urgent {
		t.Errorf("first_care = %+v, urgent %+v", w, w.WhenUrgent)
	}
	// task_working_days sets Legal, facility and the guard's evaluation; a
	// window of Legal's own refines it.
	if got := ws["legal"].Length.N; got != 3 {
		t.Errorf("legal = %d working days, want 3", got)
	}
	if got := ws["facility"].Length.N; got != 7 {
		t.Errorf("facility = %d working days, want 7", got)
	}
	if w := ws["aftercare_talk"]; w.DescribeStarts() != "next working moment" || w.DescribeLength() != "72 hours from the report" || w.AtLeast.N != 3 {
		t.Errorf("aftercare_talk = %s; %s; at least %v", w.DescribeStarts(), w.DescribeLength(), w.AtLeast)
	}
	if got := ws["follow_up"].DescribeStarts(); got != "3 weeks, 8 weeks" {
		t.Errorf("follow_up starts = %s", got)
	}
	if got := org.OnCallFor("burgerzaken"); !slices.Equal(got, []bot.Email{"fatima@test.nl"}) {
		t.Errorf("on call for burgerzaken = %v", got)
	}
	if got := org.OnCallFor("elders"); !slices.Equal(got, []bot.Email{"piket@test.nl"}) {
		t.Errorf("on call for the organisation = %v", got)
	}
	// The closed day and the 6 working hours are in the plan: a report on
	// Wednesday 23 December 2026 at 16:00 gets first care by Monday 13:30.
	loc := org.Zone()
	if p := planOf(t, org, "first_care", time.Date(2026, 12, 23, 16, 0, 0, 0, loc)); !p.Due.Equal(time.Date(2026, 12, 28, 13, 30, 0, 0, loc)) {
		t.Errorf("first care due %v, want Monday 28 December 13:30", p.Due)
	}
}

// The timing keys in use before the windows keep working: each changes the
// window it always meant.
func TestOlderTimingKeysMapOntoWindows(t *testing.T) {
	org, err := Parse("test.yaml", []byte(valid+`timings:
  first_care_serious: 45m
  first_care_working_hours: 6
  aftercare_talk: 96h
  follow_ups: [21d, 8w]
  police_report_working_days: 3
  offender_reaction: 36h
  ban_reminder: 14d
  analysis_working_days: 15
  talk_request_working_hours: 1
  check_in_working_days: 2
`))
	if err != nil {
		t.Fatal(err)
	}
	ws := org.Calendar.Windows
	got := map[string]string{}
	for _, kind := range []string{"first_care", "aftercare_talk", "follow_up", "check_in", "police", "offender", "ban_ends", "analysis", "talk_request"} {
		got[kind] = ws[kind].DescribeStarts() + "; " + ws[kind].DescribeLength()
	}
	got["first_care urgent"] = ws["first_care"].WhenUrgent.DescribeLength()
	want := map[string]string{
		"first_care":        "next working moment; 6 working hours",
		"first_care urgent": "45 minutes",
		"aftercare_talk":    "next working day; 96 hours from the report",
		"follow_up":         "21 days, 8 weeks; 3 working days",
		"check_in":          "2 working days, 20 days, 55 days; 7 days",
		"police":            "1 working hour; 3 working days from the report",
		"offender":          "1 working hour; 2 working days from the report", // 36 hours: a part of a day counts whole
		"ban_ends":          "14 days before; until the end",
		"analysis":          "next working day; 15 working days",
		"talk_request":      "at once; 1 working hour",
	}
	for kind, w := range want {
		if got[kind] != w {
			t.Errorf("%s = %q, want %q", kind, got[kind], w)
		}
	}
}

// escalate_after is working time between a reminder and the escalation.
func TestEscalateAfterIsTheCalendarsDelay(t *testing.T) {
	org, err := Parse("test.yaml", []byte(valid+"timings:\n  escalate_after: 3h\n"))
	if err != nil {
		t.Fatal(err)
	}
	c, err := org.WorkingCalendar()
	if err != nil {
		t.Fatal(err)
	}
	if got := c.EscalateAfter(false); got != 3*time.Hour {
		t.Errorf("escalate after %v, want 3 working hours", got)
	}
	if got := c.EscalateAfter(true); got != 30*time.Minute {
		t.Errorf("urgent: escalate after %v, want the 30 minutes of urgent first care", got)
	}
}

func TestCalendarProblemsWithLines(t *testing.T) {
	withPiket := valid + "  - name: Piket\n    email: piket@test.nl\n" // lines 18–19
	tests := []struct {
		name     string
		file     string
		line     int
		msg, fix string
	}{
		{"good friday sometimes", valid + "calendar:\n  good_friday: soms\n", 19, `good_friday "soms" is not possible`, "lustrum"},
		{"a Dutch date order", valid + "calendar:\n  closed_days: [24-12]\n", 19, "closed day 24-12 is no date", "month-day, such as 12-24"},
		{"a date that does not exist", valid + "calendar:\n  closed_days:\n    - 2027-02-30\n", 20, "closed day 2027-02-30 is no date", "2026-12-24"},
		{"a closed day twice", valid + "calendar:\n  closed_days:\n    - 12-24\n    - date: 12-24\n      name: Kerstavond\n", 21,
			"closed day 12-24 is listed twice", "line 20"},
		{"a field a closed day lacks", valid + "calendar:\n  closed_days:\n    - date: 12-24\n      naam: Kerstavond\n", 21,
			`unknown field "naam" in a closed day`, "date and name"},
		{"a misspelt task kind", valid + "timings:\n  windows:\n    frist_care:\n      length: 4 working hours\n", 20,
			`unknown task kind "frist_care"`, `did you mean "first_care"?`},
		{"a field a window lacks", valid + "timings:\n  windows:\n    legal:\n      lenght: 4 working days\n", 21,
			`unknown field "lenght" in the window of legal`, "start, length"},
		{"three million working days", valid + "timings:\n  windows:\n    legal:\n      length: 3000000 working days\n", 21,
			"window of legal, length: 3000000 working days is more than a year", "at most a year"},
		{"an older key out of bounds", valid + "timings:\n  aftercare_talk: 30000h\n", 19,
			"30000h is outside the range this deadline can have", "from 1h to 30d"},
		{"escalation after more than two working weeks", valid + "timings:\n  escalate_after: 100h\n", 19,
			"100h is outside the range this deadline can have", "from 1m to 80h"},
		{"an unreadable length", valid + "timings:\n  windows:\n    legal:\n      length: een week\n", 21,
			`"een week" is not an amount of time`, "4 working hours"},
		{"an unreadable start", valid + "timings:\n  windows:\n    follow_up:\n      start: [14 days, straks]\n", 21,
			`"straks" is not an amount of time`, "next working moment"},
		{"an order in a circle", valid + "timings:\n  windows:\n    first_care:\n      after: contact_today\n", 21,
			"first_care → contact_today → first_care", "does not come after"},
		{"a length for the end of a ban", valid + "timings:\n  windows:\n    ban_ends:\n      length: 2 working days\n", 21,
			"ban_ends is due when the ban ends", "only its start"},
		{"at least in calendar time", valid + "timings:\n  windows:\n    aftercare_talk:\n      at_least: 2 days\n", 21,
			"write it in working time", "working time"},
		{"an older key and a window set the same", valid + "timings:\n  first_care_working_hours: 6\n  windows:\n    first_care:\n      length: 4 working hours\n", 22,
			"timings.windows.first_care.length and first_care_working_hours (line 19) both set it", "keep one"},
		{"on call: not listed", valid + "on_call:\n  - person: piket@test.nl\n", 19, `"piket@test.nl" on call is not listed under people`, "under people"},
		{"on call: a role nobody has there", valid + "on_call:\n  - department: burgerzaken\n    role: deputy\n", 20,
			"nobody has role deputy in department burgerzaken", "give someone the role"},
		{"on call: both", withPiket + "on_call:\n  - person: piket@test.nl\n    role: manager\n", 21,
			"names both a person and a role", "person: <e-mail> or role: <role>"},
		{"on call twice for the organisation", withPiket + "on_call:\n  - person: piket@test.nl\n  - role: manager\n", 22,
			"the organisation is on call twice", "line 21"},
		{"on call for a department that does not exist", withPiket + "on_call:\n  - department: burgerzakn\n    person: piket@test.nl\n", 21,
			`unknown department "burgerzakn"`, `did you mean "burgerzaken"?`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { wantProblem(t, tt.file, tt.line, tt.msg, tt.fix) })
	}
}

func TestExampleHasTheDefaultCalendar(t *testing.T) {
	org, err := Parse(ExampleName, Example)
	if err != nil {
		t.Fatal(err)
	}
	c, err := org.WorkingCalendar()
	if err != nil {
		t.Fatal(err)
	}
	loc := org.Zone()
	if !c.IsWorkday(time.Date(2027, 3, 26, 12, 0, 0, 0, loc)) || c.IsWorkday(time.Date(2027, 5, 5, 12, 0, 0, 0, loc)) {
		t.Errorf("the sample does not keep Good Friday a working day and 5 May off")
	}
	for _, kind := range calendar.Kinds {
		if _, ok := c.Window(kind, false); !ok {
			t.Errorf("the sample has no window for %s", kind)
		}
	}
}
