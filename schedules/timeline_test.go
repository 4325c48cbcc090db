package schedules_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"meldbot/bot/bottest"
	"meldbot/schedules"
	"meldbot/storage"
)

// Living through time happens in order, each message at its own moment:
// a task's reminder at its deadline, the month's alarm test at 09:00 on
// the first working day, and nothing twice when the same stretch of time
// is asked for again.
func TestTimelineLivesThroughEachMomentInOrder(t *testing.T) {
	w := newWorld(t)
	bottest.Run(t, w.h, bottest.ReportScript, w.h.User)
	var moments []time.Time
	var got []bottest.Delivery
	settle := func(_ context.Context, at time.Time) error {
		before := len(w.h.Received())
		w.h.Flush()
		for _, d := range w.h.Received()[before:] {
			moments = append(moments, at)
			got = append(got, d)
		}
		return nil
	}
	if err := w.timeline.Until(context.Background(), at(2026, 12, 1, 9, 0), settle); err != nil {
		t.Fatal(err)
	}
	for i := 1; i < len(moments); i++ {
		if moments[i].Before(moments[i-1]) {
			t.Errorf("message %d came at %v, before message %d at %v", i, moments[i], i-1, moments[i-1])
		}
	}
	if !w.h.Clock.Now().Equal(at(2026, 12, 1, 9, 0)) {
		t.Errorf("the clock ends at %v", w.h.Clock.Now())
	}
	var alarms int
	for i, d := range got {
		if d.Contains("Alarmtest") {
			alarms++
			if !moments[i].Equal(at(2026, 12, 1, 9, 0)) {
				t.Errorf("alarm test at %v", moments[i])
			}
		}
		if d.Contains("Herinnering") && d.Contains("Eerste opvang") && moments[i].Weekday() != time.Monday {
			t.Errorf("first care reminded on %v, want on Monday", moments[i])
		}
	}
	if alarms != 3 {
		t.Errorf("%d alarm tests, want one per location:\n%s", alarms, bottest.FormatDeliveries(got))
	}
	got = nil
	if err := w.timeline.Until(context.Background(), at(2026, 12, 1, 9, 0), settle); err != nil || len(got) != 0 {
		t.Errorf("the same moment again sent %d messages (%v)", len(got), err)
	}
}

// BenchmarkTimelineMonth is what /tijd +30d costs after a report, on a data
// file: a month of reminders and escalations, the policy cycle, the daily
// purge and the hourly tidying, moment by moment.
func BenchmarkTimelineMonth(b *testing.B) {
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s, err := storage.Open(filepath.Join(b.TempDir(), "meldbot.db"))
		if err != nil {
			b.Fatal(err)
		}
		h := bottest.New(b, bottest.WithStore(s))
		duties, err := schedules.Load(h.Org, "x")
		if err != nil {
			b.Fatal(err)
		}
		tl := schedules.NewTimeline(h.Bot, s, schedules.NewCycle(h.Bot, duties, h.Clock, zerolog.Nop()), h.Clock, zerolog.Nop())
		bottest.Run(b, h, bottest.ReportScript, h.User)
		b.StartTimer()
		if err := tl.Until(context.Background(), h.Clock.Now().AddDate(0, 0, 30), func(context.Context, time.Time) error {
			h.Flush()
			return nil
		}); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		s.Close()
	}
}
