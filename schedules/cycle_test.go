package schedules_test

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"meldbot/bot"
	"meldbot/bot/bottest"
	"meldbot/bot/locale"
	"meldbot/bot/policy"
	"meldbot/schedules"
)

func at(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, bottest.Amsterdam)
}

// world is a bot with its policy cycle, living through time.
type world struct {
	t      *testing.T
	h      *bottest.Harness
	duties []schedules.Duty
	cycle  *schedules.Cycle
	// timeline does the bot's timed work as the clock moves on.
	timeline *schedules.Timeline
	// got collects every message delivered since the last take.
	got []bottest.Delivery
}

func newWorld(t *testing.T, opts ...bottest.Option) *world {
	h := bottest.New(t, opts...)
	duties, err := schedules.Load(h.Org, "test.yaml")
	if err != nil {
		t.Fatal(err)
	}
	w := &world{t: t, h: h, duties: duties, cycle: schedules.NewCycle(h.Bot, duties, h.Clock, zerolog.Nop())}
	w.timeline = schedules.NewTimeline(h.Bot, h.Store, w.cycle, h.Clock, zerolog.Nop())
	w.liveUntil(h.Clock.Now()) // the cycle starts now: Friday 27 November 2026, 15:00
	return w
}

func (w *world) tick() int {
	w.t.Helper()
	before := len(w.h.Received())
	n, err := w.cycle.Tick(context.Background())
	if err != nil {
		w.t.Fatal(err)
	}
	w.h.Flush()
	w.got = append(w.got, w.h.Received()[before:]...)
	return n
}

// liveUntil moves the clock to until as a running meldbot lives through
// it: the cycle ticks at each duty's time and tasks fire at theirs.
func (w *world) liveUntil(until time.Time) {
	w.t.Helper()
	err := w.timeline.Until(context.Background(), until, func(context.Context, time.Time) error {
		before := len(w.h.Received())
		w.h.Flush()
		w.got = append(w.got, w.h.Received()[before:]...)
		return nil
	})
	if err != nil {
		w.t.Fatal(err)
	}
}

// take returns what arrived since the last take.
func (w *world) take() []bottest.Delivery {
	out := w.got
	w.got = nil
	return out
}

// messages returns what who received among ds that contains every part.
func messages(ds []bottest.Delivery, who string, parts ...string) []bottest.Delivery {
	var out []bottest.Delivery
	for _, d := range ds {
		if !strings.HasPrefix(string(d.To), who) {
			continue
		}
		ok := true
		for _, p := range parts {
			ok = ok && d.Contains(p)
		}
		if ok {
			out = append(out, d)
		}
	}
	return out
}

func (w *world) expect(ds []bottest.Delivery, who string, parts ...string) bottest.Delivery {
	w.t.Helper()
	got := messages(ds, who, parts...)
	if len(got) == 0 {
		w.t.Fatalf("%s received nothing with %q; got:\n%s", who, parts, bottest.FormatDeliveries(ds))
	}
	return got[0]
}

func (w *world) click(who, part, label string) {
	w.t.Helper()
	if err := w.h.ClickOn(w.h.User(who), part, label); err != nil {
		w.t.Fatal(err)
	}
	w.got = append(w.got, w.h.Received()...)
}

func (w *world) say(who, text string) {
	w.t.Helper()
	if err := w.h.Type(w.h.User(who), text); err != nil {
		w.t.Fatal(err)
	}
	w.got = append(w.got, w.h.Received()...)
}

func (w *world) task(id string) bot.Task {
	w.t.Helper()
	var task bot.Task
	if err := w.h.Store.View(context.Background(), func(tx bot.Tx) error {
		var err error
		task, err = tx.Task(id)
		return err
	}); err != nil {
		w.t.Fatalf("task %s: %v", id, err)
	}
	return task
}

func TestDefaultScheduleCoversEveryRecurringRow(t *testing.T) {
	duties, err := schedules.Load(bottest.SampleOrg(t), "x")
	if err != nil {
		t.Fatal(err)
	}
	var got, want []string
	for _, d := range duties {
		got = append(got, d.Row)
		for _, lang := range locale.Langs {
			if d.Title[lang] == "" || d.Body[lang] == "" {
				t.Errorf("%s has no %s text", d.Row, lang)
			}
		}
	}
	for _, r := range policy.Matrix {
		if r.Kind == policy.KindRecurring {
			want = append(want, r.ID)
		}
	}
	sort.Strings(got)
	sort.Strings(want)
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("scheduled rows %v, want the R rows %v", got, want)
	}
}

// Summer time skips 02:00–03:00 in March and repeats it in October: no
// default duty lies in that hour, and duties keep their local time on both
// sides of each change.
func TestScheduleAcrossDaylightSavingTime(t *testing.T) {
	duties, err := schedules.Load(bottest.SampleOrg(t), "x")
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range duties {
		first := d.Schedule.Next(at(2026, 1, 1, 0, 0))
		for t0 := first; t0.Before(at(2028, 1, 1, 0, 0)); t0 = d.Schedule.Next(t0) {
			local := t0.In(bottest.Amsterdam)
			if local.Hour() == 2 {
				t.Errorf("%s fires at %v, in the hour daylight saving skips or repeats", d.Row, local)
			}
			if local.Hour() != first.In(bottest.Amsterdam).Hour() || local.Minute() != first.In(bottest.Amsterdam).Minute() {
				t.Errorf("%s fires at %v, not at its local time %s", d.Row, local, first.In(bottest.Amsterdam).Format("15:04"))
			}
		}
	}
	// The monthly alarm test before and after both changes of 2026: 09:00
	// local, which is 08:00 UTC in winter and 07:00 UTC in summer.
	var f2 schedules.Duty
	for _, d := range duties {
		if d.Row == "F2" {
			f2 = d
		}
	}
	c := schedules.NewCycle(bottest.New(t).Bot, duties, bottest.NewClock(time.Now()), zerolog.Nop())
	for _, tc := range []struct {
		month   time.Month
		utcHour int
		day     int
	}{{3, 8, 2}, {4, 7, 1}, {10, 7, 1}, {11, 8, 2}} {
		got := c.Latest(f2, at(2026, 1, 1, 0, 0), at(2026, tc.month, 27, 0, 0))
		if got.UTC().Hour() != tc.utcHour || got.In(bottest.Amsterdam).Day() != tc.day || got.In(bottest.Amsterdam).Hour() != 9 {
			t.Errorf("F2 in month %d: %v (%v UTC), want day %d 09:00 local, %d:00 UTC", tc.month, got.In(bottest.Amsterdam), got.UTC(), tc.day, tc.utcHour)
		}
	}
}

// "First working day" skips weekends and Dutch public holidays.
func TestFirstWorkingDaySkipsWeekendsAndHolidays(t *testing.T) {
	w := newWorld(t)
	var f2 schedules.Duty
	for _, d := range w.duties {
		if d.Row == "F2" {
			f2 = d
		}
	}
	for _, tc := range []struct {
		now  time.Time
		want time.Time
	}{
		{at(2027, 1, 10, 12, 0), at(2027, 1, 4, 9, 0)},  // 1 Jan a holiday, then a weekend
		{at(2026, 8, 10, 12, 0), at(2026, 8, 3, 9, 0)},  // 1 Aug a Saturday
		{at(2027, 4, 10, 12, 0), at(2027, 4, 1, 9, 0)},  // a Thursday
		{at(2027, 5, 10, 12, 0), at(2027, 5, 3, 9, 0)},  // 1 May a Saturday
		{at(2026, 12, 1, 8, 59), at(2026, 11, 2, 9, 0)}, // not yet: November's
	} {
		if got := w.cycle.Latest(f2, at(2026, 1, 1, 0, 0), tc.now); !got.Equal(tc.want) {
			t.Errorf("at %v the latest alarm test was planned %v, want %v", tc.now, got, tc.want)
		}
	}
}

func TestMatrix_F2_MonthlyAlarmTestPerLocation(t *testing.T) {
	w := newWorld(t)
	if n := len(w.take()); n != 0 {
		t.Fatalf("a new installation starts with %d messages; want no backlog", n)
	}
	w.liveUntil(at(2026, 12, 1, 8, 59))
	if got := messages(w.take(), "linda", "Alarmtest"); len(got) != 0 {
		t.Fatalf("an alarm test before its time:\n%s", bottest.FormatDeliveries(got))
	}
	w.liveUntil(at(2026, 12, 1, 9, 0))
	got := w.take()
	for _, loc := range []string{"Stadhuis", "Wijkpost Noord", "Gemeentewerf"} {
		w.expect(got, "linda", "*Alarmtest* — "+loc+" (dec 2026)", "Test de alarmknoppen", "Alles werkt", "Defect gevonden", "Later", "Niet nodig")
	}
	if n := len(messages(got, "linda", "Alarmtest")); n != 3 {
		t.Errorf("%d alarm tests, want one per location", n)
	}
	// The results are stored per location and month.
	w.click("linda", "Alarmtest* — Stadhuis", "Alles werkt")
	if tk := w.task("F2/2026-12/stadhuis"); tk.State != bot.TaskDone || tk.Outcome["result"] != "ok" {
		t.Errorf("stadhuis: %s %v", tk.State, tk.Outcome)
	}
	// Another month, another test: January's first working day is the 4th.
	w.liveUntil(at(2027, 1, 4, 9, 0))
	w.expect(w.take(), "linda", "*Alarmtest* — Stadhuis (jan 2027)")
}

func TestMatrix_F3_DefectStaysOpenUntilFixed(t *testing.T) {
	w := newWorld(t)
	w.liveUntil(at(2026, 12, 1, 9, 0))
	w.take()
	w.click("linda", "Alarmtest* — Gemeentewerf", "Defect gevonden")
	w.expect(w.take(), "linda", "Wat werkt er niet, en waar precies?")
	w.say("linda", "De alarmknop in de kantine geeft geen melding bij de beveiliging.")
	got := w.take()
	w.expect(got, "linda", "*Defect herstellen* — Gemeentewerf (dec 2026)", "alarmknop in de kantine", "elke week")
	w.expect(got, "karin", "🔧 Defect gevonden bij de alarmtest in Gemeentewerf", "alarmknop in de kantine")
	w.expect(got, "karin", "RI&E actualiseren?", "Bij de alarmtest in Gemeentewerf is een defect gevonden") // C8
	if tk := w.task("F2/2026-12/werf"); tk.Outcome["result"] != "defect" || !strings.Contains(tk.Outcome["defect"], "kantine") {
		t.Errorf("alarm test outcome %v", tk.Outcome)
	}
	// Not fixed: reminded past its deadline, the coordinator is told, and it
	// keeps being reminded every week until it is.
	w.liveUntil(at(2027, 1, 8, 17, 0))
	got = w.take()
	if n := len(messages(got, "linda", "Defect herstellen", "Herinnering")); n < 3 {
		t.Errorf("%d reminders about the defect in five weeks, want weekly:\n%s", n, bottest.FormatDeliveries(messages(got, "linda", "Defect herstellen")))
	}
	w.expect(got, "karin", "Linda Hendriks heeft *Defect herstellen")
	w.click("linda", "Defect herstellen", "Gedaan")
	w.take()
	w.liveUntil(at(2027, 2, 28, 17, 0))
	if got := messages(w.take(), "linda", "Defect herstellen"); len(got) != 0 {
		t.Errorf("reminded after it was fixed:\n%s", bottest.FormatDeliveries(got))
	}
}
