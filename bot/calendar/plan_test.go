package calendar

import (
	"fmt"
	"testing"
	"time"

	"meldbot/bot/internal/lines"
)

// TestPlanAtAwkwardMoments plans every kind of task for a report at each
// moment that went wrong before: the exact start and due of every
// occurrence, and the invariants of every plan.
func TestPlanAtAwkwardMoments(t *testing.T) {
	def := mustNew(t, Settings{})
	closed := mustNew(t, Settings{Closed: []ClosedDay{{Month: 12, Day: 24}, {Month: 12, Day: 31, Name: "Oudejaarsdag"}}})
	tests := []struct {
		name string
		cal  *Calendar
		ref  time.Time
		want string // per line: kind [urgent], start → due
	}{
		{"Friday 16:00", def, at(2026, 11, 20, 16, 0), `
first_care           Fri 20 Nov 2026 16:00 CET → Mon 23 Nov 2026 11:30 CET
contact_today        Mon 23 Nov 2026 08:30 CET → Mon 23 Nov 2026 17:00 CET
aftercare_talk       Mon 23 Nov 2026 08:30 CET → Tue 24 Nov 2026 17:00 CET
follow_up            Fri 4 Dec 2026 08:30 CET → Tue 8 Dec 2026 17:00 CET
follow_up            Fri 8 Jan 2027 08:30 CET → Tue 12 Jan 2027 17:00 CET
check_in             Wed 25 Nov 2026 08:30 CET → Wed 2 Dec 2026 17:00 CET
check_in             Thu 3 Dec 2026 08:30 CET → Thu 10 Dec 2026 17:00 CET
check_in             Thu 7 Jan 2027 08:30 CET → Thu 14 Jan 2027 17:00 CET
talk_request         Fri 20 Nov 2026 16:00 CET → Mon 23 Nov 2026 09:30 CET
police               Mon 23 Nov 2026 08:30 CET → Tue 24 Nov 2026 17:00 CET
offender             Mon 23 Nov 2026 08:30 CET → Tue 24 Nov 2026 17:00 CET
ban_ends             Fri 13 Nov 2026 08:30 CET → Thu 19 Nov 2026 17:00 CET
analysis             Mon 23 Nov 2026 08:30 CET → Fri 4 Dec 2026 17:00 CET
team_meeting         Mon 23 Nov 2026 08:30 CET → Fri 4 Dec 2026 17:00 CET
unsafe               Fri 20 Nov 2026 16:00 CET → Tue 24 Nov 2026 17:00 CET
legal                Fri 20 Nov 2026 16:00 CET → Fri 27 Nov 2026 17:00 CET
facility             Fri 20 Nov 2026 16:00 CET → Fri 27 Nov 2026 17:00 CET
security_eval        Mon 23 Nov 2026 08:30 CET → Fri 27 Nov 2026 17:00 CET
repair               Fri 20 Nov 2026 16:00 CET → Fri 27 Nov 2026 17:00 CET
first_care urgent    Fri 20 Nov 2026 16:00 CET → Fri 20 Nov 2026 16:30 CET
contact_today urgent Fri 20 Nov 2026 16:00 CET → Fri 20 Nov 2026 17:00 CET`},
		{"Friday 17:30, after hours", def, at(2026, 11, 20, 17, 30), `
first_care           Mon 23 Nov 2026 08:30 CET → Mon 23 Nov 2026 12:30 CET
contact_today        Mon 23 Nov 2026 09:30 CET → Mon 23 Nov 2026 17:00 CET
aftercare_talk       Mon 23 Nov 2026 08:30 CET → Tue 24 Nov 2026 17:00 CET
follow_up            Fri 4 Dec 2026 08:30 CET → Tue 8 Dec 2026 17:00 CET
follow_up            Fri 8 Jan 2027 08:30 CET → Tue 12 Jan 2027 17:00 CET
check_in             Wed 25 Nov 2026 08:30 CET → Wed 2 Dec 2026 17:00 CET
check_in             Thu 3 Dec 2026 08:30 CET → Thu 10 Dec 2026 17:00 CET
check_in             Thu 7 Jan 2027 08:30 CET → Thu 14 Jan 2027 17:00 CET
talk_request         Fri 20 Nov 2026 17:30 CET → Mon 23 Nov 2026 10:30 CET
police               Mon 23 Nov 2026 09:30 CET → Tue 24 Nov 2026 17:00 CET
offender             Mon 23 Nov 2026 09:30 CET → Tue 24 Nov 2026 17:00 CET
ban_ends             Fri 13 Nov 2026 08:30 CET → Fri 20 Nov 2026 17:00 CET
analysis             Mon 23 Nov 2026 08:30 CET → Fri 4 Dec 2026 17:00 CET
team_meeting         Mon 23 Nov 2026 08:30 CET → Fri 4 Dec 2026 17:00 CET
unsafe               Mon 23 Nov 2026 08:30 CET → Tue 24 Nov 2026 17:00 CET
legal                Mon 23 Nov 2026 08:30 CET → Fri 27 Nov 2026 17:00 CET
facility             Mon 23 Nov 2026 08:30 CET → Fri 27 Nov 2026 17:00 CET
security_eval        Mon 23 Nov 2026 09:30 CET → Fri 27 Nov 2026 17:00 CET
repair               Mon 23 Nov 2026 08:30 CET → Fri 27 Nov 2026 17:00 CET
first_care urgent    Fri 20 Nov 2026 17:30 CET → Fri 20 Nov 2026 18:00 CET
contact_today urgent Mon 23 Nov 2026 08:30 CET → Mon 23 Nov 2026 17:00 CET`},
		{"Sunday 03:30", def, at(2026, 11, 22, 3, 30), `
first_care           Mon 23 Nov 2026 08:30 CET → Mon 23 Nov 2026 12:30 CET
contact_today        Mon 23 Nov 2026 09:30 CET → Mon 23 Nov 2026 17:00 CET
aftercare_talk       Mon 23 Nov 2026 08:30 CET → Wed 25 Nov 2026 17:00 CET
follow_up            Mon 7 Dec 2026 08:30 CET → Wed 9 Dec 2026 17:00 CET
follow_up            Mon 11 Jan 2027 08:30 CET → Wed 13 Jan 2027 17:00 CET
check_in             Wed 25 Nov 2026 08:30 CET → Wed 2 Dec 2026 17:00 CET
check_in             Mon 7 Dec 2026 08:30 CET → Mon 14 Dec 2026 17:00 CET
check_in             Mon 11 Jan 2027 08:30 CET → Mon 18 Jan 2027 17:00 CET
talk_request         Sun 22 Nov 2026 03:30 CET → Mon 23 Nov 2026 10:30 CET
police               Mon 23 Nov 2026 09:30 CET → Tue 24 Nov 2026 17:00 CET
offender             Mon 23 Nov 2026 09:30 CET → Tue 24 Nov 2026 17:00 CET
ban_ends             Mon 16 Nov 2026 08:30 CET → Fri 20 Nov 2026 17:00 CET
analysis             Mon 23 Nov 2026 08:30 CET → Fri 4 Dec 2026 17:00 CET
team_meeting         Mon 23 Nov 2026 08:30 CET → Fri 4 Dec 2026 17:00 CET
unsafe               Mon 23 Nov 2026 08:30 CET → Tue 24 Nov 2026 17:00 CET
legal                Mon 23 Nov 2026 08:30 CET → Fri 27 Nov 2026 17:00 CET
facility             Mon 23 Nov 2026 08:30 CET → Fri 27 Nov 2026 17:00 CET
security_eval        Mon 23 Nov 2026 09:30 CET → Fri 27 Nov 2026 17:00 CET
repair               Mon 23 Nov 2026 08:30 CET → Fri 27 Nov 2026 17:00 CET
first_care urgent    Sun 22 Nov 2026 03:30 CET → Sun 22 Nov 2026 04:00 CET
contact_today urgent Mon 23 Nov 2026 08:30 CET → Mon 23 Nov 2026 17:00 CET`},
		{"the Thursday before Christmas 2026", def, at(2026, 12, 24, 16, 0), `
first_care           Thu 24 Dec 2026 16:00 CET → Mon 28 Dec 2026 11:30 CET
contact_today        Mon 28 Dec 2026 08:30 CET → Mon 28 Dec 2026 17:00 CET
aftercare_talk       Mon 28 Dec 2026 08:30 CET → Tue 29 Dec 2026 17:00 CET
follow_up            Thu 7 Jan 2027 08:30 CET → Mon 11 Jan 2027 17:00 CET
follow_up            Thu 11 Feb 2027 08:30 CET → Mon 15 Feb 2027 17:00 CET
check_in             Wed 30 Dec 2026 08:30 CET → Wed 6 Jan 2027 17:00 CET
check_in             Wed 6 Jan 2027 08:30 CET → Wed 13 Jan 2027 17:00 CET
check_in             Wed 10 Feb 2027 08:30 CET → Wed 17 Feb 2027 17:00 CET
talk_request         Thu 24 Dec 2026 16:00 CET → Mon 28 Dec 2026 09:30 CET
police               Mon 28 Dec 2026 08:30 CET → Tue 29 Dec 2026 17:00 CET
offender             Mon 28 Dec 2026 08:30 CET → Tue 29 Dec 2026 17:00 CET
ban_ends             Thu 17 Dec 2026 08:30 CET → Wed 23 Dec 2026 17:00 CET
analysis             Mon 28 Dec 2026 08:30 CET → Mon 11 Jan 2027 17:00 CET
team_meeting         Mon 28 Dec 2026 08:30 CET → Mon 11 Jan 2027 17:00 CET
unsafe               Thu 24 Dec 2026 16:00 CET → Tue 29 Dec 2026 17:00 CET
legal                Thu 24 Dec 2026 16:00 CET → Mon 4 Jan 2027 17:00 CET
facility             Thu 24 Dec 2026 16:00 CET → Mon 4 Jan 2027 17:00 CET
security_eval        Mon 28 Dec 2026 08:30 CET → Mon 4 Jan 2027 17:00 CET
repair               Thu 24 Dec 2026 16:00 CET → Mon 4 Jan 2027 17:00 CET
first_care urgent    Thu 24 Dec 2026 16:00 CET → Thu 24 Dec 2026 16:30 CET
contact_today urgent Thu 24 Dec 2026 16:00 CET → Thu 24 Dec 2026 17:00 CET`},
		{"the Thursday before Easter 2027 (Good Friday is a working day)", def, at(2027, 3, 25, 16, 0), `
first_care           Thu 25 Mar 2027 16:00 CET → Fri 26 Mar 2027 11:30 CET
contact_today        Fri 26 Mar 2027 08:30 CET → Fri 26 Mar 2027 17:00 CET
aftercare_talk       Fri 26 Mar 2027 08:30 CET → Tue 30 Mar 2027 17:00 CEST
follow_up            Thu 8 Apr 2027 08:30 CEST → Mon 12 Apr 2027 17:00 CEST
follow_up            Thu 13 May 2027 08:30 CEST → Tue 18 May 2027 17:00 CEST
check_in             Wed 31 Mar 2027 08:30 CEST → Wed 7 Apr 2027 17:00 CEST
check_in             Wed 7 Apr 2027 08:30 CEST → Wed 14 Apr 2027 17:00 CEST
check_in             Wed 12 May 2027 08:30 CEST → Wed 19 May 2027 17:00 CEST
talk_request         Thu 25 Mar 2027 16:00 CET → Fri 26 Mar 2027 09:30 CET
police               Fri 26 Mar 2027 08:30 CET → Tue 30 Mar 2027 17:00 CEST
offender             Fri 26 Mar 2027 08:30 CET → Tue 30 Mar 2027 17:00 CEST
ban_ends             Thu 18 Mar 2027 08:30 CET → Wed 24 Mar 2027 17:00 CET
analysis             Fri 26 Mar 2027 08:30 CET → Fri 9 Apr 2027 17:00 CEST
team_meeting         Fri 26 Mar 2027 08:30 CET → Fri 9 Apr 2027 17:00 CEST
unsafe               Thu 25 Mar 2027 16:00 CET → Tue 30 Mar 2027 17:00 CEST
legal                Thu 25 Mar 2027 16:00 CET → Fri 2 Apr 2027 17:00 CEST
facility             Thu 25 Mar 2027 16:00 CET → Fri 2 Apr 2027 17:00 CEST
security_eval        Fri 26 Mar 2027 08:30 CET → Fri 2 Apr 2027 17:00 CEST
repair               Thu 25 Mar 2027 16:00 CET → Fri 2 Apr 2027 17:00 CEST
first_care urgent    Thu 25 Mar 2027 16:00 CET → Thu 25 Mar 2027 16:30 CET
contact_today urgent Thu 25 Mar 2027 16:00 CET → Thu 25 Mar 2027 17:00 CET`},
		{"the evening before King's Day 2027", def, at(2027, 4, 26, 20, 0), `
first_care           Wed 28 Apr 2027 08:30 CEST → Wed 28 Apr 2027 12:30 CEST
contact_today        Wed 28 Apr 2027 09:30 CEST → Wed 28 Apr 2027 17:00 CEST
aftercare_talk       Wed 28 Apr 2027 08:30 CEST → Fri 30 Apr 2027 17:00 CEST
follow_up            Mon 10 May 2027 08:30 CEST → Wed 12 May 2027 17:00 CEST
follow_up            Mon 14 Jun 2027 08:30 CEST → Wed 16 Jun 2027 17:00 CEST
check_in             Fri 30 Apr 2027 08:30 CEST → Fri 7 May 2027 17:00 CEST
check_in             Mon 10 May 2027 08:30 CEST → Tue 18 May 2027 17:00 CEST
check_in             Mon 14 Jun 2027 08:30 CEST → Mon 21 Jun 2027 17:00 CEST
talk_request         Mon 26 Apr 2027 20:00 CEST → Wed 28 Apr 2027 10:30 CEST
police               Wed 28 Apr 2027 09:30 CEST → Thu 29 Apr 2027 17:00 CEST
offender             Wed 28 Apr 2027 09:30 CEST → Thu 29 Apr 2027 17:00 CEST
ban_ends             Mon 19 Apr 2027 08:30 CEST → Mon 26 Apr 2027 17:00 CEST
analysis             Wed 28 Apr 2027 08:30 CEST → Thu 13 May 2027 17:00 CEST
team_meeting         Wed 28 Apr 2027 08:30 CEST → Thu 13 May 2027 17:00 CEST
unsafe               Wed 28 Apr 2027 08:30 CEST → Thu 29 Apr 2027 17:00 CEST
legal                Wed 28 Apr 2027 08:30 CEST → Tue 4 May 2027 17:00 CEST
facility             Wed 28 Apr 2027 08:30 CEST → Tue 4 May 2027 17:00 CEST
security_eval        Wed 28 Apr 2027 09:30 CEST → Tue 4 May 2027 17:00 CEST
repair               Wed 28 Apr 2027 08:30 CEST → Tue 4 May 2027 17:00 CEST
first_care urgent    Mon 26 Apr 2027 20:00 CEST → Mon 26 Apr 2027 20:30 CEST
contact_today urgent Wed 28 Apr 2027 08:30 CEST → Wed 28 Apr 2027 17:00 CEST`},
		{"the day before a closed day (24 December closed, 31 December too)", closed, at(2026, 12, 23, 16, 0), `
first_care           Wed 23 Dec 2026 16:00 CET → Mon 28 Dec 2026 11:30 CET
contact_today        Mon 28 Dec 2026 08:30 CET → Mon 28 Dec 2026 17:00 CET
aftercare_talk       Mon 28 Dec 2026 08:30 CET → Tue 29 Dec 2026 17:00 CET
follow_up            Wed 6 Jan 2027 08:30 CET → Fri 8 Jan 2027 17:00 CET
follow_up            Wed 10 Feb 2027 08:30 CET → Fri 12 Feb 2027 17:00 CET
check_in             Wed 30 Dec 2026 08:30 CET → Wed 6 Jan 2027 17:00 CET
check_in             Tue 5 Jan 2027 08:30 CET → Tue 12 Jan 2027 17:00 CET
check_in             Tue 9 Feb 2027 08:30 CET → Tue 16 Feb 2027 17:00 CET
talk_request         Wed 23 Dec 2026 16:00 CET → Mon 28 Dec 2026 09:30 CET
police               Mon 28 Dec 2026 08:30 CET → Tue 29 Dec 2026 17:00 CET
offender             Mon 28 Dec 2026 08:30 CET → Tue 29 Dec 2026 17:00 CET
ban_ends             Wed 16 Dec 2026 08:30 CET → Tue 22 Dec 2026 17:00 CET
analysis             Mon 28 Dec 2026 08:30 CET → Tue 12 Jan 2027 17:00 CET
team_meeting         Mon 28 Dec 2026 08:30 CET → Tue 12 Jan 2027 17:00 CET
unsafe               Wed 23 Dec 2026 16:00 CET → Tue 29 Dec 2026 17:00 CET
legal                Wed 23 Dec 2026 16:00 CET → Tue 5 Jan 2027 17:00 CET
facility             Wed 23 Dec 2026 16:00 CET → Tue 5 Jan 2027 17:00 CET
security_eval        Mon 28 Dec 2026 08:30 CET → Tue 5 Jan 2027 17:00 CET
repair               Wed 23 Dec 2026 16:00 CET → Tue 5 Jan 2027 17:00 CET
first_care urgent    Wed 23 Dec 2026 16:00 CET → Wed 23 Dec 2026 16:30 CET
contact_today urgent Wed 23 Dec 2026 16:00 CET → Wed 23 Dec 2026 17:00 CET`},
		{"the night summer time ends, 02:45 before the clock goes back", def, time.Date(2026, 10, 25, 0, 45, 0, 0, time.UTC), `
first_care           Mon 26 Oct 2026 08:30 CET → Mon 26 Oct 2026 12:30 CET
contact_today        Mon 26 Oct 2026 09:30 CET → Mon 26 Oct 2026 17:00 CET
aftercare_talk       Mon 26 Oct 2026 08:30 CET → Wed 28 Oct 2026 17:00 CET
follow_up            Mon 9 Nov 2026 08:30 CET → Wed 11 Nov 2026 17:00 CET
follow_up            Mon 14 Dec 2026 08:30 CET → Wed 16 Dec 2026 17:00 CET
check_in             Wed 28 Oct 2026 08:30 CET → Wed 4 Nov 2026 17:00 CET
check_in             Mon 9 Nov 2026 08:30 CET → Mon 16 Nov 2026 17:00 CET
check_in             Mon 14 Dec 2026 08:30 CET → Mon 21 Dec 2026 17:00 CET
talk_request         Sun 25 Oct 2026 02:45 CEST → Mon 26 Oct 2026 10:30 CET
police               Mon 26 Oct 2026 09:30 CET → Tue 27 Oct 2026 17:00 CET
offender             Mon 26 Oct 2026 09:30 CET → Tue 27 Oct 2026 17:00 CET
ban_ends             Mon 19 Oct 2026 08:30 CEST → Fri 23 Oct 2026 17:00 CEST
analysis             Mon 26 Oct 2026 08:30 CET → Fri 6 Nov 2026 17:00 CET
team_meeting         Mon 26 Oct 2026 08:30 CET → Fri 6 Nov 2026 17:00 CET
unsafe               Mon 26 Oct 2026 08:30 CET → Tue 27 Oct 2026 17:00 CET
legal                Mon 26 Oct 2026 08:30 CET → Fri 30 Oct 2026 17:00 CET
facility             Mon 26 Oct 2026 08:30 CET → Fri 30 Oct 2026 17:00 CET
security_eval        Mon 26 Oct 2026 09:30 CET → Fri 30 Oct 2026 17:00 CET
repair               Mon 26 Oct 2026 08:30 CET → Fri 30 Oct 2026 17:00 CET
first_care urgent    Sun 25 Oct 2026 02:45 CEST → Sun 25 Oct 2026 02:15 CET
contact_today urgent Mon 26 Oct 2026 08:30 CET → Mon 26 Oct 2026 17:00 CET`},
		{"the Friday before summer time ends", def, at(2026, 10, 23, 16, 0), `
first_care           Fri 23 Oct 2026 16:00 CEST → Mon 26 Oct 2026 11:30 CET
contact_today        Mon 26 Oct 2026 08:30 CET → Mon 26 Oct 2026 17:00 CET
aftercare_talk       Mon 26 Oct 2026 08:30 CET → Tue 27 Oct 2026 17:00 CET
follow_up            Fri 6 Nov 2026 08:30 CET → Tue 10 Nov 2026 17:00 CET
follow_up            Fri 11 Dec 2026 08:30 CET → Tue 15 Dec 2026 17:00 CET
check_in             Wed 28 Oct 2026 08:30 CET → Wed 4 Nov 2026 17:00 CET
check_in             Thu 5 Nov 2026 08:30 CET → Thu 12 Nov 2026 17:00 CET
check_in             Thu 10 Dec 2026 08:30 CET → Thu 17 Dec 2026 17:00 CET
talk_request         Fri 23 Oct 2026 16:00 CEST → Mon 26 Oct 2026 09:30 CET
police               Mon 26 Oct 2026 08:30 CET → Tue 27 Oct 2026 17:00 CET
offender             Mon 26 Oct 2026 08:30 CET → Tue 27 Oct 2026 17:00 CET
ban_ends             Fri 16 Oct 2026 08:30 CEST → Thu 22 Oct 2026 17:00 CEST
analysis             Mon 26 Oct 2026 08:30 CET → Fri 6 Nov 2026 17:00 CET
team_meeting         Mon 26 Oct 2026 08:30 CET → Fri 6 Nov 2026 17:00 CET
unsafe               Fri 23 Oct 2026 16:00 CEST → Tue 27 Oct 2026 17:00 CET
legal                Fri 23 Oct 2026 16:00 CEST → Fri 30 Oct 2026 17:00 CET
facility             Fri 23 Oct 2026 16:00 CEST → Fri 30 Oct 2026 17:00 CET
security_eval        Mon 26 Oct 2026 08:30 CET → Fri 30 Oct 2026 17:00 CET
repair               Fri 23 Oct 2026 16:00 CEST → Fri 30 Oct 2026 17:00 CET
first_care urgent    Fri 23 Oct 2026 16:00 CEST → Fri 23 Oct 2026 16:30 CEST
contact_today urgent Fri 23 Oct 2026 16:00 CEST → Fri 23 Oct 2026 17:00 CEST`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, kind := range Kinds {
				got = append(got, planLines(t, tt.cal, kind, tt.ref, false)...)
			}
			got = append(got, planLines(t, tt.cal, "first_care", tt.ref, true)...)
			got = append(got, planLines(t, tt.cal, "contact_today", tt.ref, true)...)
			lines.Equal(t, got, tt.want)
		})
	}
}

// planLines plans every occurrence of a kind, checks the invariants and
// renders each as "kind [urgent] start → due".
func planLines(t *testing.T, c *Calendar, kind string, ref time.Time, urgent bool) []string {
	t.Helper()
	plans, ok := c.PlanEach(kind, ref, urgent)
	if !ok {
		t.Fatalf("no window for %s", kind)
	}
	label := kind
	if urgent {
		label += " urgent"
	}
	var out []string
	for i, p := range plans {
		for _, broken := range invariants(c, kind, urgent, i, ref, p) {
			t.Errorf("%s for a report at %s (%s → %s): %s", label, moment(ref), moment(p.Start), moment(p.Due), broken)
		}
		out = append(out, fmt.Sprintf("%s %s → %s", label, moment(p.Start), moment(p.Due)))
	}
	return out
}

// The examples of the issue, literally.
func TestIssueExamples(t *testing.T) {
	c := mustNew(t, Settings{})
	plan := func(kind string, ref time.Time) Plan {
		p, ok := c.Plan(kind, ref, false)
		if !ok {
			t.Fatalf("no window for %s", kind)
		}
		return p
	}
	expect := func(what string, got, want time.Time) {
		t.Helper()
		if !got.Equal(want) {
			t.Errorf("%s: got %s, want %s", what, moment(got), moment(want))
		}
	}

	// A report on Thursday 24 December 16:00: the aftercare talk starts
	// Monday 28 December 08:30 and is due at the close of the second working
	// day, not on Sunday 27 December 16:00 before it starts. It is not
	// reminded on Monday morning, nor escalated at noon.
	talk := plan("aftercare_talk", at(2026, 12, 24, 16, 0))
	expect("aftercare talk starts", talk.Start, at(2026, 12, 28, 8, 30))
	expect("aftercare talk due", talk.Due, at(2026, 12, 29, 17, 0))
	if n := c.WholeWorkingDays(talk.Start, talk.Due); n < 2 {
		t.Errorf("the aftercare talk has %d whole working days, want at least 2", n)
	}
	expect("aftercare talk reminded", c.RemindAt(talk), at(2026, 12, 30, 8, 30))
	expect("aftercare talk escalated", c.EscalateAt(talk, 2*time.Hour), at(2026, 12, 30, 10, 30))

	// A report on Friday 16:00: first care due Monday 11:30 (4 working
	// hours); contact today no longer Friday 19:00 — before first care and
	// outside working hours — but the close of Monday; the reaction toward
	// the offender not on Sunday but at the close of Tuesday.
	fri := at(2026, 11, 20, 16, 0)
	first, contact, offender := plan("first_care", fri), plan("contact_today", fri), plan("offender", fri)
	expect("first care due", first.Due, at(2026, 11, 23, 11, 30))
	expect("contact due", contact.Due, at(2026, 11, 23, 17, 0))
	expect("offender reaction due", offender.Due, at(2026, 11, 24, 17, 0))
	if contact.Due.Before(first.Due) {
		t.Errorf("contact today (%s) is due before first care (%s)", moment(contact.Due), moment(first.Due))
	}
	expect("contact reminded on Tuesday morning, not Monday", c.RemindAt(contact), at(2026, 11, 24, 8, 30))

	// A report sent on Sunday 03:28: Legal and facility are due at the close
	// of Friday 11 December, not at 03:28; the analysis at the close of
	// Friday 18 December.
	sun := at(2026, 12, 6, 3, 28)
	expect("legal due", plan("legal", sun).Due, at(2026, 12, 11, 17, 0))
	expect("facility due", plan("facility", sun).Due, at(2026, 12, 11, 17, 0))
	expect("analysis due", plan("analysis", sun).Due, at(2026, 12, 18, 17, 0))

	// The same on the Thursday before Easter 2027, in both calendars: with
	// Good Friday a working day (the CAO Gemeenten) and with it off.
	thu := at(2027, 3, 25, 16, 0)
	expect("aftercare talk due before Easter", plan("aftercare_talk", thu).Due, at(2027, 3, 30, 17, 0))
	off := mustNew(t, Settings{GoodFriday: EveryYear})
	if p, _ := off.Plan("aftercare_talk", thu, false); !p.Start.Equal(at(2027, 3, 30, 8, 30)) || !p.Due.Equal(at(2027, 3, 31, 17, 0)) {
		t.Errorf("with Good Friday off: aftercare talk %s → %s, want Tue 30 Mar 08:30 → Wed 31 Mar 17:00", moment(p.Start), moment(p.Due))
	}
}

// Urgent first care runs in calendar time: 30 minutes after a report at
// night is 30 minutes later, also in the hour that summer time repeats,
// and it is reminded and escalated at night.
func TestUrgentFirstCareCountsCalendarTime(t *testing.T) {
	c := mustNew(t, Settings{})
	ref := time.Date(2026, 10, 25, 0, 45, 0, 0, time.UTC) // 02:45 CEST, before the clock goes back
	p, _ := c.Plan("first_care", ref, true)
	if !p.Urgent || p.Due.Sub(ref) != 30*time.Minute {
		t.Fatalf("urgent first care = %+v, want due 30 minutes after %s", p, moment(ref))
	}
	if got := c.RemindAt(p); !got.Equal(p.Due) {
		t.Errorf("reminded at %s, want at its due %s", moment(got), moment(p.Due))
	}
	if got := c.EscalateAt(p, 30*time.Minute); got.Sub(p.Due) != 30*time.Minute {
		t.Errorf("escalated at %s, want 30 minutes after its due", moment(got))
	}
	if !c.IsOnCallTime(ref) {
		t.Errorf("Sunday night is no on-call time")
	}
}

// BenchmarkPlanEveryKind plans every task of a report, as the workflow does
// once per report: every kind, every occurrence.
func BenchmarkPlanEveryKind(b *testing.B) {
	c := mustNew(b, Settings{Closed: []ClosedDay{{Month: 12, Day: 24}, {Month: 12, Day: 31}}})
	ref := at(2026, 12, 23, 16, 0)
	for b.Loop() {
		for _, kind := range Kinds {
			c.PlanEach(kind, ref, false)
		}
	}
}

// BenchmarkNew builds a calendar, as reading the organisation file does.
func BenchmarkNew(b *testing.B) {
	for b.Loop() {
		mustNew(b, Settings{})
	}
}
