package bot_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"meldbot/bot"
	"meldbot/bot/bottest"
	"meldbot/bot/calendar"
)

// monthReport is a report made during the simulated month: by whom, when,
// with which answers.
type monthReport struct {
	who     string
	at      time.Time
	answers map[string]string
}

// TestAMonthOfMessagesFollowsTheWorkingWeek lives through December 2026
// and the first week of 2027 with the injected clock. Reports come in at
// the awkward moments of the week — Friday 16:00, Friday 17:30 after
// hours, Sunday 03:30 (a serious one), a Wednesday morning, the
// Thursday before Christmas at 16:00, New Year's Eve at 20:00 — and
// nobody takes up a single task, so every reminder and escalation meldbot
// has in it goes out. Per person it keeps every message meldbot sent on
// its own (not as the reply to what they typed), and checks:
//
//   - none at night or at the weekend, except about urgent first care of
//     the serious incident and the coordinator's notice of a new report,
//     which is news, not work, and goes out when the report is made;
//   - no reminder before the assignee's first working hour with the task;
//   - no escalation of a task its assignee could not yet have seen: not
//     before they had it for a working hour and were reminded.
//
// Run with -v to read each person's month.
func TestAMonthOfMessagesFollowsTheWorkingWeek(t *testing.T) {
	ams := bottest.Amsterdam
	h := bottest.New(t, bottest.WithClock(bottest.NewClock(time.Date(2026, 12, 1, 8, 0, 0, 0, ams))))
	cal := h.Bot.Calendar()
	everything := map[string]string{"police": "[Ja, ik doe aangifte]", "damage": "[Ja]", "workplace": "[Ja]",
		"security": "[Ja]", "checkin": "[Ja, graag]"}
	serious := map[string]string{"categories": "6", "department": "[Openbare Ruimte]", "location": "[Gemeentewerf]",
		"weapon": "[Nee]", "injury": "[Ja, licht letsel]"}
	at := func(m time.Month, d, hour, min int) time.Time { return time.Date(2026, m, d, hour, min, 0, 0, ams) }
	reports := []monthReport{
		{"sanne", at(12, 4, 16, 0), everything},
		{"sanne", at(12, 4, 17, 30), map[string]string{"department": "[Sociaal Domein]", "checkin": "[Ja, graag]"}},
		{"tom", at(12, 6, 3, 30), serious},
		{"sanne", at(12, 9, 10, 0), map[string]string{"checkin": "[Ja, graag]"}},
		{"sanne", at(12, 24, 16, 0), map[string]string{"department": "[Sociaal Domein]"}},
		{"tom", at(12, 31, 20, 0), map[string]string{"department": "[Openbare Ruimte]", "location": "[Gemeentewerf]"}},
	}
	end := time.Date(2027, 1, 8, 18, 0, 0, 0, ams)

	// replies are the deliveries to a reporter while they make their
	// report: answers to what they typed, at whatever hour they type.
	replies := map[int]bool{}
	// reportedAt holds each report's number by the moment it was made.
	reportedAt := map[time.Time]string{}
	for _, r := range reports {
		advanceTo(h, r.at)
		from := len(h.Delivered())
		n := h.Report(t, r.who, r.answers)
		reportedAt[r.at] = n
		for i, d := range h.Delivered()[from:] {
			if d.To == h.User(r.who).Key() {
				replies[from+i] = true
			}
		}
	}
	advanceTo(h, end)

	tasks := allTasks(t, h)
	// urgentAt holds the moments an urgent task spoke: announced,
	// reminded, escalated. Only then, and with the notice of the serious
	// incident and the notice of a new report, may meldbot write at night.
	urgentAt := map[time.Time]bool{}
	for _, task := range tasks {
		for _, e := range task.History {
			if task.Urgent && (e.What == bot.EventAnnounced || e.What == bot.EventReminded || e.What == bot.EventEscalated) {
				urgentAt[e.At] = true
			}
		}
	}
	month := map[bot.Email][]bottest.Delivery{}
	for i, d := range h.Delivered() {
		if !replies[i] && !d.Update {
			month[d.To] = append(month[d.To], d)
		}
	}
	people := make([]bot.Email, 0, len(month))
	for p := range month {
		people = append(people, p)
	}
	slices.Sort(people)
	for _, p := range people {
		var b strings.Builder
		for _, d := range month[p] {
			first, _, _ := strings.Cut(d.Text, "\n")
			fmt.Fprintf(&b, "  %s  %s\n", d.At.In(ams).Format("Mon 2 Jan 15:04"), first)
		}
		t.Logf("%s, %d messages:\n%s", p, len(month[p]), b.String())
		for _, d := range month[p] {
			n, reportMoment := reportedAt[d.At]
			urgent := urgentAt[d.At] || (reportMoment && strings.Contains(d.Text, n))
			if !cal.IsWorkingTime(d.At) && !urgent {
				t.Errorf("%s got a message at %s, outside working hours, about work that is not urgent:\n%s",
					p, d.At.In(ams).Format(time.RFC1123), d.Text)
			}
		}
	}
	if len(month["peter.bakker@voorbeeldrode.nl"]) == 0 || len(month["karin.devries@voorbeeldrode.nl"]) == 0 {
		t.Fatal("the month sent nothing to the manager or the coordinator: the simulation did not run")
	}

	reminded, escalated := 0, 0
	for _, task := range tasks {
		if task.Urgent {
			continue
		}
		var given time.Time
		var remindedAt time.Time
		for _, e := range task.History {
			switch e.What {
			case bot.EventAnnounced, bot.EventReassigned:
				given = e.At
			case bot.EventReminded:
				reminded++
				remindedAt = e.At
				if given.IsZero() || cal.WorkingTimeBetween(given, e.At) < calendar.MinHold {
					t.Errorf("%s reminded at %s, within its assignee's first working hour with it (given %s)",
						task.ID, e.At.In(ams).Format(time.RFC1123), given.In(ams).Format(time.RFC1123))
				}
			case bot.EventEscalated:
				escalated++
				if remindedAt.IsZero() || !e.At.After(remindedAt) || cal.WorkingTimeBetween(given, e.At) < calendar.MinHold {
					t.Errorf("%s escalated at %s before its assignee could have seen it (given %s, reminded %s)",
						task.ID, e.At.In(ams).Format(time.RFC1123), given.In(ams).Format(time.RFC1123), remindedAt.In(ams).Format(time.RFC1123))
				}
			}
		}
	}
	t.Logf("%d tasks, %d reminders and %d escalations of work that is not urgent", len(tasks), reminded, escalated)
	if reminded == 0 || escalated == 0 {
		t.Error("nothing was reminded or escalated: the month proves nothing")
	}
}

// allTasks returns every stored task, once each.
func allTasks(t *testing.T, h *bottest.Harness) []bot.Task {
	t.Helper()
	var out []bot.Task
	if err := h.Store.View(context.Background(), func(tx bot.Tx) error {
		people, err := tx.TaskPeople()
		if err != nil {
			return err
		}
		seen := map[string]bool{}
		for _, p := range people {
			tasks, err := tx.TasksOf(p)
			if err != nil {
				return err
			}
			for _, task := range tasks {
				if !seen[task.ID] {
					seen[task.ID] = true
					out = append(out, task)
				}
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return out
}
