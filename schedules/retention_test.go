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
	runUntilThirdCall(t, &p.calls, func(ctx context.Context) { RunRetention(ctx, p, time.Millisecond, zerolog.Nop()) })
}
