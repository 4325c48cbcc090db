package bot

import (
	"context"
	"time"
)

// The inbox is the other half of the outbox: a record of the events meldbot
// has handled, by the chat platform's own identity of each (a Mattermost
// post or click, a Slack message, command or click). It is written in the
// transaction that handles the event, so an event the platform delivers
// again — a retry, a catch-up after a restart, a replayed request — is
// recognised and handled exactly once, also across a crash.

// InboxTx stores the identities of handled events.
type InboxTx interface {
	// Handled reports whether the event with this ID was handled.
	Handled(id string) (bool, error)
	// RecordHandled records that the event with this ID was handled at at.
	RecordHandled(id string, at time.Time) error
	// OldestHandled returns when the event handled longest ago of those
	// recorded was handled; ok is false when none is recorded.
	OldestHandled() (at time.Time, ok bool, err error)
	// ForgetHandled removes up to limit records of events handled before
	// before, oldest first, and returns how many it removed.
	ForgetHandled(before time.Time, limit int) (int, error)
}

// InboxKeptFor is how long the identity of a handled event is kept: far
// longer than any platform retries or than a catch-up after an outage
// reaches back.
const InboxKeptFor = 30 * 24 * time.Hour

// inboxBatch is how many records one transaction of TidyInbox removes.
const inboxBatch = 1000

// TidyInbox forgets the events handled longer ago than InboxKeptFor, a
// batch per transaction, and returns how many it forgot. It looks first,
// in a read transaction: when nothing is that old, it writes nothing.
func (b *Bot) TidyInbox(ctx context.Context) (int, error) {
	before := b.clock.Now().Add(-InboxKeptFor)
	var due bool
	if err := b.store.View(ctx, func(tx Tx) error {
		oldest, ok, err := tx.OldestHandled()
		due = ok && oldest.Before(before)
		return err
	}); err != nil || !due {
		return 0, err
	}
	total := 0
	for {
		var n int
		if err := b.store.Update(ctx, func(tx Tx) error {
			var err error
			n, err = tx.ForgetHandled(before, inboxBatch)
			return err
		}); err != nil {
			return total, err
		}
		total += n
		if n < inboxBatch {
			return total, nil
		}
	}
}

// firstDelivery records an event's identity in tx and reports whether this
// is the first time it is handled. An event without an identity is always
// handled.
func firstDelivery(tx Tx, ev Event, now time.Time) (bool, error) {
	id := ev.EventID()
	if id == "" {
		return true, nil
	}
	seen, err := tx.Handled(id)
	if err != nil || seen {
		return false, err
	}
	return true, tx.RecordHandled(id, now)
}
