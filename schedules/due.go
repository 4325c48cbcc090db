package schedules

import (
	"context"
	"time"

	"github.com/rs/zerolog"
)

// FireFunc fires everything that is due and returns how many fired;
// (*bot.Bot).FireDue is one.
type FireFunc func(context.Context) (int, error)

// RunDue fires due work at once — catching up on what was missed while
// meldbot was down — and then every interval, until ctx is cancelled. Work
// is re-checked when it fires, so a tick that finds nothing is harmless.
func RunDue(ctx context.Context, fire FireFunc, every time.Duration, log zerolog.Logger) {
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		n, err := fire(ctx)
		switch {
		case err != nil && ctx.Err() == nil:
			log.Error().Err(err).Msg("firing due tasks failed; will try again")
		case n > 0:
			log.Info().Int("fired", n).Msg("due tasks fired")
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}
