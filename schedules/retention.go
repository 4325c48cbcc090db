package schedules

import (
	"context"
	"time"

	"github.com/rs/zerolog"

	"meldbot/bot"
)

// Purger removes personal data past the retention period; *bot.Bot is one.
type Purger interface {
	Purge(ctx context.Context, opts bot.PurgeOptions) (bot.PurgeResult, error)
}

// PurgeEvery is how often the running bot purges.
const PurgeEvery = 24 * time.Hour

// RunRetention purges at once — after downtime, what became due is removed
// on start — and then every interval, until ctx is cancelled, as Every
// does. Incidents past the retention period that still have open tasks are
// kept, and logged as a warning so they are looked at.
func RunRetention(ctx context.Context, p Purger, every time.Duration, log zerolog.Logger) {
	Every(ctx, "retention", every, purgeJob(p, log), log)
}

// purgeJob is one round of the purge: it returns how many incidents lost
// their personal data, and logs those kept because tasks are still open.
func purgeJob(p Purger, log zerolog.Logger) FireFunc {
	return func(ctx context.Context) (int, error) {
		res, err := p.Purge(ctx, bot.PurgeOptions{})
		if err == nil && len(res.StillOpen) > 0 {
			log.Warn().Int("incidents", len(res.StillOpen)).Strs("numbers", res.StillOpen).
				Msg("incidents past the retention period keep their personal data because tasks are still open")
		}
		return len(res.Purged), err
	}
}
