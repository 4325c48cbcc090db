package bot

import (
	"context"
	"strconv"
	"sync"
	"time"

	"github.com/rs/zerolog"
)

// Dispatcher delivers the outbox. Messages to one person go out in the order
// they were queued; a failed delivery is retried with back-off and holds back
// later messages to the same person, so nothing overtakes it. A message is
// removed from the outbox only after the platform accepted it: a crash in
// between sends it again rather than never.
type Dispatcher struct {
	store Store
	chat  Chat
	clock Clock
	log   zerolog.Logger
	wake  chan struct{}
	pass  sync.Mutex // one delivery pass at a time
}

const (
	outboxBatch       = 100
	maxRetryDelay     = 5 * time.Minute
	maxUpdateAttempts = 5
)

// NewDispatcher returns a Dispatcher that delivers through chat.
func NewDispatcher(store Store, chat Chat, clock Clock, log zerolog.Logger) *Dispatcher {
	return &Dispatcher{store: store, chat: chat, clock: clock, log: log, wake: make(chan struct{}, 1)}
}

// Wake tells the dispatcher that new messages are waiting. It never blocks.
func (d *Dispatcher) Wake() {
	select {
	case d.wake <- struct{}{}:
	default:
	}
}

// Run delivers messages as they arrive until ctx is cancelled.
func (d *Dispatcher) Run(ctx context.Context) error {
	for {
		next, err := d.deliver(ctx)
		if err != nil && ctx.Err() == nil {
			d.log.Error().Err(err).Msg("outbox: delivery pass failed")
			next = d.clock.Now().Add(time.Second)
		}
		var timer *time.Timer
		var fire <-chan time.Time
		if !next.IsZero() {
			timer = time.NewTimer(max(next.Sub(d.clock.Now()), 10*time.Millisecond))
			fire = timer.C
		}
		select {
		case <-ctx.Done():
		case <-d.wake:
		case <-fire:
		}
		if timer != nil {
			timer.Stop()
		}
		if ctx.Err() != nil {
			return nil
		}
	}
}

// Flush delivers every message that is due now and returns when none is left
// that could be delivered. The console uses it to show replies in order.
func (d *Dispatcher) Flush(ctx context.Context) error {
	_, err := d.deliver(ctx)
	return err
}

// deliver makes one pass over the outbox. It returns when the next retry is
// due (zero if nothing waits).
func (d *Dispatcher) deliver(ctx context.Context) (time.Time, error) {
	d.pass.Lock()
	defer d.pass.Unlock()
	var next time.Time
	held := map[string]bool{} // recipients with an undelivered earlier message
	var after uint64
	for {
		var batch []Outgoing
		err := d.store.View(ctx, func(tx Tx) error {
			var err error
			batch, err = tx.Outbox(after, outboxBatch)
			return err
		})
		if err != nil {
			return next, err
		}
		for _, o := range batch {
			after = o.ID
			if ctx.Err() != nil {
				return next, ctx.Err()
			}
			now := d.clock.Now()
			if held[o.To] || now.Before(o.NotBefore) {
				if o.To != "" {
					held[o.To] = true
				}
				if !o.NotBefore.IsZero() && (next.IsZero() || o.NotBefore.Before(next)) {
					next = o.NotBefore
				}
				continue
			}
			retry, err := d.deliverOne(ctx, o)
			if err != nil {
				return next, err
			}
			if !retry.IsZero() {
				if o.To != "" {
					held[o.To] = true
				}
				if next.IsZero() || retry.Before(next) {
					next = retry
				}
			}
		}
		if len(batch) < outboxBatch {
			return next, nil
		}
	}
}

// deliverOne sends one message and records the outcome. It returns the time
// of the next attempt when delivery failed and will be retried.
func (d *Dispatcher) deliverOne(ctx context.Context, o Outgoing) (time.Time, error) {
	var sendErr error
	ctx = WithDeliveryKey(ctx, deliveryKeyOf(o))
	if o.IsUpdate() {
		sendErr = d.chat.Update(ctx, o.Ref, o.Message)
	} else {
		_, sendErr = d.chat.Send(ctx, o.To, o.Message)
	}
	if sendErr == nil {
		return time.Time{}, d.store.Update(ctx, func(tx Tx) error { return tx.DeleteOutgoing(o.ID) })
	}
	if ctx.Err() != nil {
		return time.Time{}, ctx.Err()
	}
	o.Attempts++
	o.LastError = sendErr.Error()
	log := d.log.With().Uint64("outgoing", o.ID).Str("to", o.To).Str("ref", string(o.Ref)).Int("attempts", o.Attempts).Logger()
	if o.IsUpdate() && o.Attempts >= maxUpdateAttempts {
		// An update that keeps failing (the message was deleted, say) is
		// given up: the state it shows is stored and shown elsewhere.
		log.Error().Err(sendErr).Msg("outbox: giving up on a message update")
		return time.Time{}, d.store.Update(ctx, func(tx Tx) error { return tx.DeleteOutgoing(o.ID) })
	}
	o.NotBefore = d.clock.Now().Add(retryDelay(o.Attempts))
	ev := log.Warn()
	if o.Attempts%10 == 0 {
		ev = log.Error()
	}
	ev.Err(sendErr).Time("retry_at", o.NotBefore).Msg("outbox: delivery failed, will retry")
	return o.NotBefore, d.store.Update(ctx, func(tx Tx) error { return tx.PutOutgoing(o) })
}

// deliveryKeyOf identifies an outgoing message: its outbox ID, which a
// crash does not change, and the moment it was queued, which tells it apart
// from a message that got the same ID in an earlier data file.
func deliveryKeyOf(o Outgoing) string {
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
