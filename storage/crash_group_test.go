package storage

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"

	"github.com/rs/zerolog"

	"meldbot/bot"
	"meldbot/bot/bottest"
	"meldbot/bot/orgfile"
	"meldbot/bot/outbox"
)

// envCrashChild makes the test binary the process TestCrashInASharedCommit
// kills: the data file's path. envCrashSteps gives it the step after each
// line of typedReport, comma-separated.
const (
	envCrashChild = "MELDBOT_STORAGE_CRASH_CHILD"
	envCrashSteps = "MELDBOT_STORAGE_CRASH_STEPS"
)

// crashReporters is how many people report at once in the crash test.
const crashReporters = 40

// Forty people report at once, so their answers share commits, with the
// outbox delivering meanwhile; the process is killed (SIGKILL) at a random
// moment, again and again, and started again on the same data file. An
// answer is acknowledged once Handle returned, which the process prints:
// after every kill, every acknowledged answer is in the data file (the
// conversation is at the question after it, or one further: an answer
// whose acknowledgement the kill cut off may be there too), and every
// report sent is numbered without gaps.
func TestCrashInASharedCommit(t *testing.T) {
	steps := stepsOfReport(t)
	path := filepath.Join(t.TempDir(), "meldbot.db")
	seed := rand.Uint64()
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, seed))
	acked := make([]int, crashReporters) // lines acknowledged, per reporter
	kills := 0
	for round := 0; round < 12 && kills < 4; round++ {
		killed := runCrashChild(t, path, steps, rng.IntN(crashReporters*len(typedReport)/3)+20, acked)
		if killed {
			kills++
		}
		s, err := Open(path)
		if err != nil {
			t.Fatalf("after the kill: %v", err)
		}
		positions := reportPositions(t, s, steps)
		s.Close()
		for i, p := range positions {
			if p < acked[i] || p > acked[i]+1 {
				t.Errorf("round %d: reporter %d had %d answers acknowledged; the data file holds %d", round, i, acked[i], p)
			}
			acked[i] = p
		}
		if t.Failed() {
			return
		}
	}
	if kills < 2 {
		t.Fatalf("the process was killed %d times in the middle of the reports: the test tested little", kills)
	}
	// The last run ended the reports: each is registered once, numbered
	// without gaps.
	runCrashChild(t, path, steps, -1, acked)
	s := openAt(t, path)
	_ = s.View(context.Background(), func(tx bot.Tx) error {
		for i := range crashReporters {
			if incs, err := tx.IncidentsOf(crashReporter(i).Email); err != nil || len(incs) != 1 {
				t.Errorf("reporter %d has %d reports (%v), want 1", i, len(incs), err)
			}
		}
		for n := 1; n <= crashReporters; n++ {
			if _, err := tx.Incident(bot.IncidentNumber(2026, n)); err != nil {
				t.Errorf("%s: %v", bot.IncidentNumber(2026, n), err)
			}
		}
		return nil
	})
}

// runCrashChild starts the test binary as a meldbot whose people report
// on the data file at path, reads its acknowledgements into acked, and
// kills it with SIGKILL after kill of them (never when kill < 0: it runs
// until every report is sent). It reports whether it killed it.
func runCrashChild(t *testing.T, path string, steps []string, kill int, acked []int) bool {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), envCrashChild+"="+path, envCrashSteps+"="+strings.Join(steps, ","))
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	killed := false
	seen := 0
	lines := bufio.NewScanner(out)
	for lines.Scan() {
		who, line, ok := strings.Cut(lines.Text(), " ")
		i, err1 := strconv.Atoi(who)
		n, err2 := strconv.Atoi(line)
		if !ok || err1 != nil || err2 != nil {
			continue
		}
		acked[i] = max(acked[i], n)
		if seen++; seen == kill {
			_ = cmd.Process.Signal(syscall.SIGKILL)
			killed = true
		}
	}
	err = cmd.Wait()
	if !killed && err != nil {
		t.Fatalf("the reporting process failed: %v", err)
	}
	return killed
}

// reportPositions returns, per reporter, how many lines of typedReport
// the data file shows were handled.
func reportPositions(t *testing.T, s *Store, steps []string) []int {
	t.Helper()
	out := make([]int, crashReporters)
	if err := s.View(context.Background(), func(tx bot.Tx) error {
		for i := range out {
			var err error
			if out[i], err = positionIn(tx, crashReporter(i).Email, steps); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

// positionIn returns how many lines of typedReport the person's records
// show were handled: all once the report is registered, else as far as
// the conversation has come.
func positionIn(tx bot.Tx, who bot.Email, steps []string) (int, error) {
	if incs, err := tx.IncidentsOf(who); err == nil && len(incs) > 0 {
		return len(typedReport), nil
	}
	c, err := tx.Conversation(who)
	if err != nil {
		return 0, nil
	}
	at := indexOf(steps, c.Step)
	if at < 0 {
		return 0, fmt.Errorf("%s is at step %q, which the typed report does not pass", who, c.Step)
	}
	return at + 1, nil
}

func crashReporter(i int) bot.User {
	return bot.User{Email: bot.EmailOf(fmt.Sprintf("melder%02d@voorbeeldrode.nl", i)), Name: fmt.Sprintf("Melder %d", i)}
}

// crashChild is the process TestCrashInASharedCommit kills: each reporter
// goes on where the data file says and prints "<reporter> <lines handled>"
// after each line Handle took.
func crashChild(path string) int {
	fail := func(err error) int { fmt.Fprintln(os.Stderr, err); return 1 }
	steps := strings.Split(os.Getenv(envCrashSteps), ",")
	s, err := Open(path)
	if err != nil {
		return fail(err)
	}
	defer s.Close()
	org, err := orgfile.Parse(orgfile.ExampleName, orgfile.Example)
	if err != nil {
		return fail(err)
	}
	clock := bottest.NewClock(bottest.Friday)
	d := outbox.New(s, &bottest.Chat{}, clock, zerolog.Nop())
	d.Parallel(8)
	b, err := bot.New(bot.Config{Org: org, Store: s, Clock: clock, Log: zerolog.Nop(), Wake: d.Wake})
	if err != nil {
		return fail(err)
	}
	ctx := context.Background()
	from := make([]int, crashReporters)
	if err := s.View(ctx, func(tx bot.Tx) error {
		for i := range from {
			if from[i], err = positionIn(tx, crashReporter(i).Email, steps); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		return fail(err)
	}
	ctx, stop := context.WithCancel(ctx)
	var dg sync.WaitGroup
	dg.Go(func() { _ = d.Run(ctx) })
	var mu sync.Mutex
	var wg sync.WaitGroup
	var failed atomic.Value
	for i := range crashReporters {
		u := crashReporter(i)
		wg.Go(func() {
			for n := from[i]; n < len(typedReport); n++ {
				if err := b.Handle(ctx, event(u, typedReport[n])); err != nil {
					failed.Store(err)
					return
				}
				mu.Lock()
				fmt.Printf("%d %d\n", i, n+1)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	stop()
	dg.Wait()
	if err, _ := failed.Load().(error); err != nil {
		return fail(err)
	}
	return 0
}
