// Package attempt hands the chat adapters' events to the bot, trying again
// when handling fails. A failed Handle keeps nothing (its transaction is
// rolled back), so another attempt is safe; the usual causes, a store that
// is busy or briefly cannot write, pass within seconds.
package attempt

import (
	"context"
	"fmt"
	"runtime/debug"
	"time"

	"meldbot/bot"
)

// Waits are the default pauses before the second and the third attempt.
var Waits = []time.Duration{time.Second, 5 * time.Second}

// Handle hands ev to h, and again after each of waits while that fails and
// ctx lasts. Each attempt runs under its own timeout, per (0: none). It
// returns nil once an attempt succeeds, else the last attempt's error; a
// panic counts as an error.
func Handle(ctx context.Context, h bot.Handler, ev bot.Event, waits []time.Duration, per time.Duration) error {
	err := once(ctx, h, ev, per)
	for _, wait := range waits {
		if err == nil {
			return nil
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return err
		case <-t.C:
		}
		err = once(ctx, h, ev, per)
	}
	return err
}

// once runs one attempt. A panic in the bot is an attempt that failed (the
// store rolls its transaction back), with the stack in the error: one bad
// message must not take meldbot down, nor, replayed after a restart, keep
// it down.
func once(ctx context.Context, h bot.Handler, ev bot.Event, per time.Duration) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic while handling an event: %v\n%s", r, debug.Stack())
		}
	}()
	if per > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, per)
		defer cancel()
	}
	return h.Handle(ctx, ev)
}
