package slack

import (
	"context"

	"meldbot/adapters/internal/attempt"
	"meldbot/bot"
)

// handle hands ev, from Slack user userID, to the bot, trying again a few
// seconds apart while that fails. When it keeps failing, the person is told
// in their direct conversation with the bot that it was not handled and
// may be sent again, and the error is returned.
func (a *Adapter) handle(ctx context.Context, h bot.Handler, userID string, ev bot.Event) error {
	return attempt.HandleOrTell(ctx, h, ev, a.retries, 0, func(ctx context.Context, notice string) {
		channel, err := a.dm(ctx, userID)
		if err == nil {
			_, err = a.post(ctx, channel, bot.Message{Text: notice})
		}
		if err != nil {
			a.log.Error().Err(err).Str("slack_user", userID).Msg("slack: cannot tell a person their message was not handled")
		}
	})
}
