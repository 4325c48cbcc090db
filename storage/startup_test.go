package storage

import (
	"context"
	"testing"
	"time"

	"github.com/rs/zerolog"
	bolt "go.etcd.io/bbolt"

	"meldbot/bot"
	"meldbot/bot/bottest"
)

// BenchmarkStartup100k does what meldbot on a chat server does with a data
// file of 100,000 incidents before it serves: open it (OpenQuick) and make
// the bot on it. What follows in the background while it serves, the full
// check of the file (CheckPages), is measured apart, as is Open, which
// makes that check before it returns (the console and the maintenance
// commands). The baseline, measured in the same run on the same file, is
// bbolt opening it and reading its root: what any start-up costs.
func BenchmarkStartup100k(b *testing.B) {
	benchStore(b).Close()
	org := bottest.SampleOrg(b)
	var raw, ready, check, full float64
	for b.Loop() {
		raw += timed(func() {
			db, err := bolt.Open(benchPath, 0o600, &bolt.Options{Timeout: LockTimeout})
			if err != nil {
				b.Fatal(err)
			}
			if err := db.View(func(btx *bolt.Tx) error { return nil }); err != nil {
				b.Fatal(err)
			}
			db.Close()
		})
		var s *Store
		ready += timed(func() {
			var err error
			if s, err = OpenQuick(benchPath); err != nil {
				b.Fatal(err)
			}
			if _, err := bot.New(bot.Config{Org: org, Store: s, Clock: bottest.NewClock(bottest.SampleNow), Log: zerolog.Nop()}); err != nil {
				b.Fatal(err)
			}
		})
		check += timed(func() {
			if err := s.CheckPages(context.Background()); err != nil {
				b.Fatal(err)
			}
		})
		s.Close()
		full += timed(func() {
			s, err := Open(benchPath)
			if err != nil {
				b.Fatal(err)
			}
			s.Close()
		})
	}
	n := float64(b.N)
	b.ReportMetric(0, "ns/op")
	b.ReportMetric(ready/n*1000, "ready-ms")
	b.ReportMetric(raw/n*1000, "raw-open-ms")
	b.ReportMetric(ready/raw, "x-raw-open")
	b.ReportMetric(check/n*1000, "background-check-ms")
	b.ReportMetric(full/n*1000, "full-open-ms")
}

// timed runs fn and returns how long it took, in seconds.
func timed(fn func()) float64 {
	start := time.Now()
	fn()
	return time.Since(start).Seconds()
}
