package storage

import (
	"bytes"
	"context"
	"fmt"
	"hash/crc32"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime/metrics"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"meldbot/bot"
	"meldbot/bot/bottest"
	"meldbot/bot/form"
	"meldbot/bot/register"
)

// The figures of the generated register are the same on a real data file
// as in memory: the order of rows, the time zone at the year boundary, the
// departments and locations.
func TestOverviewFiguresOnARealDataFile(t *testing.T) {
	disk, mem := openTemp(t), bottest.NewMemStore()
	bottest.SampleRegister(t, disk)
	bottest.SampleRegister(t, mem)
	for _, key := range []string{"2026-Q3", "2026-Q2", "2025-Q3", "2025", "2026", "2026-Q1", "2024-Q1", "2026-07"} {
		for _, sc := range []register.Scope{{}, {Department: "sociaal"}, {Department: "publiekszaken"}, {Location: "wijkpost"}} {
			p, err := register.ParsePeriod(key, bottest.SampleNow)
			if err != nil {
				t.Fatal(err)
			}
			figures := func(s bot.Store) string {
				var f register.Figures
				if err := s.View(context.Background(), func(tx bot.Tx) error {
					var err error
					f, err = register.Count(tx, p, sc, bottest.SampleNow)
					return err
				}); err != nil {
					t.Fatal(err)
				}
				return fmt.Sprintf("%+v", f)
			}
			if d, m := figures(disk), figures(mem); d != m {
				t.Errorf("%s %+v differs:\n bbolt %s\nmemory %s", key, sc, d, m)
			}
		}
	}
}

// generateRegister fills a data file with n incidents spread evenly over
// 2025 and 2026, each with three tasks, the way meldbot stores them.
func generateRegister(tb testing.TB, s *Store, n int) {
	tb.Helper()
	rng := rand.New(rand.NewPCG(1, 2))
	depts := []string{"publiekszaken", "sociaal", "buitendienst"}
	locs := []string{"stadhuis", "wijkpost", "werf", ""}
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, bottest.Amsterdam)
	span := time.Date(2027, 1, 1, 0, 0, 0, 0, bottest.Amsterdam).Sub(start)
	const batch = 5000
	for first := 0; first < n; first += batch {
		err := s.Update(context.Background(), func(tx bot.Tx) error {
			for i := first; i < min(first+batch, n); i++ {
				occurred := start.Add(time.Duration(float64(span) * float64(i) / float64(n))).Truncate(time.Minute)
				reported := occurred.Add(time.Duration(rng.IntN(180)) * time.Minute)
				year := occurred.Year()
				inc := bot.Incident{
					Number: bot.IncidentNumber(year, i+1), ReportedAt: reported,
					Reporter:     bot.Email(fmt.Sprintf("medewerker%d@voorbeeldrode.nl", rng.IntN(2000))),
					ReporterName: "Medewerker", Subject: bot.Email(fmt.Sprintf("medewerker%d@voorbeeldrode.nl", rng.IntN(2000))),
					Report: bot.ReportAnswers(occurred, map[string]string{
						"categories": string(register.Categories[rng.IntN(len(register.Categories))]),
						"department": depts[rng.IntN(len(depts))], "location": locs[rng.IntN(len(locs))],
						"description": "Een klant werd boos aan de balie, schold de medewerker uit en dreigde terug te komen. Collega's kwamen erbij en de klant vertrok.",
						"party":       "citizen", "party_count": "single", "injury": "none", "impact": "some", "police": "no",
					}),
					Serious: rng.IntN(10) == 0, Status: bot.StatusOpen,
				}
				if rng.IntN(4) == 0 {
					a := inc.Report["categories"]
					a.Keys = append(a.Keys, string(register.CatThreat))
					inc.Report["categories"] = a
				}
				inc.Recorded = form.Answers{}
				if rng.IntN(5) == 0 {
					inc.Recorded["police_outcome"] = form.Answer{Keys: []string{"aangifte"}}
				}
				if rng.IntN(3) == 0 {
					inc.Recorded["measure"] = form.Answer{Keys: []string{"warning_letter"}}
				}
				var tasks []bot.Task
				for k, kind := range []bot.TaskKind{bot.TaskFirstCare, bot.TaskAftercareTalk, bot.TaskFollowUp} {
					due := reported.Add([]time.Duration{4 * time.Hour, 72 * time.Hour, 14 * 24 * time.Hour}[k])
					task := bot.Task{ID: inc.Number + "/" + string(kind), Kind: kind, Incident: inc.Number, Assignee: "manager@voorbeeldrode.nl",
						Created: reported, Start: reported, Due: due, State: bot.TaskOpen}
					if done := due.Add(time.Duration(rng.IntN(48)-36) * time.Hour); done.Before(bottest.SampleNow) && rng.IntN(10) > 0 {
						task.State = bot.TaskDone
						task.History = []bot.TaskEvent{{At: done, By: task.Assignee, What: "done"}}
						if kind == bot.TaskFirstCare {
							inc.FirstCareAt = done.Add(-2 * time.Hour)
						}
					}
					tasks = append(tasks, task)
				}
				if err := bottest.Import(tx, inc, tasks, reported); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			tb.Fatal(err)
		}
	}
}

var (
	benchOnce sync.Once
	benchDir  string
	benchPath string
)

// TestMain removes the benchmarks' data file when the tests are done. With
// envCrashChild set, the test binary is instead the process that
// TestCrashInASharedCommit kills.
func TestMain(m *testing.M) {
	if path := os.Getenv(envCrashChild); path != "" {
		os.Exit(crashChild(path))
	}
	code := m.Run()
	if benchDir != "" {
		os.RemoveAll(benchDir)
	}
	os.Exit(code)
}

// benchStore opens a data file holding 100,000 generated incidents, made
// once per test binary.
func benchStore(b *testing.B) *Store {
	benchOnce.Do(func() {
		var err error
		if benchDir, err = os.MkdirTemp("", "meldbot-bench-"); err != nil {
			b.Fatal(err)
		}
		benchPath = filepath.Join(benchDir, "meldbot.db")
		s, err := Open(benchPath)
		if err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		generateRegister(b, s, 100_000)
		b.Logf("generated 100,000 incidents in %v", time.Since(start).Round(time.Second))
		s.Close()
	})
	s, err := Open(benchPath)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

// BenchmarkOverview100k makes the coordinator's yearly overview of 2026, as
// she asks for it, on a data file of 100,000 incidents (50,000 a year):
// 2026 is counted and compared with 2025, so every row is read; the chart
// is drawn, the message with its picture stored in the outbox and
// delivered. peak-heap-MB is the most
// the heap held during one overview: the rows are read one at a time.
func BenchmarkOverview100k(b *testing.B) {
	s := benchStore(b)
	clock := bottest.NewClock(bottest.SampleNow.AddDate(1, 1, 0))
	h := bottest.New(b, bottest.WithStore(s), bottest.WithClock(clock))
	year, _ := register.ParsePeriod("2026", clock.Now())
	ctx := context.Background()
	karin := h.User("karin")
	overview := func() {
		if err := h.Type(karin, "/incident overzicht 2026"); err != nil {
			b.Fatal(err)
		}
		if len(h.To("karin")) == 0 {
			b.Fatal("no overview")
		}
	}
	peak := peakHeap(overview)
	compared := year.Previous() // the overview compares with the year before
	var ours, raw float64
	for b.Loop() {
		raw += timed(func() { rawScan(b, s, compared.From, year.To) })
		ours += timed(overview)
	}
	b.ReportMetric(0, "ns/op")
	b.ReportMetric(ours/float64(b.N)*1000, "overview-ms")
	b.ReportMetric(raw/float64(b.N)*1000, "raw-scan-ms")
	b.ReportMetric(ours/raw, "x-raw-scan")
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
	if fi, err := os.Stat(benchPath); err == nil {
		b.ReportMetric(float64(fi.Size())/(1<<20), "datafile-MB")
	}
	// The overview is right, too.
	var total int
	_ = s.View(ctx, func(tx bot.Tx) error {
		f, err := register.Count(tx, year, register.Scope{}, clock.Now())
		total = f.Total
		return err
	})
	if total != 50_000 {
		b.Errorf("2026 has %d incidents, want 50,000", total)
	}
}

// rawScan reads, in one bbolt read transaction, every register row of the
// incidents that happened in [from, to), and every byte of each, without
// decoding them: the least any overview of that time has to do.
func rawScan(b *testing.B, s *Store, from, to time.Time) {
	var sum uint32
	n := 0
	end := whenKey(to)
	if err := s.db.View(func(btx *bolt.Tx) error {
		c := btx.Bucket(bucketRegisterWhen).Cursor()
		for k, v := c.Seek(whenKey(from)); k != nil && bytes.Compare(k[:8], end) < 0; k, v = c.Next() {
			sum = crc32.Update(sum, crc32.IEEETable, v)
			n++
		}
		return nil
	}); err != nil {
		b.Fatal(err)
	}
	if n != 100_000 {
		b.Fatalf("the raw scan read %d rows (checksum %x), want 100,000", n, sum)
	}
}

// BenchmarkCount100k counts one year of 50,000 incidents, nothing else.
func BenchmarkCount100k(b *testing.B) {
	s := benchStore(b)
	year, _ := register.ParsePeriod("2026", bottest.SampleNow)
	for b.Loop() {
		if err := s.View(context.Background(), func(tx bot.Tx) error {
			_, err := register.Count(tx, year, register.Scope{}, bottest.SampleNow)
			return err
		}); err != nil {
			b.Fatal(err)
		}
	}
}

// peakHeap runs fn while sampling the bytes the heap holds, and returns the
// most it held above what it held before.
func peakHeap(fn func()) uint64 {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() uint64 { metrics.Read(sample); return sample[0].Value.Uint64() }
	base := read()
	var peak atomic.Uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		for {
			if v := read(); v > peak.Load() {
				peak.Store(v)
			}
			select {
			case <-done:
				return
			case <-time.After(time.Millisecond):
			}
		}
	})
	fn()
	close(done)
	wg.Wait()
	if p := peak.Load(); p > base {
		return p - base
	}
	return 0
}
