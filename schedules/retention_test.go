package schedules

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"meldbot/bot"
)

type fakePurger struct{ calls atomic.Int32 }

func (f *fakePurger) Purge(ctx context.Context, opts bot.PurgeOptions) (bot.PurgeResult, error) {
	if opts.DryRun {
		return bot.PurgeResult{}, errors.New("the running bot must really purge")
	}
	if f.calls.Add(1) == 2 {
		return bot.PurgeResult{}, errors.New("store busy")
	}
	return bot.PurgeResult{StillOpen: []string{"GIR-2020-0001"}}, nil
}

// The running bot purges on start and then at every interval, survives a
// failing round, and stops when cancelled.
func TestRunRetentionPurgesOnStartAndEveryInterval(t *testing.T) {
	p := &fakePurger{}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { RunRetention(ctx, p, time.Millisecond, zerolog.Nop()); close(done) }()
	deadline := time.Now().Add(5 * time.Second)
	for p.calls.Load() < 3 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	cancel()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("RunRetention did not stop when cancelled")
	}
	if p.calls.Load() < 3 {
		t.Errorf("purged %d times; want on start and after a failed round", p.calls.Load())
	}
}
