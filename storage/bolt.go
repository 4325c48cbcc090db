package storage

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"

	"meldbot/bot"
)

// ErrLocked is returned by Open when another process holds the data file.
var ErrLocked = errors.New("the data file is in use by another process")

// LockTimeout is how long Open waits for another process to let go of the
// data file before it gives up.
const LockTimeout = 2 * time.Second

// Store is the bbolt implementation of bot.Store. Every Update is one
// durable bbolt transaction: when it returns, the change is on disk.
type Store struct {
	db   *bolt.DB
	path string
}

var _ bot.Store = (*Store)(nil)

// Open opens (or creates) the data file at path and brings its schema up to
// date. A second process opening the same file fails with ErrLocked after
// LockTimeout instead of waiting forever.
func Open(path string) (*Store, error) {
	return open(path, LockTimeout)
}

func open(path string, timeout time.Duration) (*Store, error) {
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, fmt.Errorf("storage: %w", err)
		}
	}
	s, err := openBolt(path, &bolt.Options{Timeout: timeout})
	if err != nil {
		return nil, err
	}
	if err := s.migrate(); err != nil {
		s.db.Close()
		return nil, err
	}
	return s, nil
}

func openBolt(path string, opts *bolt.Options) (*Store, error) {
	db, err := bolt.Open(path, 0o600, opts)
	if errors.Is(err, bolterrors.ErrTimeout) {
		return nil, fmt.Errorf("%w: %s (is meldbot already running? stop it first, or use another --data file)", ErrLocked, path)
	}
	if err != nil {
		return nil, fmt.Errorf("storage: open %s: %w", path, err)
	}
	return &Store{db: db, path: path}, nil
}

// ErrOldSchema is returned by OpenCurrent for a data file an older meldbot
// wrote, which Open would upgrade.
var ErrOldSchema = errors.New("the data file was written by an older meldbot")

// OpenCurrent opens an existing data file as it is: unlike Open it neither
// creates the file nor upgrades its schema. A file of an older schema is
// refused with ErrOldSchema, one of a newer schema too. With readOnly the
// file is opened read-only (Update then fails); otherwise only what the
// caller writes changes it.
func OpenCurrent(path string, readOnly bool) (*Store, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("storage: %w", err)
	}
	s, err := openBolt(path, &bolt.Options{Timeout: LockTimeout, ReadOnly: readOnly})
	if err != nil {
		return nil, err
	}
	if err := s.db.View(func(tx *bolt.Tx) error {
		version, err := s.schema(tx)
		if err == nil && version < SchemaVersion {
			err = fmt.Errorf("%w: %s has schema %d, this meldbot writes %d", ErrOldSchema, path, version, SchemaVersion)
		}
		return err
	}); err != nil {
		s.db.Close()
		return nil, err
	}
	return s, nil
}

// Path returns the data file's path.
func (s *Store) Path() string { return s.path }

// Close closes the data file.
func (s *Store) Close() error { return s.db.Close() }

// Update runs fn in a read-write transaction and commits it durably.
func (s *Store) Update(ctx context.Context, fn func(bot.Tx) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return s.db.Update(func(btx *bolt.Tx) error { return fn(&tx{btx}) })
}

// View runs fn in a read-only transaction.
func (s *Store) View(ctx context.Context, fn func(bot.Tx) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return s.db.View(func(btx *bolt.Tx) error { return fn(&tx{btx}) })
}
