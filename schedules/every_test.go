package schedules

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"meldbot/bot/bottest"
)

// Every runs at once on start — the catch-up after downtime — then on
// every tick, survives a failing round, and stops when cancelled.
func TestEveryRunsAtStartAndOnEveryTick(t *testing.T) {
	var calls atomic.Int32
	fire := func(context.Context) (int, error) {
		if calls.Add(1) == 2 {
			return 0, errors.New("store busy")
		}
		return 1, nil
	}
	runUntilThirdCall(t, &calls, func(ctx context.Context) { Every(ctx, "due tasks", time.Millisecond, fire, zerolog.Nop()) })
}

// A round that panics (data that trips meldbot) is logged as a failure and
// the loop goes on, instead of taking meldbot down.
func TestEverySurvivesAPanickingRound(t *testing.T) {
	var calls atomic.Int32
	fire := func(context.Context) (int, error) {
		if calls.Add(1) == 2 {
			var m map[string]int
			m["x"]++ // a nil map: a panic
		}
		return 1, nil
	}
	logs := &bottest.Buffer{}
	runUntilThirdCall(t, &calls, func(ctx context.Context) { Every(ctx, "due tasks", time.Millisecond, fire, zerolog.New(logs)) })
	if !strings.Contains(logs.String(), "panic: assignment to entry in nil map") {
		t.Errorf("the panic is not logged:\n%s", logs)
	}
}

// runUntilThirdCall runs a loop until it has been called three times —
// once on start, once failing, once after the failure — and checks that it
// stops when cancelled.
func runUntilThirdCall(t *testing.T, calls *atomic.Int32, run func(context.Context)) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { run(ctx); close(done) }()
	bottest.WaitUntil(t, "the loop ran on start and after a failed round", func() bool { return calls.Load() >= 3 })
	cancel()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("the loop did not stop when cancelled")
	}
}
