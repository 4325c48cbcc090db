package storage

import (
	"path/filepath"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"
)

func TestNewerSchemaIsRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "meldbot.db")
	s := openAt(t, path)
	_ = s.db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Put(keySchema, []byte("999")) })
	s.Close()
	if _, err := Open(path); err == nil || !strings.Contains(err.Error(), "newer meldbot") {
		t.Errorf("Open = %v, want a refusal naming the newer schema", err)
	}
}

// Opening a data file that is up to date only reads it: no write
// transaction, no disk sync, at every start and every maintenance command.
func TestOpeningACurrentFileWritesNothing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "meldbot.db")
	txid := func(s *Store) (id int) {
		_ = s.db.View(func(tx *bolt.Tx) error { id = tx.ID(); return nil })
		return id
	}
	s := openAt(t, path)
	created := txid(s)
	s.Close()
	s = openAt(t, path)
	if got := txid(s); got != created {
		t.Errorf("reopening wrote %d transaction(s)", got-created)
	}
}
