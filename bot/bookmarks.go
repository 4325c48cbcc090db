package bot

import "context"

// Bookmarks is all of the data file a chat adapter uses: named values of
// its own, such as how far it has read each conversation (its catch-up
// positions), and whether the bot has handled an event (the inbox). An
// adapter chooses its keys and starts them with its own name.
type Bookmarks interface {
	// Mark returns the value stored under key, or "" when there is none.
	Mark(ctx context.Context, key string) (string, error)
	// PutMark stores value under key; an empty value removes the key.
	PutMark(ctx context.Context, key, value string) error
	// Marks returns every value stored under a key that starts with
	// prefix, by key.
	Marks(ctx context.Context, prefix string) (map[string]string, error)
	// Handled reports whether the bot handled the event with this ID.
	Handled(ctx context.Context, eventID string) (bool, error)
}

// BookmarksIn returns the Bookmarks kept in a store, each read or write a
// transaction of its own.
func BookmarksIn(s Store) Bookmarks { return storeBookmarks{s} }

type storeBookmarks struct{ s Store }

func (b storeBookmarks) Mark(ctx context.Context, key string) (v string, err error) {
	err = b.s.View(ctx, func(tx Tx) error { v, err = tx.Mark(key); return err })
	return v, err
}

func (b storeBookmarks) PutMark(ctx context.Context, key, value string) error {
	return b.s.Update(ctx, func(tx Tx) error { return tx.PutMark(key, value) })
}

func (b storeBookmarks) Marks(ctx context.Context, prefix string) (m map[string]string, err error) {
	err = b.s.View(ctx, func(tx Tx) error { m, err = tx.Marks(prefix); return err })
	return m, err
}

func (b storeBookmarks) Handled(ctx context.Context, eventID string) (seen bool, err error) {
	err = b.s.View(ctx, func(tx Tx) error { seen, err = tx.Handled(eventID); return err })
	return seen, err
}
