package outbox

import (
	"context"
	"fmt"
	"time"

	"meldbot/bot"
)

// A delivered message leaves the outbox in a commit of its own, which the
// lane does not wait for: the deliveries made meanwhile, to anyone, are
// recorded together, in the order they were made, in one change. A crash
// before the record is on disk sends the message again after the restart,
// as a crash during the send would (the platform is told, bot.Delivery.Again).

// delivery is a message the platform took, to be recorded.
type delivery struct {
	o   bot.Outgoing
	ref bot.Ref
	at  time.Time
}

// recorder holds the deliveries not yet recorded. The Dispatcher's mutex
// guards it.
type recorder struct {
	queue   []delivery
	running bool
}

func (r *recorder) busy() bool { return r.running || len(r.queue) > 0 }

// record queues a delivery to be recorded and starts the recorder if it is
// not running.
func (d *Dispatcher) record(dl delivery) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.rec.queue = append(d.rec.queue, dl)
	if !d.rec.running {
		d.rec.running = true
		go d.recordAll()
	}
}

// recordAll records the queued deliveries, all that came together in one
// change, until none is left. When that change fails, each is recorded on
// its own, so one that cannot be recorded keeps no other out.
func (d *Dispatcher) recordAll() {
	// A delivery is recorded, shutdown or not; nobody waits for the record.
	ctx := bot.Unhurried(context.Background())
	for {
		d.mu.Lock()
		batch := d.rec.queue
		d.rec.queue = nil
		if len(batch) == 0 {
			d.rec.running = false
			d.idle.Broadcast()
			d.mu.Unlock()
			return
		}
		d.mu.Unlock()
		err := d.store.Update(ctx, func(tx bot.Tx) error {
			for _, dl := range batch {
				if err := recordIn(tx, dl); err != nil {
					return err
				}
			}
			return nil
		})
		if err == nil || len(batch) == 1 {
			d.recorded(batch[0], err)
			continue
		}
		for _, dl := range batch {
			d.recorded(dl, d.store.Update(ctx, func(tx bot.Tx) error { return recordIn(tx, dl) }))
		}
	}
}

// recorded logs a delivery that could not be recorded: it stays in the
// outbox, and is sent again after a restart.
func (d *Dispatcher) recorded(dl delivery, err error) {
	if err == nil {
		return
	}
	d.log.Error().Err(err).Uint64("outgoing", dl.o.ID).Str("to", string(dl.o.To)).
		Msg("outbox: a delivered message could not be recorded; it may be sent again after a restart")
	d.mu.Lock()
	if d.failed == nil {
		d.failed = err
	}
	d.mu.Unlock()
}

// recordIn records a delivery in tx: the reference of a tagged message,
// the audit entries of what it disclosed, and its removal from the outbox.
func recordIn(tx bot.Tx, dl delivery) error {
	o := dl.o
	if o.Tag != "" && dl.ref != "" {
		if err := tx.AddSentRef(o.Tag, bot.SentRef{To: o.To, Ref: dl.ref}); err != nil {
			return err
		}
	}
	for _, e := range o.Audit {
		e.At = dl.at
		if _, err := tx.AppendAudit(e); err != nil {
			return fmt.Errorf("audit trail: %w", err)
		}
	}
	return tx.DeleteOutgoing(o.ID)
}
