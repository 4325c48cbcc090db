package bot

import (
	"context"

	"meldbot/bot/register"
)

// SendOverview sends a person the overview of a period in a transaction of
// its own, as meldbot itself: what the policy cycle and the overview
// command do, for tests that compare an overview across readers and
// periods the commands would not allow together.
func (b *Bot) SendOverview(ctx context.Context, to Email, p register.Period, sc register.Scope) error {
	_, err := b.systemUpdate(ctx, func(t *turn) (bool, error) { return true, t.sendOverview(to, p, sc) })
	return err
}
