package outbox

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"meldbot/bot"

	"github.com/rs/zerolog"
)

// attempt is how an attempt at a message ended for its lane.
type attempt int

const (
	delivered attempt = iota // the platform took it; its record follows
	dropped                  // given up
	retried                  // to be tried again (result.next)
	stopped                  // cut short by the shutdown: left as it was
)

// result is the end of one attempt; next is the message as it waits for
// its retry.
type result struct {
	kind attempt
	next bot.Outgoing
}

// deliverOne sends one message. A delivered message is handed to the
// recorder and the lane goes on at once; a failure is recorded before the
// lane goes on, with when the message is tried again. The error is a
// failure of the store.
func (d *Dispatcher) deliverOne(ctx context.Context, o bot.Outgoing) (result, error) {
	var sendErr error
	var ref bot.Ref
	dl := (bot.Delivery{Key: deliveryKeyOf(o), Queued: o.Created,
		Again: o.Attempts > 0 || o.Created.Before(d.started)})
	if o.IsUpdate() {
		sendErr = d.chat.Update(ctx, o.Ref, o.Message, dl)
	} else {
		ref, sendErr = d.chat.Send(ctx, o.To, o.Message, dl)
	}
	if sendErr == nil {
		d.record(delivery{o: o, ref: ref, at: d.clock.Now()})
		return result{kind: delivered}, nil
	}
	if ctx.Err() != nil {
		// Cut short by the shutdown rather than failed: the message
		// stays as it was, to be sent after the restart.
		return result{kind: stopped}, nil
	}
	// The outcome is recorded even when ctx is cancelled meanwhile.
	record := context.WithoutCancel(ctx)
	o.Attempts++
	o.LastError = sendErr.Error()
	log := d.log.With().Uint64("outgoing", o.ID).Str("to", string(o.To)).Str("ref", string(o.Ref)).Int("attempts", o.Attempts).Logger()
	if o.IsUpdate() && (errors.Is(sendErr, bot.ErrUndeliverable) || d.clock.Now().Sub(o.Created) > refusedGiveUp) {
		// An update the platform refuses for good (the conversation was
		// archived), or that still fails after a week, is given up: the
		// state it shows is stored and shown elsewhere, and an update
		// names no recipient the coordinators could be told about. Until
		// then it is tried as long as a message: an outage must not leave
		// buttons live on a message whose question was answered.
		log.Error().Err(sendErr).Msg("outbox: giving up on a message update")
		return d.drop(record, o)
	}
	if errors.Is(sendErr, bot.ErrUndeliverable) {
		return d.refused(record, o, sendErr, log)
	}
	o.NotBefore = d.clock.Now().Add(retryDelay(o.Attempts))
	ev := log.Warn()
	if o.Attempts%10 == 0 {
		ev = log.Error()
	}
	ev.Err(sendErr).Time("retry_at", o.NotBefore).Msg("outbox: delivery failed, will retry")
	return d.retry(record, o, func(tx bot.Tx) error { return tx.PutOutgoing(o) })
}

// drop removes a message that is given up.
func (d *Dispatcher) drop(ctx context.Context, o bot.Outgoing) (result, error) {
	if err := d.store.Update(ctx, func(tx bot.Tx) error { return tx.DeleteOutgoing(o.ID) }); err != nil {
		return d.storeFailed(o, err)
	}
	return result{kind: dropped}, nil
}

// retry stores the failed attempt (fn) and holds the message back until
// o.NotBefore.
func (d *Dispatcher) retry(ctx context.Context, o bot.Outgoing, fn func(tx bot.Tx) error) (result, error) {
	if err := d.store.Update(ctx, fn); err != nil {
		return d.storeFailed(o, err)
	}
	return result{kind: retried, next: o}, nil
}

// storeFailed holds a message back for a second when the store could not
// record what became of it, and logs so: Run has no caller to return the
// error to.
func (d *Dispatcher) storeFailed(o bot.Outgoing, err error) (result, error) {
	o.NotBefore = d.clock.Now().Add(time.Second)
	err = fmt.Errorf("outbox: recording an attempt at message %d: %w", o.ID, err)
	d.log.Error().Err(err).Uint64("outgoing", o.ID).Str("to", string(o.To)).Msg("outbox: an attempt could not be recorded; it is tried again")
	return result{kind: retried, next: o}, err
}

// refused handles a message to someone the platform refuses for good: the
// coordinators are told once, the message is tried again hourly in case the
// cause is put right, and given up after a week.
func (d *Dispatcher) refused(ctx context.Context, o bot.Outgoing, sendErr error, log zerolog.Logger) (result, error) {
	now := d.clock.Now()
	if now.Sub(o.Created) > refusedGiveUp {
		log.Error().Err(sendErr).Msg("outbox: giving up on a message the chat platform refuses")
		return d.drop(ctx, o)
	}
	o.NotBefore = now.Add(refusedRetryDelay)
	log.Error().Err(sendErr).Time("retry_at", o.NotBefore).Msg("outbox: the chat platform refuses the recipient")
	tell := !o.Refused && d.unreachable != nil
	o.Refused = true
	res, err := d.retry(ctx, o, func(tx bot.Tx) error {
		if tell {
			if err := d.unreachable(ctx, tx, o.To); err != nil {
				return err
			}
		}
		return tx.PutOutgoing(o)
	})
	if err == nil && tell {
		// The notice is committed: deliver it now, not at the next retry.
		d.Wake()
	}
	return res, err
}

// deliveryKeyOf identifies an outgoing message: its outbox ID, which a
// crash does not change, and the moment it was queued, which tells it apart
// from a message that got the same ID in an earlier data file.
func deliveryKeyOf(o bot.Outgoing) string {
	return strconv.FormatUint(o.ID, 10) + "-" + strconv.FormatInt(o.Created.UnixNano(), 36)
}

// retryDelay doubles from one second up to maxRetryDelay.
func retryDelay(attempts int) time.Duration {
	d := time.Second
	for i := 1; i < attempts && d < maxRetryDelay; i++ {
		d *= 2
	}
	return min(d, maxRetryDelay)
}
