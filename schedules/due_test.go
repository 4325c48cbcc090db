package schedules

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rs/zerolog"
)

// RunDue fires at once on start — the catch-up after downtime — then on
// every tick, survives a failing round, and stops when cancelled.
func TestRunDueFiresAtStartAndOnEveryTick(t *testing.T) {
	var calls atomic.Int32
	fire := func(context.Context) (int, error) {
		if calls.Add(1) == 2 {
			return 0, errors.New("store busy")
		}
		return 1, nil
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { RunDue(ctx, fire, time.Millisecond, zerolog.Nop()); close(done) }()
	deadline := time.Now().Add(5 * time.Second)
	for calls.Load() < 3 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	cancel()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("RunDue did not stop when cancelled")
	}
	if calls.Load() < 3 {
		t.Errorf("fired %d times; want on start and after a failed round", calls.Load())
	}
}
