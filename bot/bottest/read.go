package bottest

import (
	"context"
	"testing"

	"meldbot/bot"
)

// Read returns what read finds in a read transaction of s, and fails the
// test when it gives an error: a test's look into the store.
func Read[T any](t testing.TB, s bot.Store, read func(bot.Tx) (T, error)) T {
	t.Helper()
	var v T
	if err := s.View(context.Background(), func(tx bot.Tx) error {
		var err error
		v, err = read(tx)
		return err
	}); err != nil {
		t.Fatalf("reading the store: %v", err)
	}
	return v
}
