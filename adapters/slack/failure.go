package slack

import (
	"context"

	"meldbot/adapters/internal/attempt"
	"meldbot/adapters/internal/inbox"
	"meldbot/bot"
)

// handle hands ev, from Slack user userID, to the bot, trying again a few
// seconds apart while that fails. When it keeps failing, the person is told
// in their direct conversation with the bot that it was not handled and
// may be sent again, and the error is returned. An event the bot has
// handled before (a request or event sent again) is logged and passed over.
func (a *Adapter) handle(ctx context.Context, h bot.Handler, userID string, ev bot.Event) error {
	if seen, err := inbox.Handled(ctx, a.bookmarks, ev.EventID()); err == nil && seen {
		a.log.Info().Str("slack_user", userID).Str("event", ev.EventID()).Msg("slack: handled before: passed over what Slack sent again")
		return nil
	}
	return attempt.HandleOrTell(ctx, h, ev, a.retries, 0, func(ctx context.Context, notice string) {
		channel, err := a.dm(ctx, userID)
		if err == nil {
			_, err = a.post(ctx, channel, bot.Message{Text: notice}, bot.Delivery{})
		}
		if err != nil {
			a.log.Error().Err(err).Str("slack_user", userID).Msg("slack: cannot tell a person their message was not handled")
		}
	})
}
