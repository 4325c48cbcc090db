package storage

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rs/zerolog"
	bolt "go.etcd.io/bbolt"

	"meldbot/bot"
	"meldbot/bot/bottest"
	"meldbot/bot/outbox"
)

// reporters is how many people report at once in BenchmarkReports.
const reporters = 1000

// BenchmarkReports has 1,000 people report at once through the real core
// (bot.Bot, the outbox's dispatcher as meldbot runs it on a chat server)
// on a data file synced to disk, each typing the 21 lines of a report and
// waiting for the answer before typing the next. An answer's latency runs
// from the moment the line is handed to the bot until its first message
// reaches the chat; it includes the commit that saves the answer. The
// baseline, measured in the same run on the same disk, is the rate of
// serial bbolt commits of one small record each, synced as every commit
// is: what one answer per commit would reach with no work at all.
//
//	go test ./storage -run '^$' -bench Reports -benchtime 1x -count 5
func BenchmarkReports(b *testing.B) {
	perLine := repliesPerLine(b)
	ctx := context.Background()
	var raws, rates, ratios []float64
	var p50s, p99s []time.Duration
	for b.Loop() {
		raw := rawCommitRate(b, 2*time.Second)
		rate, lat := reportAtOnce(b, ctx, perLine)
		raws = append(raws, raw)
		rates = append(rates, rate)
		ratios = append(ratios, rate/raw)
		p50s = append(p50s, percentile(lat, 50))
		p99s = append(p99s, percentile(lat, 99))
		b.Logf("serial commits %.0f/s; %d reporters: %.0f answers/s (%.2f×), latency p50 %v, p99 %v",
			raw, reporters, rate, rate/raw, percentile(lat, 50), percentile(lat, 99))
	}
	b.ReportMetric(0, "ns/op")
	b.ReportMetric(median(raws), "serial-commits/s")
	b.ReportMetric(median(rates), "answers/s")
	b.ReportMetric(median(ratios), "x-serial-commits")
	b.ReportMetric(float64(medianDur(p50s).Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(medianDur(p99s).Microseconds())/1000, "p99-ms")
}

// rawCommitRate commits one small record per bbolt transaction, one after
// another, for about d on a fresh data file, and returns commits per
// second.
func rawCommitRate(b *testing.B, d time.Duration) float64 {
	s, err := Open(filepath.Join(b.TempDir(), "raw.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	value := []byte(strings.Repeat("x", 256))
	n := 0
	start := time.Now()
	for time.Since(start) < d {
		n++
		if err := s.db.Update(func(btx *bolt.Tx) error {
			return btx.Bucket(bucketMarks).Put([]byte("k"+strconv.Itoa(n%100)), value)
		}); err != nil {
			b.Fatal(err)
		}
	}
	return float64(n) / time.Since(start).Seconds()
}

// reportAtOnce runs the 1,000 reports on a fresh data file and returns the
// answers per second and every answer's latency.
func reportAtOnce(b *testing.B, ctx context.Context, perLine []int) (float64, []time.Duration) {
	s, err := Open(filepath.Join(b.TempDir(), "meldbot.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	chat := newSignalChat()
	org := bottest.SampleOrg(b)
	clock := bottest.NewClock(bottest.Friday)
	log := zerolog.Nop()
	d := outbox.New(s, chat, clock, log)
	d.Parallel(8) // as meldbot on a chat server
	bb, err := bot.New(bot.Config{Org: org, Store: s, Clock: clock, Log: log, Wake: d.Wake})
	if err != nil {
		b.Fatal(err)
	}
	d.OnUnreachable(bb.Unreachable)
	runCtx, stop := context.WithCancel(ctx)
	var wg sync.WaitGroup
	wg.Go(func() { _ = d.Run(runCtx) })
	defer func() { stop(); wg.Wait() }()

	users := make([]bot.User, reporters)
	for i := range users {
		users[i] = bot.User{Email: bot.EmailOf(fmt.Sprintf("melder%04d@voorbeeldrode.nl", i)), Name: fmt.Sprintf("Melder %d", i)}
		chat.watch(users[i].Email)
	}
	lat := make([][]time.Duration, reporters)
	errs := make(chan error, reporters)
	start := time.Now()
	var rg sync.WaitGroup
	for i, u := range users {
		rg.Go(func() {
			seen := 0
			for l, line := range typedReport {
				t0 := time.Now()
				if err := bb.Handle(ctx, event(u, line)); err != nil {
					errs <- err
					return
				}
				first, err := chat.await(u.Email, seen+1)
				if err != nil {
					errs <- fmt.Errorf("%s, line %d %q: %w", u.Email, l, line, err)
					return
				}
				lat[i] = append(lat[i], first.Sub(t0))
				seen += perLine[l]
				if _, err := chat.await(u.Email, seen); err != nil {
					errs <- fmt.Errorf("%s, line %d %q: %w", u.Email, l, line, err)
					return
				}
			}
		})
	}
	rg.Wait()
	took := time.Since(start)
	close(errs)
	for err := range errs {
		b.Fatal(err)
	}
	var all []time.Duration
	for _, l := range lat {
		all = append(all, l...)
	}
	if testing.Verbose() { // where the time goes, line by line
		for l := range typedReport {
			var ls []time.Duration
			for i := range lat {
				ls = append(ls, lat[i][l])
			}
			b.Logf("line %2d %-20.20q p50 %v p99 %v max %v", l, typedReport[l], percentile(ls, 50), percentile(ls, 99), percentile(ls, 100))
		}
	}
	// Nothing lost, nothing twice: every report is in the register.
	_ = s.View(ctx, func(tx bot.Tx) error {
		for _, u := range users {
			if incs, err := tx.IncidentsOf(u.Email); err != nil || len(incs) != 1 {
				b.Errorf("%s has %d reports (%v), want 1", u.Email, len(incs), err)
			}
		}
		return nil
	})
	return float64(len(all)) / took.Seconds(), all
}

// repliesPerLine returns how many messages the reporter gets for each line
// of typedReport.
func repliesPerLine(b *testing.B) []int {
	h := bottest.New(b)
	u := bot.User{Email: "proef@voorbeeldrode.nl", Name: "Proef"}
	var out []int
	for _, line := range typedReport {
		_ = h.Type(u, line)
		n := 0
		for _, d := range h.Received() {
			if d.To == u.Email {
				n++
			}
		}
		out = append(out, n)
	}
	return out
}

// signalChat is a bot.Chat that counts the messages each watched person
// receives and when each arrived.
type signalChat struct {
	mu      sync.Mutex
	n       int
	arrived map[bot.Email][]time.Time
	changed map[bot.Email]chan struct{}
}

func newSignalChat() *signalChat {
	return &signalChat{arrived: map[bot.Email][]time.Time{}, changed: map[bot.Email]chan struct{}{}}
}

func (c *signalChat) watch(e bot.Email) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.changed[e] = make(chan struct{})
}

func (c *signalChat) Run(ctx context.Context, h bot.Handler) error { <-ctx.Done(); return nil }

func (c *signalChat) Send(ctx context.Context, to bot.Email, m bot.Message, _ bot.Delivery) (bot.Ref, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n++
	c.arrive(to)
	return bot.Ref(string(to) + "/" + strconv.Itoa(c.n)), nil
}

func (c *signalChat) Update(ctx context.Context, ref bot.Ref, m bot.Message, _ bot.Delivery) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	to, _, _ := strings.Cut(string(ref), "/")
	c.arrive(bot.Email(to))
	return nil
}

func (c *signalChat) arrive(to bot.Email) {
	ch, ok := c.changed[to]
	if !ok {
		return
	}
	c.arrived[to] = append(c.arrived[to], time.Now())
	close(ch)
	c.changed[to] = make(chan struct{})
}

// await waits until the person received n messages and returns when the
// n-th arrived.
func (c *signalChat) await(to bot.Email, n int) (time.Time, error) {
	timeout := time.After(5 * time.Minute)
	for {
		c.mu.Lock()
		got, ch := c.arrived[to], c.changed[to]
		c.mu.Unlock()
		if len(got) >= n {
			return got[n-1], nil
		}
		select {
		case <-ch:
		case <-timeout:
			return time.Time{}, fmt.Errorf("%d messages within 5 minutes, want %d", len(got), n)
		}
	}
}

// percentile returns the p-th percentile (nearest rank) of ds.
func percentile(ds []time.Duration, p int) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	i := (p*len(s)+99)/100 - 1
	return s[max(i, 0)]
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}

func medianDur(ds []time.Duration) time.Duration { return percentile(ds, 50) }
