package slack

import (
	"context"
	"time"

	"meldbot/adapters/internal/attempt"
	"meldbot/bot"
)

// noticeTimeout bounds telling a person their message was not handled.
const noticeTimeout = 10 * time.Second

// handle hands ev, from Slack user userID, to the bot, trying again a few
// seconds apart while that fails. When it keeps failing, the person is told
// in their direct conversation with the bot that it was not handled and
// may be sent again, and the error is returned.
func (a *Adapter) handle(ctx context.Context, h bot.Handler, userID string, ev bot.Event) error {
	err := attempt.Handle(ctx, h, ev, a.retries, 0)
	if err == nil {
		return nil
	}
	// The attempts may have used up ctx's time: the notice has its own.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), noticeTimeout)
	defer cancel()
	channel, derr := a.dm(ctx, userID)
	if derr == nil {
		_, derr = a.post(ctx, channel, bot.Message{Text: h.FailureNotice(ctx, ev.From())})
	}
	if derr != nil {
		a.log.Error().Err(derr).Str("slack_user", userID).Msg("slack: cannot tell a person their message was not handled")
	}
	return err
}
