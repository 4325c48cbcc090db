package bot

import "context"

// systemUpdate runs fn as meldbot's own turn (see systemTurn) in a
// transaction of its own, and returns what fn reports: whether it did
// anything. When it did and the transaction committed, the outbox is woken,
// so what fn queued goes out at once rather than at the next timer.
func (b *Bot) systemUpdate(ctx context.Context, fn func(t *turn) (bool, error)) (bool, error) {
	var did bool
	err := b.store.Update(ctx, func(tx Tx) error {
		var err error
		did, err = fn(b.systemTurn(tx))
		return err
	})
	if err != nil {
		return false, err
	}
	if did && b.wake != nil {
		b.wake()
	}
	return did, nil
}
