package storage

import (
	"path/filepath"
	"testing"

	"meldbot/bot"
	"meldbot/bot/bottest"
)

func openTemp(t *testing.T) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "meldbot.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestBoltContract(t *testing.T) {
	bottest.StoreContract(t, func(t *testing.T) bot.Store { return openTemp(t) })
}
