// Package outbox delivers what the domain put in the outbox: in order per
// person, with retries and back-off, and removed only once the chat
// platform accepted it, so a crash sends a message again rather than never.
package outbox

import (
	"context"
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
//
// A message goes to the platform as soon as the dispatcher hears of it
// (Wake): it does not wait for other people's deliveries, nor for the
// commits that record them, which are made meanwhile, several in one.
type Dispatcher struct {
	store bot.Store
	chat  bot.Chat
	clock bot.Clock
	log   zerolog.Logger
	wake  chan struct{}
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

	feeding sync.Mutex // one reader of the outbox at a time
	mu      sync.Mutex
	idle    *sync.Cond // signalled when a worker stops or a record is made
	fed     uint64     // the highest outbox ID taken into a lane
	lanes   lanes
	workers int
	rec     recorder
	failed  error // a failure of the store met by a worker, for Flush
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
	d := &Dispatcher{store: store, chat: chat, clock: clock, log: log, wake: make(chan struct{}, 1), started: clock.Now(),
		parallel: 1, lanes: newLanes()}
	d.idle = sync.NewCond(&d.mu)
	return d
}

// Parallel lets up to n recipients be served side by side, so one
// recipient's rate limit or outage does not hold up the others. The default
// of 1 keeps the outbox's order across recipients, as a terminal needs.
func (d *Dispatcher) Parallel(n int) { d.parallel = max(n, 1) }

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

// Run delivers messages as they arrive until ctx is cancelled, and returns
// once the deliveries under way have ended and been recorded.
func (d *Dispatcher) Run(ctx context.Context) error {
	defer d.awaitIdle()
	for {
		next := time.Time{}
		if err := d.feed(ctx); err != nil && ctx.Err() == nil {
			d.log.Error().Err(err).Msg("outbox: reading the outbox failed")
			next = d.clock.Now().Add(time.Second)
		}
		if due := d.start(ctx); !due.IsZero() && (next.IsZero() || due.Before(next)) {
			next = due
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
// that could be delivered, each delivery recorded. The console uses it to
// show replies in order.
func (d *Dispatcher) Flush(ctx context.Context) error {
	if err := d.feed(ctx); err != nil {
		return err
	}
	for {
		d.start(ctx)
		d.awaitIdle()
		d.mu.Lock()
		err := d.failed
		d.failed = nil
		d.mu.Unlock()
		if err == nil {
			err = ctx.Err()
		}
		if err != nil {
			return err
		}
		// A delivery can queue new messages (the notice of an unreachable
		// person); then read the outbox again to deliver those too. Each
		// message queues at most once, and a notice to someone refused
		// waits behind their first refused message, so this ends.
		before := d.high()
		if err := d.feed(ctx); err != nil {
			return err
		}
		d.mu.Lock()
		more := d.fed != before || d.lanes.anyDue(d.clock.Now())
		d.mu.Unlock()
		if !more {
			return nil
		}
	}
}

// high returns the highest outbox ID taken in so far.
func (d *Dispatcher) high() uint64 {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.fed
}

// feed takes the messages queued since the last feed into their lanes.
// Outbox IDs grow with every commit, so what is above the highest ID taken
// in is exactly what is new.
func (d *Dispatcher) feed(ctx context.Context) error {
	d.feeding.Lock()
	defer d.feeding.Unlock()
	after := d.high()
	for {
		var batch []bot.Outgoing
		if err := d.store.View(ctx, func(tx bot.Tx) error {
			var err error
			batch, err = tx.Outbox(after, outboxBatch)
			return err
		}); err != nil {
			return err
		}
		if len(batch) > 0 {
			d.mu.Lock()
			for _, o := range batch {
				d.lanes.add(o, d.clock.Now())
			}
			after = batch[len(batch)-1].ID
			d.fed = after
			d.mu.Unlock()
		}
		if len(batch) < outboxBatch {
			return nil
		}
	}
}

// start sets workers to the lanes with a message due, up to parallel, and
// returns when the earliest message held back for later is due (zero: none
// is).
func (d *Dispatcher) start(ctx context.Context) time.Time {
	d.mu.Lock()
	defer d.mu.Unlock()
	now := d.clock.Now()
	d.lanes.release(now)
	for d.workers < d.parallel && d.lanes.ready.Len() > 0 {
		d.workers++
		go d.work(ctx)
	}
	return d.lanes.nextDue()
}

// work delivers messages, the lowest-numbered due message of a free lane
// first, until none is left or ctx ends.
func (d *Dispatcher) work(ctx context.Context) {
	d.mu.Lock()
	defer d.mu.Unlock()
	defer d.idle.Broadcast()
	defer func() { d.workers-- }()
	for ctx.Err() == nil {
		l := d.lanes.take()
		if l == nil {
			return
		}
		o := l.queue[0]
		d.mu.Unlock()
		res, err := d.deliverOne(ctx, o)
		d.mu.Lock()
		if err != nil && d.failed == nil && ctx.Err() == nil {
			d.failed = err
		}
		switch res.kind {
		case delivered, dropped:
			l.queue = l.queue[1:]
		case retried:
			l.queue[0] = res.next
		}
		d.lanes.put(l, d.clock.Now())
		if res.kind == retried {
			d.Wake() // Run sets its timer for the retry
		}
	}
}

// awaitIdle waits until no worker delivers and every delivery is recorded.
func (d *Dispatcher) awaitIdle() {
	d.mu.Lock()
	defer d.mu.Unlock()
	for d.workers > 0 || d.rec.busy() {
		d.idle.Wait()
	}
}
