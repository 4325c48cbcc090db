package bot_test

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"meldbot/bot"
	"meldbot/bot/bottest"
	"meldbot/bot/calendar"
	"meldbot/bot/internal/lines"
	"meldbot/bot/locale"
	"meldbot/bot/policy"
)

// awkward is a moment at which deadlines used to go wrong.
type awkward struct {
	name   string
	closed []calendar.ClosedDay // the organisation's own closed days
	at     time.Time
	want   string // per line: the task, start → due
}

// awkwardMoments are the moments of the issue, with every task of every
// kind made at them, each with its exact start and due. The times agree
// with the calendar's own table (bot/calendar, TestPlanAtAwkwardMoments)
// for the same moments: the workflow plans by the calendar and nothing
// else.
func awkwardMoments(ams *time.Location) []awkward {
	at := func(y int, m time.Month, d, h, min int) time.Time { return time.Date(y, m, d, h, min, 0, 0, ams) }
	return []awkward{
		{name: "Friday 16:00", at: at(2026, 11, 20, 16, 0), want: `
M5 first_care          Fri 20 Nov 16:00 → Mon 23 Nov 11:30
M7 contact_today       Mon 23 Nov 08:30 → Mon 23 Nov 17:00
M7 aftercare_talk      Mon 23 Nov 08:30 → Tue 24 Nov 17:00
M7 follow_up 1/2       Fri 4 Dec 08:30 → Tue 8 Dec 17:00
M7 follow_up 2/2       Fri 8 Jan 08:30 → Tue 12 Jan 17:00
M6 police              Mon 23 Nov 08:30 → Tue 24 Nov 17:00
M10 offender           Mon 23 Nov 08:30 → Tue 24 Nov 17:00
M9 analysis            Mon 23 Nov 08:30 → Fri 4 Dec 17:00
M11 legal              Fri 20 Nov 16:00 → Fri 27 Nov 17:00
F1 facility            Fri 20 Nov 16:00 → Fri 27 Nov 17:00
G8 security_eval       Mon 23 Nov 08:30 → Fri 27 Nov 17:00
E11 check_in 1         Wed 25 Nov 08:30 → Wed 2 Dec 17:00
E11 check_in 2         Thu 3 Dec 08:30 → Thu 10 Dec 17:00
E11 check_in 3         Thu 7 Jan 08:30 → Thu 14 Jan 17:00
M5 first_care urgent   Fri 20 Nov 16:00 → Fri 20 Nov 16:30
M7 contact_today urgent Fri 20 Nov 16:00 → Fri 20 Nov 17:00
M8 team_meeting        Mon 23 Nov 08:30 → Fri 4 Dec 17:00
E10 unsafe             Fri 20 Nov 16:00 → Tue 24 Nov 17:00
E11 talk_request urgent Fri 20 Nov 16:00 → Mon 23 Nov 09:30
M10 ban_ends           Fri 20 Nov 16:00 → Wed 25 Nov 17:00
F3 repair              Fri 20 Nov 16:00 → Fri 27 Nov 17:00
C8 duty                Fri 20 Nov 16:00 → Thu 3 Dec 17:00`},
		{name: "Friday 17:30, after hours", at: at(2026, 11, 20, 17, 30), want: `
M5 first_care          Mon 23 Nov 08:30 → Mon 23 Nov 12:30
M7 contact_today       Mon 23 Nov 09:30 → Mon 23 Nov 17:00
M7 aftercare_talk      Mon 23 Nov 08:30 → Tue 24 Nov 17:00
M7 follow_up 1/2       Fri 4 Dec 08:30 → Tue 8 Dec 17:00
M7 follow_up 2/2       Fri 8 Jan 08:30 → Tue 12 Jan 17:00
M6 police              Mon 23 Nov 09:30 → Tue 24 Nov 17:00
M10 offender           Mon 23 Nov 09:30 → Tue 24 Nov 17:00
M9 analysis            Mon 23 Nov 08:30 → Fri 4 Dec 17:00
M11 legal              Mon 23 Nov 08:30 → Fri 27 Nov 17:00
F1 facility            Mon 23 Nov 08:30 → Fri 27 Nov 17:00
G8 security_eval       Mon 23 Nov 09:30 → Fri 27 Nov 17:00
E11 check_in 1         Wed 25 Nov 08:30 → Wed 2 Dec 17:00
E11 check_in 2         Thu 3 Dec 08:30 → Thu 10 Dec 17:00
E11 check_in 3         Thu 7 Jan 08:30 → Thu 14 Jan 17:00
M5 first_care urgent   Fri 20 Nov 17:30 → Fri 20 Nov 18:00
M7 contact_today urgent Mon 23 Nov 08:30 → Mon 23 Nov 17:00
M8 team_meeting        Mon 23 Nov 08:30 → Fri 4 Dec 17:00
E10 unsafe             Mon 23 Nov 08:30 → Tue 24 Nov 17:00
E11 talk_request urgent Fri 20 Nov 17:30 → Mon 23 Nov 10:30
M10 ban_ends           Mon 23 Nov 08:30 → Wed 25 Nov 17:00
F3 repair              Mon 23 Nov 08:30 → Fri 27 Nov 17:00
C8 duty                Mon 23 Nov 08:30 → Fri 4 Dec 17:00`},
		{name: "Sunday 03:30", at: at(2026, 11, 22, 3, 30), want: `
M5 first_care          Mon 23 Nov 08:30 → Mon 23 Nov 12:30
M7 contact_today       Mon 23 Nov 09:30 → Mon 23 Nov 17:00
M7 aftercare_talk      Mon 23 Nov 08:30 → Wed 25 Nov 17:00
M7 follow_up 1/2       Mon 7 Dec 08:30 → Wed 9 Dec 17:00
M7 follow_up 2/2       Mon 11 Jan 08:30 → Wed 13 Jan 17:00
M6 police              Mon 23 Nov 09:30 → Tue 24 Nov 17:00
M10 offender           Mon 23 Nov 09:30 → Tue 24 Nov 17:00
M9 analysis            Mon 23 Nov 08:30 → Fri 4 Dec 17:00
M11 legal              Mon 23 Nov 08:30 → Fri 27 Nov 17:00
F1 facility            Mon 23 Nov 08:30 → Fri 27 Nov 17:00
G8 security_eval       Mon 23 Nov 09:30 → Fri 27 Nov 17:00
E11 check_in 1         Wed 25 Nov 08:30 → Wed 2 Dec 17:00
E11 check_in 2         Mon 7 Dec 08:30 → Mon 14 Dec 17:00
E11 check_in 3         Mon 11 Jan 08:30 → Mon 18 Jan 17:00
M5 first_care urgent   Sun 22 Nov 03:30 → Sun 22 Nov 04:00
M7 contact_today urgent Mon 23 Nov 08:30 → Mon 23 Nov 17:00
M8 team_meeting        Mon 23 Nov 08:30 → Fri 4 Dec 17:00
E10 unsafe             Mon 23 Nov 08:30 → Tue 24 Nov 17:00
E11 talk_request urgent Sun 22 Nov 03:30 → Mon 23 Nov 10:30
M10 ban_ends           Mon 23 Nov 08:30 → Fri 27 Nov 17:00
F3 repair              Mon 23 Nov 08:30 → Fri 27 Nov 17:00
C8 duty                Mon 23 Nov 08:30 → Fri 4 Dec 17:00`},
		{name: "the Thursday before Christmas", at: at(2026, 12, 24, 16, 0), want: `
M5 first_care          Thu 24 Dec 16:00 → Mon 28 Dec 11:30
M7 contact_today       Mon 28 Dec 08:30 → Mon 28 Dec 17:00
M7 aftercare_talk      Mon 28 Dec 08:30 → Tue 29 Dec 17:00
M7 follow_up 1/2       Thu 7 Jan 08:30 → Mon 11 Jan 17:00
M7 follow_up 2/2       Thu 11 Feb 08:30 → Mon 15 Feb 17:00
M6 police              Mon 28 Dec 08:30 → Tue 29 Dec 17:00
M10 offender           Mon 28 Dec 08:30 → Tue 29 Dec 17:00
M9 analysis            Mon 28 Dec 08:30 → Mon 11 Jan 17:00
M11 legal              Thu 24 Dec 16:00 → Mon 4 Jan 17:00
F1 facility            Thu 24 Dec 16:00 → Mon 4 Jan 17:00
G8 security_eval       Mon 28 Dec 08:30 → Mon 4 Jan 17:00
E11 check_in 1         Wed 30 Dec 08:30 → Wed 6 Jan 17:00
E11 check_in 2         Wed 6 Jan 08:30 → Wed 13 Jan 17:00
E11 check_in 3         Wed 10 Feb 08:30 → Wed 17 Feb 17:00
M5 first_care urgent   Thu 24 Dec 16:00 → Thu 24 Dec 16:30
M7 contact_today urgent Thu 24 Dec 16:00 → Thu 24 Dec 17:00
M8 team_meeting        Mon 28 Dec 08:30 → Mon 11 Jan 17:00
E10 unsafe             Thu 24 Dec 16:00 → Tue 29 Dec 17:00
E11 talk_request urgent Thu 24 Dec 16:00 → Mon 28 Dec 09:30
M10 ban_ends           Thu 24 Dec 16:00 → Tue 29 Dec 17:00
F3 repair              Thu 24 Dec 16:00 → Mon 4 Jan 17:00
C8 duty                Thu 24 Dec 16:00 → Fri 8 Jan 17:00`},
		{name: "the Thursday before Easter (Good Friday is a working day)", at: at(2027, 3, 25, 16, 0), want: `
M5 first_care          Thu 25 Mar 16:00 → Fri 26 Mar 11:30
M7 contact_today       Fri 26 Mar 08:30 → Fri 26 Mar 17:00
M7 aftercare_talk      Fri 26 Mar 08:30 → Tue 30 Mar 17:00
M7 follow_up 1/2       Thu 8 Apr 08:30 → Mon 12 Apr 17:00
M7 follow_up 2/2       Thu 13 May 08:30 → Tue 18 May 17:00
M6 police              Fri 26 Mar 08:30 → Tue 30 Mar 17:00
M10 offender           Fri 26 Mar 08:30 → Tue 30 Mar 17:00
M9 analysis            Fri 26 Mar 08:30 → Fri 9 Apr 17:00
M11 legal              Thu 25 Mar 16:00 → Fri 2 Apr 17:00
F1 facility            Thu 25 Mar 16:00 → Fri 2 Apr 17:00
G8 security_eval       Fri 26 Mar 08:30 → Fri 2 Apr 17:00
E11 check_in 1         Wed 31 Mar 08:30 → Wed 7 Apr 17:00
E11 check_in 2         Wed 7 Apr 08:30 → Wed 14 Apr 17:00
E11 check_in 3         Wed 12 May 08:30 → Wed 19 May 17:00
M5 first_care urgent   Thu 25 Mar 16:00 → Thu 25 Mar 16:30
M7 contact_today urgent Thu 25 Mar 16:00 → Thu 25 Mar 17:00
M8 team_meeting        Fri 26 Mar 08:30 → Fri 9 Apr 17:00
E10 unsafe             Thu 25 Mar 16:00 → Tue 30 Mar 17:00
E11 talk_request urgent Thu 25 Mar 16:00 → Fri 26 Mar 09:30
M10 ban_ends           Thu 25 Mar 16:00 → Tue 30 Mar 17:00
F3 repair              Thu 25 Mar 16:00 → Fri 2 Apr 17:00
C8 duty                Thu 25 Mar 16:00 → Thu 8 Apr 17:00`},
		{name: "the evening before King's Day", at: at(2027, 4, 26, 20, 0), want: `
M5 first_care          Wed 28 Apr 08:30 → Wed 28 Apr 12:30
M7 contact_today       Wed 28 Apr 09:30 → Wed 28 Apr 17:00
M7 aftercare_talk      Wed 28 Apr 08:30 → Fri 30 Apr 17:00
M7 follow_up 1/2       Mon 10 May 08:30 → Wed 12 May 17:00
M7 follow_up 2/2       Mon 14 Jun 08:30 → Wed 16 Jun 17:00
M6 police              Wed 28 Apr 09:30 → Thu 29 Apr 17:00
M10 offender           Wed 28 Apr 09:30 → Thu 29 Apr 17:00
M9 analysis            Wed 28 Apr 08:30 → Thu 13 May 17:00
M11 legal              Wed 28 Apr 08:30 → Tue 4 May 17:00
F1 facility            Wed 28 Apr 08:30 → Tue 4 May 17:00
G8 security_eval       Wed 28 Apr 09:30 → Tue 4 May 17:00
E11 check_in 1         Fri 30 Apr 08:30 → Fri 7 May 17:00
E11 check_in 2         Mon 10 May 08:30 → Tue 18 May 17:00
E11 check_in 3         Mon 14 Jun 08:30 → Mon 21 Jun 17:00
M5 first_care urgent   Mon 26 Apr 20:00 → Mon 26 Apr 20:30
M7 contact_today urgent Wed 28 Apr 08:30 → Wed 28 Apr 17:00
M8 team_meeting        Wed 28 Apr 08:30 → Thu 13 May 17:00
E10 unsafe             Wed 28 Apr 08:30 → Thu 29 Apr 17:00
E11 talk_request urgent Mon 26 Apr 20:00 → Wed 28 Apr 10:30
M10 ban_ends           Wed 28 Apr 08:30 → Fri 30 Apr 17:00
F3 repair              Wed 28 Apr 08:30 → Tue 4 May 17:00
C8 duty                Wed 28 Apr 08:30 → Thu 13 May 17:00`},
		{name: "the day before a closed day", closed: []calendar.ClosedDay{{Month: 12, Day: 24}, {Month: 12, Day: 31, Name: "Oudejaarsdag"}},
			at: at(2026, 12, 23, 16, 0), want: `
M5 first_care          Wed 23 Dec 16:00 → Mon 28 Dec 11:30
M7 contact_today       Mon 28 Dec 08:30 → Mon 28 Dec 17:00
M7 aftercare_talk      Mon 28 Dec 08:30 → Tue 29 Dec 17:00
M7 follow_up 1/2       Wed 6 Jan 08:30 → Fri 8 Jan 17:00
M7 follow_up 2/2       Wed 10 Feb 08:30 → Fri 12 Feb 17:00
M6 police              Mon 28 Dec 08:30 → Tue 29 Dec 17:00
M10 offender           Mon 28 Dec 08:30 → Tue 29 Dec 17:00
M9 analysis            Mon 28 Dec 08:30 → Tue 12 Jan 17:00
M11 legal              Wed 23 Dec 16:00 → Tue 5 Jan 17:00
F1 facility            Wed 23 Dec 16:00 → Tue 5 Jan 17:00
G8 security_eval       Mon 28 Dec 08:30 → Tue 5 Jan 17:00
E11 check_in 1         Wed 30 Dec 08:30 → Wed 6 Jan 17:00
E11 check_in 2         Tue 5 Jan 08:30 → Tue 12 Jan 17:00
E11 check_in 3         Tue 9 Feb 08:30 → Tue 16 Feb 17:00
M5 first_care urgent   Wed 23 Dec 16:00 → Wed 23 Dec 16:30
M7 contact_today urgent Wed 23 Dec 16:00 → Wed 23 Dec 17:00
M8 team_meeting        Mon 28 Dec 08:30 → Tue 12 Jan 17:00
E10 unsafe             Wed 23 Dec 16:00 → Tue 29 Dec 17:00
E11 talk_request urgent Wed 23 Dec 16:00 → Mon 28 Dec 09:30
M10 ban_ends           Wed 23 Dec 16:00 → Mon 28 Dec 17:00
F3 repair              Wed 23 Dec 16:00 → Tue 5 Jan 17:00
C8 duty                Wed 23 Dec 16:00 → Mon 11 Jan 17:00`},
		{name: "the night summer time ends, 02:45 before the clock goes back", at: time.Date(2026, 10, 25, 0, 45, 0, 0, time.UTC).In(ams), want: `
M5 first_care          Mon 26 Oct 08:30 → Mon 26 Oct 12:30
M7 contact_today       Mon 26 Oct 09:30 → Mon 26 Oct 17:00
M7 aftercare_talk      Mon 26 Oct 08:30 → Wed 28 Oct 17:00
M7 follow_up 1/2       Mon 9 Nov 08:30 → Wed 11 Nov 17:00
M7 follow_up 2/2       Mon 14 Dec 08:30 → Wed 16 Dec 17:00
M6 police              Mon 26 Oct 09:30 → Tue 27 Oct 17:00
M10 offender           Mon 26 Oct 09:30 → Tue 27 Oct 17:00
M9 analysis            Mon 26 Oct 08:30 → Fri 6 Nov 17:00
M11 legal              Mon 26 Oct 08:30 → Fri 30 Oct 17:00
F1 facility            Mon 26 Oct 08:30 → Fri 30 Oct 17:00
G8 security_eval       Mon 26 Oct 09:30 → Fri 30 Oct 17:00
E11 check_in 1         Wed 28 Oct 08:30 → Wed 4 Nov 17:00
E11 check_in 2         Mon 9 Nov 08:30 → Mon 16 Nov 17:00
E11 check_in 3         Mon 14 Dec 08:30 → Mon 21 Dec 17:00
M5 first_care urgent   Sun 25 Oct 02:45 → Sun 25 Oct 02:15
M7 contact_today urgent Mon 26 Oct 08:30 → Mon 26 Oct 17:00
M8 team_meeting        Mon 26 Oct 08:30 → Fri 6 Nov 17:00
E10 unsafe             Mon 26 Oct 08:30 → Tue 27 Oct 17:00
E11 talk_request urgent Sun 25 Oct 02:45 → Mon 26 Oct 10:30
M10 ban_ends           Mon 26 Oct 08:30 → Fri 30 Oct 17:00
F3 repair              Mon 26 Oct 08:30 → Fri 30 Oct 17:00
C8 duty                Mon 26 Oct 08:30 → Fri 6 Nov 17:00`},
	}
}

// TestMatrix_M5_M6_M7_M8_M9_M10_M11_E10_E11_F1_F3_G8_DeadlinesAtAwkwardMoments
// makes, at each awkward moment, a task of every kind the workflow has —
// a report with everything (police, damage, workplace, the guard,
// check-ins), a serious one, an unsafe situation, a talk asked for at a
// check-in, a visitor ban ending in five days, a defect found at an alarm
// test (its repair, and the coordinator's look at the risk inventory, C8)
// — and checks the exact start and due of each, and the promises
// that hold for every task: never due before it starts; when not urgent,
// started in working hours, due inside them or at the close of a working
// day, reminded in working hours no sooner than its deadline and its
// assignee's first working hour with it, and escalated in working hours
// after that; contact today never due before first care.
func TestMatrix_M5_M6_M7_M8_M9_M10_M11_E10_E11_F1_F3_G8_DeadlinesAtAwkwardMoments(t *testing.T) {
	ams := bottest.Amsterdam
	for _, m := range awkwardMoments(ams) {
		t.Run(m.name, func(t *testing.T) {
			org := bottest.SampleOrg(t)
			org.Calendar.Closed = m.closed
			h := bottest.New(t, bottest.WithOrg(org), bottest.WithClock(bottest.NewClock(m.at.AddDate(0, 0, -14))))
			got, tasks := tasksMadeAt(t, h, m.at)
			cal := h.Bot.Calendar()
			for _, task := range tasks {
				for _, broken := range taskPromises(cal, task, tasks) {
					t.Errorf("%s (%s → %s): %s", task.ID, task.Start.Format(time.RFC3339), task.Due.Format(time.RFC3339), broken)
				}
			}
			lines.Equal(t, got, m.want)
		})
	}
}

// tasksMadeAt lives from the harness's time to at, as a running meldbot
// would, and then at that moment makes a task of every kind (see the test
// above). It returns the tasks made at that moment, in a fixed order, and
// one line for each: "M5 first_care Fri 20 Nov 16:00 → Mon 23 Nov 11:30".
func tasksMadeAt(t *testing.T, h *bottest.Harness, at time.Time) ([]string, []bot.Task) {
	t.Helper()
	// Two weeks before: a report whose check-in and reaction toward the
	// offender are still there to act on, and the month's alarm test.
	earlier := h.Report(t, "sanne", map[string]string{"checkin": "[Ja, graag]"})
	alarm := policy.Duty{Row: "F2", Role: policy.RoleFacility, Scope: policy.ScopeLocation, Kind: policy.DutyAlarmTest, DueWorkingDays: 5,
		Title: map[locale.Lang]string{locale.Dutch: "Alarmtest", locale.English: "Alarm test"}}
	if _, err := h.Bot.StartOccurrence(context.Background(), policy.Occurrence{Duty: alarm, Period: "test", Scope: "stadhuis", At: h.Clock.Now()}); err != nil {
		t.Fatal(err)
	}
	advanceTo(h, at)

	step(t, h, "sanne", "[Ik wil graag een gesprek | Hoe gaat het met je?]", "Ik heb je leidinggevende gevraagd")
	step(t, h, "peter", "[Gedaan | Reactie richting de dader (binnen 48 uur)* — "+earlier+"]", "Welke maatregel")
	step(t, h, "peter", "[Bezoek- of gebouwverbod]", "Tot wanneer geldt het verbod?")
	step(t, h, "peter", at.AddDate(0, 0, 5).Format("02-01-2006"), "✓ Vastgelegd bij "+earlier)
	step(t, h, "linda", "[Defect gevonden | *Alarmtest* — Stadhuis]", "Wat werkt er niet")
	step(t, h, "linda", "De alarmknop aan balie 3 geeft geen melding.", "Vastgelegd")
	full := h.Report(t, "sanne", map[string]string{"police": "[Ja, ik doe aangifte]", "damage": "[Ja]", "workplace": "[Ja]",
		"security": "[Ja]", "checkin": "[Ja, graag]"})
	serious := h.Report(t, "tom", map[string]string{"categories": "6", "department": "[Openbare Ruimte]", "location": "[Gemeentewerf]",
		"weapon": "[Nee]", "injury": "[Ja, licht letsel]"})
	unsafe := h.Report(t, "tom", map[string]string{"categories": "8", "department": "[Openbare Ruimte]", "location": "[Gemeentewerf]",
		"description": "De nooduitgang van de kantine is geblokkeerd door pallets."})

	var all []bot.Task
	for _, task := range allTasks(t, h) {
		if task.Created.Equal(at) {
			all = append(all, task)
		}
	}
	// The order of the lines: the full report's tasks in the order of the
	// workflow, then what sets the others apart.
	order := []string{"first_care", "contact_today", "aftercare_talk", "follow_up", "police", "offender", "analysis",
		"legal", "facility", "security_eval", "check_in", "team_meeting"}
	rank := func(task bot.Task) int {
		switch {
		case task.Incident == full:
			return slices.Index(order, string(task.Kind))
		case task.Incident == serious:
			return 20 + slices.Index(order, string(task.Kind))
		case task.Incident == unsafe:
			return 40
		case task.Kind == bot.TaskTalkRequest:
			return 41
		case task.Kind == bot.TaskBanEnds:
			return 42
		case task.Kind == bot.TaskRepair:
			return 43
		}
		return 44
	}
	slices.SortStableFunc(all, func(a, b bot.Task) int { return cmp.Or(cmp.Compare(rank(a), rank(b)), strings.Compare(a.ID, b.ID)) })
	var lines []string
	var shown []bot.Task
	for _, task := range all {
		if task.Incident == serious && task.Kind != bot.TaskFirstCare && task.Kind != bot.TaskContactToday && task.Kind != bot.TaskTeamMeeting {
			continue // as for the full report
		}
		name := string(task.Kind)
		switch task.Kind {
		case bot.TaskFollowUp:
			name += " " + task.Note
		case bot.TaskCheckIn:
			name += " " + task.ID[strings.LastIndex(task.ID, "/")+1:]
		}
		if task.Urgent || (task.Incident == serious && task.Kind == bot.TaskContactToday) {
			name += " urgent"
		}
		day := func(t time.Time) string { return t.In(bottest.Amsterdam).Format("Mon 2 Jan 15:04") }
		lines = append(lines, fmt.Sprintf("%s %s %s → %s", task.Row, name, day(task.Start), day(task.Due)))
		shown = append(shown, task)
	}
	return lines, shown
}

// taskPromises returns the promises a task breaks (see the test above);
// tasks are the others made with it, for the order of first care and
// contact today.
func taskPromises(cal *calendar.Calendar, task bot.Task, tasks []bot.Task) []string {
	var out []string
	fail := func(format string, args ...any) { out = append(out, fmt.Sprintf(format, args...)) }
	if task.Due.Before(task.Start) {
		fail("due before it starts")
	}
	atClose := func(t time.Time) bool { return cal.IsWorkday(t) && t.Equal(cal.EndOfWorkingDay(t)) }
	p := calendar.Plan{Start: task.Start, Due: task.Due, Urgent: task.Urgent}
	remind, escalate := cal.RemindAt(p), cal.EscalateAt(p, cal.EscalateAfter(task.Urgent))
	if remind.Before(task.Due) || escalate.Before(remind) {
		fail("reminded at %v, escalated at %v", remind, escalate)
	}
	if !task.Urgent {
		if !cal.IsWorkingTime(task.Start) {
			fail("starts outside working hours")
		}
		if !cal.IsWorkingTime(task.Due) && !atClose(task.Due) {
			fail("due outside working hours")
		}
		if !cal.IsWorkingTime(remind) || !cal.IsWorkingTime(escalate) {
			fail("reminded at %v or escalated at %v outside working hours", remind, escalate)
		}
		if cal.WorkingTimeBetween(task.Start, remind) < time.Hour {
			fail("reminded at %v, within the assignee's first working hour with it", remind)
		}
	}
	if task.Kind == bot.TaskContactToday {
		for _, other := range tasks {
			if other.Kind == bot.TaskFirstCare && other.Incident == task.Incident && task.Due.Before(other.Due) {
				fail("contact today due before first care (%v)", other.Due)
			}
		}
	}
	return out
}
