package storage

import (
	"context"
	"path/filepath"
	"testing"

	bolt "go.etcd.io/bbolt"

	"meldbot/bot"
)

// A data file of schema 4 gets the bucket of marks when it is opened.
func TestASchema4FileGetsMarks(t *testing.T) {
	path := filepath.Join(t.TempDir(), "meldbot.db")
	schema4File(t, path)
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	if err := s.Update(ctx, func(tx bot.Tx) error { return tx.PutMark("mattermost/x/since", "1764252000000") }); err != nil {
		t.Fatalf("writing a mark after the migration: %v", err)
	}
}

// schema4File makes a data file at path as meldbot of schema 4 left it:
// without the bucket of marks.
func schema4File(t *testing.T, path string) {
	t.Helper()
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.db.Update(func(tx *bolt.Tx) error {
		if err := tx.DeleteBucket(bucketMarks); err != nil {
			return err
		}
		return tx.Bucket(bucketMeta).Put(keySchema, []byte("4"))
	}); err != nil {
		t.Fatal(err)
	}
}
