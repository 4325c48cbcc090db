package schedules

import (
	"context"
	"fmt"
	"runtime/debug"
	"time"

	"github.com/rs/zerolog"
)

// FireFunc does the work that is due and returns how much it did;
// (*bot.Bot).FireDue and (*bot.Bot).TidyDrafts are two.
type FireFunc func(context.Context) (int, error)

// Every runs fire at once — catching up on what was missed while meldbot
// was down — and then every interval, until ctx is cancelled. A failed
// round, a panicking one too, is logged under the job's name and tried
// again at the next interval: work is re-checked when it runs, so nothing
// is lost by waiting.
func Every(ctx context.Context, job string, every time.Duration, fire FireFunc, log zerolog.Logger) {
	log = log.With().Str("job", job).Logger()
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		n, err := recovered(ctx, fire)
		switch {
		case err != nil && ctx.Err() == nil:
			log.Error().Err(err).Msg("failed; will try again")
		case n > 0:
			log.Info().Int("done", n).Msg("done")
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// recovered runs fire and turns a panic into an error, with its stack: a
// task or duty whose data trips meldbot must not take it down, nor, met
// again at every start, keep it down.
func recovered(ctx context.Context, fire FireFunc) (n int, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v\n%s", r, debug.Stack())
		}
	}()
	return fire(ctx)
}
