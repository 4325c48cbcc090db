package attempt

import (
	"context"
	"time"

	"meldbot/bot"
)

// noticeTimeout bounds telling a person their event was not handled; it
// has time of its own, as the attempts may have used up the event's.
const noticeTimeout = 10 * time.Second

// HandleOrTell is Handle; when every attempt failed, the person is told
// (Tell) and the last error returned.
func HandleOrTell(ctx context.Context, h bot.Handler, ev bot.Event, waits []time.Duration, per time.Duration, tell func(ctx context.Context, notice string)) error {
	err := Handle(ctx, h, ev, waits, per)
	if err != nil {
		Tell(ctx, h, ev.From(), tell)
	}
	return err
}

// Tell hands tell the failure notice for u, in their language (the
// organisation's when u is empty): their message or click was not handled
// and may be sent again. It runs on a context of its own, bounded in time
// and not cancelled with ctx.
func Tell(ctx context.Context, h bot.Handler, u bot.User, tell func(ctx context.Context, notice string)) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), noticeTimeout)
	defer cancel()
	tell(ctx, h.FailureNotice(ctx, u))
}
