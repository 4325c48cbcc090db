package storage

import (
	"context"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"meldbot/bot"
	"meldbot/bot/bottest"
)

// After a report the manager's first care is open; once its deadline has
// passed it counts as overdue; done, it counts no more. The messages the
// report queued count until they are delivered.
func TestStatsFollowTasksAndOutbox(t *testing.T) {
	s := openTemp(t)
	clock := bottest.NewClock(bottest.Friday)
	h := bottest.New(t, bottest.WithStore(s), bottest.WithClock(clock))
	if err := h.Bot.Handle(context.Background(), bot.Command{User: h.User("tom"), Args: "help"}); err != nil {
		t.Fatal(err)
	}
	st, err := s.Stats(clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	if st.Outbox != 1 || !st.OutboxOldest.Equal(bottest.Friday) || !st.OutboxOldestDue.Equal(bottest.Friday) {
		t.Errorf("after a question not yet delivered: outbox %d, oldest %v, due %v", st.Outbox, st.OutboxOldest, st.OutboxOldestDue)
	}
	h.Flush()
	bottest.Run(t, h, bottest.ReportScript, h.User)

	st, _ = s.Stats(clock.Now())
	if st.Outbox != 0 || !st.OutboxOldest.IsZero() {
		t.Errorf("everything delivered, yet the outbox counts %d", st.Outbox)
	}
	if st.Open[bot.TaskFirstCare] != 1 || st.Overdue[bot.TaskFirstCare] != 0 {
		t.Errorf("right after the report: open %v, overdue %v", st.Open, st.Overdue)
	}
	st, _ = s.Stats(clock.Now().Add(7 * 24 * time.Hour))
	if st.Overdue[bot.TaskFirstCare] != 1 {
		t.Errorf("a week later first care is not overdue: %v", st.Overdue)
	}
	peter := h.User("peter")
	if err := h.ClickOn(peter, "Eerste opvang", "Gedaan"); err != nil {
		t.Fatal(err)
	}
	st, _ = s.Stats(clock.Now())
	if st.Open[bot.TaskFirstCare] != 0 {
		t.Errorf("first care done, yet open: %v", st.Open)
	}
}

// A data file of schema 9 gets the index of outstanding tasks from the
// tasks it holds.
func TestOutstandingTasksAreIndexedOnUpgrade(t *testing.T) {
	s := withAReport(t)
	path := s.Path()
	if err := s.db.Update(func(tx *bolt.Tx) error {
		if err := tx.DeleteBucket(bucketTaskOpen); err != nil {
			return err
		}
		return tx.Bucket(bucketMeta).Put(keySchema, []byte("9"))
	}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s = openAt(t, path)
	st, err := s.Stats(bottest.Friday)
	if err != nil || st.Open[bot.TaskFirstCare] != 1 {
		t.Errorf("after the upgrade: open %v, %v", st.Open, err)
	}
}

// BenchmarkStats100k reads the figures of the metrics from a data file of
// 100,000 incidents (300,000 tasks): the cost of one scrape.
func BenchmarkStats100k(b *testing.B) {
	s := benchStore(b)
	var st Stats
	for b.Loop() {
		var err error
		if st, err = s.Stats(bottest.SampleNow); err != nil {
			b.Fatal(err)
		}
	}
	open := 0
	for _, n := range st.Open {
		open += n
	}
	b.ReportMetric(float64(open), "open-tasks")
}
