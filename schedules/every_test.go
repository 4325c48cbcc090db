package schedules

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rs/zerolog"
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

// runUntilThirdCall runs a loop until it has been called three times —
// once on start, once failing, once after the failure — and checks that it
// stops when cancelled.
func runUntilThirdCall(t *testing.T, calls *atomic.Int32, run func(context.Context)) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { run(ctx); close(done) }()
	deadline := time.Now().Add(5 * time.Second)
	for calls.Load() < 3 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	cancel()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("the loop did not stop when cancelled")
	}
	if calls.Load() < 3 {
		t.Errorf("ran %d times; want on start and after a failed round", calls.Load())
	}
}
