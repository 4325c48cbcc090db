package bot

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"meldbot/bot/calendar"
	"meldbot/bot/form"
)

// calendarVariant is an organisation of the property test, by the name
// of its calendar.
type calendarVariant struct {
	name string
	bot  *Bot
}

// calendarVariants are the organisations the property test plans on, one
// for each calendar of calendar.Variants, in Amsterdam.
func calendarVariants(t *testing.T) []calendarVariant {
	ams, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		t.Fatal(err)
	}
	var out []calendarVariant
	for _, v := range calendar.Variants() {
		org := &Organisation{TimeZone: ams, WorkingHours: v.Settings.Week, Calendar: v.Settings}
		if len(v.Settings.Week.Days) == 0 {
			org.WorkingHours = DefaultWorkingHours()
		}
		cal, err := org.WorkingCalendar()
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, calendarVariant{v.Name, &Bot{org: org, cal: cal}})
	}
	return out
}

// reportWithEverything is a report that brings a task of every kind a report
// can: police, damage, workplace, the guard, check-ins; serious or not.
func reportWithEverything(serious bool) Incident {
	yes := form.Answer{Keys: []string{"yes"}}
	cat := "verbal"
	if serious {
		cat = "physical"
	}
	return Incident{Number: "GIR-2026-0001", Subject: "sanne@x.nl", Serious: serious, Report: form.Answers{
		"categories": {Keys: []string{cat}}, "police": {Keys: []string{string(PoliceWill)}},
		"damage": yes, "workplace": yes, "security": yes, "checkin": yes}}
}

// TestTaskTimesOverRandomMoments plans the tasks of reports, serious and
// not, at random moments in 2026–2030 on every calendar variant — and a
// request to talk, the end of a ban and a repair made then — and lives
// each task through its clock: announced at its start, reminded, escalated.
// Every task keeps every promise: never due before it starts; contact today
// not before first care; when not urgent, announced in working hours and
// due inside them or at the close of a working day, reminded and escalated
// only in working hours, and reminded no sooner than its deadline and the
// assignee's first working hour with it, escalated after that.
func TestTaskTimesOverRandomMoments(t *testing.T) {
	const perVariant = 60 // × 36 variants × 2 reports: 4,320 reports
	rng := rand.New(rand.NewPCG(10, 2027))
	cases := 0
	for _, v := range calendarVariants(t) {
		name, b := v.name, v.bot
		loc := b.cal.Location()
		from, to := time.Date(2026, 1, 1, 0, 0, 0, 0, loc), time.Date(2031, 1, 1, 0, 0, 0, 0, loc)
		for range perVariant {
			now := from.Add(time.Duration(rng.Int64N(int64(to.Sub(from)/time.Minute))) * time.Minute)
			for _, serious := range []bool{false, true} {
				inc := reportWithEverything(serious)
				tasks := b.reportTasks(inc, now)
				tasks = append(tasks,
					b.planned(TaskTalkRequest, now, now, true),
					b.planned(TaskBanEnds, now.AddDate(0, 0, rng.IntN(60)), now, false),
					b.planned(TaskRepair, now, now, false))
				var firstCare Task
				for _, task := range tasks {
					cases++
					task.Assignee, task.Fallback = "peter@x.nl", []Email{"karin@x.nl"}
					if task.Kind == TaskFirstCare {
						firstCare = task
					}
					for _, broken := range livedPromises(b, task, firstCare) {
						t.Errorf("%s: %s (serious %v) for a report at %s → %s – %s: %s", name, task.Kind, serious,
							now.Format(time.RFC3339), task.Start.Format(time.RFC3339), task.Due.Format(time.RFC3339), broken)
					}
				}
			}
		}
		if t.Failed() {
			return
		}
	}
	t.Logf("%d tasks lived through", cases)
}

// livedPromises announces a task at its start, fires it at each of its
// moments as the running bot would, and returns the promises it breaks.
func livedPromises(b *Bot, task Task, firstCare Task) []string {
	var out []string
	fail := func(format string, args ...any) { out = append(out, fmt.Sprintf(format, args...)) }
	cal, clock := b.cal, b.taskClock()
	if task.Due.Before(task.Start) {
		fail("due before it starts")
	}
	if task.Kind == TaskContactToday && task.Due.Before(firstCare.Due) {
		fail("contact today due before first care (%s)", firstCare.Due.Format(time.RFC3339))
	}
	if !task.Urgent {
		atClose := cal.IsWorkday(task.Due) && task.Due.Equal(cal.EndOfWorkingDay(task.Due))
		if !cal.IsWorkingTime(task.Start) {
			fail("starts outside working hours")
		}
		if !cal.IsWorkingTime(task.Due) && !atClose {
			fail("due outside working hours")
		}
	}
	task.State = TaskScheduled
	now := task.Start
	var reminded time.Time
	for range 5 {
		next, does := clock.advance(task, now)
		switch {
		case does.speaks() && !task.Urgent && !cal.IsWorkingTime(now):
			fail("%s at %s, outside working hours", does, now.Format(time.RFC3339))
		case does == reminds && now.Before(task.Due):
			fail("reminded at %s, before its deadline", now.Format(time.RFC3339))
		case does == reminds && !task.Urgent && cal.WorkingTimeBetween(task.Start, now) < calendar.MinHold:
			fail("reminded at %s, within the first working hour with it", now.Format(time.RFC3339))
		case does == escalates && reminded.IsZero():
			fail("escalated at %s without a reminder", now.Format(time.RFC3339))
		case does == escalates && !now.After(reminded):
			fail("escalated at %s, with its reminder", now.Format(time.RFC3339))
		}
		if does == reminds && reminded.IsZero() {
			reminded = now
		}
		if next.Next.IsZero() || does == lapses {
			break
		}
		if next.Next.Before(now) {
			fail("its next moment %s is before %s", next.Next.Format(time.RFC3339), now.Format(time.RFC3339))
			break
		}
		task, now = next, next.Next
	}
	return out
}
