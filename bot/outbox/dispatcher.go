// Package outbox delivers what the domain put in the outbox: in order per
// person, with retries and back-off, and removed only once the chat
// platform accepted it, so a crash sends a message again rather than never.
package outbox

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"time"

	"meldbot/bot"

	"github.com/rs/zerolog"
)

// Dispatcher delivers the outbox. Messages to one person go out in the order
// they were queued; a failed delivery is retried with back-off and holds back
// later messages to the same person, so nothing overtakes it. A message is
// removed from the outbox only after the platform accepted it: a crash in
// between sends it again rather than never. What a message discloses
// (bot.Outgoing.Audit) enters the audit trail when, and only when, it is
// delivered.
type Dispatcher struct {
	store bot.Store
	chat  bot.Chat
	clock bot.Clock
	log   zerolog.Logger
	wake  chan struct{}
	pass  sync.Mutex // one delivery pass at a time
	// started is when this dispatcher was made: a message queued before
	// it may have been sent by an earlier run that stopped before it
	// could record so.
	started time.Time
	// parallel is how many recipients are served side by side; 1 keeps
	// the exact order of the outbox across recipients.
	parallel int
	// unreachable is told of a recipient the platform refuses (see
	// bot.ErrUndeliverable), once per message: later messages to the same
	// person wait behind the refused one, so it is once per address until
	// that message is given up.
	unreachable func(ctx context.Context, tx bot.Tx, email bot.Email) error
}

const (
	outboxBatch   = 100
	maxRetryDelay = 5 * time.Minute
	// A message to someone the platform refuses is tried hourly for a
	// week, then given up; so is an update that keeps failing.
	refusedRetryDelay = time.Hour
	refusedGiveUp     = 7 * 24 * time.Hour
)

// New returns a Dispatcher that delivers through chat.
func New(store bot.Store, chat bot.Chat, clock bot.Clock, log zerolog.Logger) *Dispatcher {
	return &Dispatcher{store: store, chat: chat, clock: clock, log: log, wake: make(chan struct{}, 1), started: clock.Now()}
}

// Parallel lets up to n recipients be served side by side, so one
// recipient's rate limit or outage does not hold up the others. The default
// of 1 keeps the outbox's order across recipients, as a terminal needs.
func (d *Dispatcher) Parallel(n int) { d.parallel = n }

// OnUnreachable sets what happens the first time a message cannot be
// delivered because the platform refuses the recipient (bot.ErrUndeliverable);
// it runs in the transaction that records the failed attempt, so it happens
// once per message, also across restarts. (*Bot).Unreachable tells the
// coordinators.
func (d *Dispatcher) OnUnreachable(f func(ctx context.Context, tx bot.Tx, email bot.Email) error) {
	d.unreachable = f
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
		out, err := d.deliver(ctx)
		next := out.next
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
	for {
		// A pass can queue new messages (the notice of an unreachable
		// person); then pass again to deliver those too. Each message
		// queues at most once, and a notice to someone refused waits
		// behind their first refused message, so this ends.
		out, err := d.deliver(ctx)
		if err != nil || !out.queued {
			return err
		}
	}
}

// outcome is what delivering came to: when the next retry is due (zero if
// nothing waits), and whether new messages were queued meanwhile, such as
// the coordinators' notice of an unreachable person.
type outcome struct {
	next   time.Time
	queued bool
}

// add takes in the outcome of more deliveries: the earliest retry, and
// whether any of them queued messages.
func (o *outcome) add(p outcome) {
	if !p.next.IsZero() && (o.next.IsZero() || p.next.Before(o.next)) {
		o.next = p.next
	}
	o.queued = o.queued || p.queued
}

// deliver makes one pass over the outbox.
func (d *Dispatcher) deliver(ctx context.Context) (outcome, error) {
	d.pass.Lock()
	defer d.pass.Unlock()
	var waiting []bot.Outgoing
	var after uint64
	for {
		var batch []bot.Outgoing
		err := d.store.View(ctx, func(tx bot.Tx) error {
			var err error
			batch, err = tx.Outbox(after, outboxBatch)
			return err
		})
		if err != nil {
			return outcome{}, err
		}
		waiting = append(waiting, batch...)
		if len(batch) < outboxBatch {
			break
		}
		after = batch[len(batch)-1].ID
	}
	if d.parallel <= 1 {
		return d.deliverLane(ctx, waiting)
	}
	return d.deliverLanes(ctx, waiting)
}

// deliverLanes delivers the messages of different recipients side by side:
// a person whose messages wait (a rate limit, an outage of their account)
// does not hold up anyone else. Within a lane the order is kept. Updates
// share one lane.
func (d *Dispatcher) deliverLanes(ctx context.Context, waiting []bot.Outgoing) (outcome, error) {
	lanes := map[string][]bot.Outgoing{}
	var order []string
	for _, o := range waiting {
		if _, ok := lanes[string(o.To)]; !ok {
			order = append(order, string(o.To))
		}
		lanes[string(o.To)] = append(lanes[string(o.To)], o)
	}
	var (
		mu      sync.Mutex
		all     outcome
		firstEr error
		wg      sync.WaitGroup
		slots   = make(chan struct{}, d.parallel)
	)
	for _, key := range order {
		lane := lanes[key]
		slots <- struct{}{}
		wg.Go(func() {
			defer func() { <-slots }()
			out, err := d.deliverLane(ctx, lane)
			mu.Lock()
			defer mu.Unlock()
			if err != nil && firstEr == nil {
				firstEr = err
			}
			all.add(out)
		})
	}
	wg.Wait()
	return all, firstEr
}

// deliverLane delivers messages in order; a recipient whose message could
// not be delivered gets nothing more in this pass, and neither does a
// message whose earlier update failed, so an older version never lands on
// top of a newer one.
func (d *Dispatcher) deliverLane(ctx context.Context, waiting []bot.Outgoing) (outcome, error) {
	var all outcome
	held := map[string]bool{} // recipients and messages with an undelivered earlier change
	for _, o := range waiting {
		if ctx.Err() != nil {
			return all, ctx.Err()
		}
		now := d.clock.Now()
		key := holdKey(o)
		if held[key] || now.Before(o.NotBefore) {
			held[key] = true
			all.add(outcome{next: o.NotBefore})
			continue
		}
		out, err := d.deliverOne(ctx, o)
		all.add(out)
		if err != nil {
			return all, err
		}
		if !out.next.IsZero() {
			held[key] = true
		}
	}
	return all, nil
}

// holdKey is what a failed delivery holds back: later messages to the same
// person, or later updates of the same message.
func holdKey(o bot.Outgoing) string {
	if o.IsUpdate() {
		return "ref:" + string(o.Ref)
	}
	return string(o.To)
}

// deliverOne sends one message and records the outcome. When delivery failed
// and will be retried, the outcome holds the time of the next attempt.
func (d *Dispatcher) deliverOne(ctx context.Context, o bot.Outgoing) (outcome, error) {
	// The outcome is recorded even when ctx is cancelled meanwhile, by a
	// shutdown that began while the platform accepted the message: left in
	// the outbox, a delivered message would be sent again after the restart.
	record := context.WithoutCancel(ctx)
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
		delivered := d.clock.Now()
		return outcome{}, d.store.Update(record, func(tx bot.Tx) error {
			if o.Tag != "" && ref != "" {
				if err := tx.AddSentRef(o.Tag, bot.SentRef{To: o.To, Ref: ref}); err != nil {
					return err
				}
			}
			for _, e := range o.Audit {
				e.At = delivered
				if _, err := tx.AppendAudit(e); err != nil {
					return fmt.Errorf("audit trail: %w", err)
				}
			}
			return tx.DeleteOutgoing(o.ID)
		})
	}
	if ctx.Err() != nil {
		// Cut short by the shutdown rather than failed: the message
		// stays as it was, to be sent after the restart.
		return outcome{}, ctx.Err()
	}
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
		return outcome{}, d.store.Update(record, func(tx bot.Tx) error { return tx.DeleteOutgoing(o.ID) })
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
	return outcome{next: o.NotBefore}, d.store.Update(record, func(tx bot.Tx) error { return tx.PutOutgoing(o) })
}

// refused handles a message to someone the platform refuses for good: the
// coordinators are told once, the message is tried again hourly in case the
// cause is put right, and given up after a week.
func (d *Dispatcher) refused(ctx context.Context, o bot.Outgoing, sendErr error, log zerolog.Logger) (outcome, error) {
	now := d.clock.Now()
	if now.Sub(o.Created) > refusedGiveUp {
		log.Error().Err(sendErr).Msg("outbox: giving up on a message the chat platform refuses")
		return outcome{}, d.store.Update(ctx, func(tx bot.Tx) error { return tx.DeleteOutgoing(o.ID) })
	}
	o.NotBefore = now.Add(refusedRetryDelay)
	log.Error().Err(sendErr).Time("retry_at", o.NotBefore).Msg("outbox: the chat platform refuses the recipient")
	tell := !o.Refused && d.unreachable != nil
	o.Refused = true
	err := d.store.Update(ctx, func(tx bot.Tx) error {
		if tell {
			if err := d.unreachable(ctx, tx, o.To); err != nil {
				return err
			}
		}
		return tx.PutOutgoing(o)
	})
	if err != nil {
		return outcome{}, err
	}
	if tell {
		// The notice is committed: deliver it now, not at the next retry.
		d.Wake()
	}
	return outcome{next: o.NotBefore, queued: tell}, nil
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
