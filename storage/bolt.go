package storage

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"sync"
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
	db      *bolt.DB
	commits *committer
	path    string
	notices []string
	// checking keeps CheckPages one at a time, so that one check does not
	// take the copy of another for a stale one.
	checking sync.Mutex
}

var _ bot.Store = (*Store)(nil)

// Open opens (or creates) the data file at path, checks it and brings its
// schema up to date. A second process opening the same file fails with
// ErrLocked after LockTimeout instead of waiting forever. An existing file
// of 0 bytes is refused with ErrEmpty, a damaged one with a *DamageError
// (ErrDamaged): every page in use is read and bbolt's consistency check
// run before anything else happens.
func Open(path string) (*Store, error) {
	return open(path, LockTimeout, true)
}

// OpenQuick opens the data file as Open does, but makes only the quick
// part of the check before it returns: an empty file, or one whose meta
// pages are damaged, is refused as by Open; the pages of the register are
// not read. CheckPages makes the rest of the check, while the store is in
// use: meldbot on a chat server is ready at once on a data file of any
// size, and stops when the check finds damage.
func OpenQuick(path string) (*Store, error) {
	return open(path, LockTimeout, false)
}

func open(path string, timeout time.Duration, full bool) (*Store, error) {
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, fmt.Errorf("storage: %w", err)
		}
	}
	var notices []string
	if _, err := os.Stat(path); err == nil {
		if notices, err = inspect(path); err != nil {
			return nil, err
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("storage: %w", err)
	}
	s, err := openBolt(path, &bolt.Options{Timeout: timeout})
	if err != nil {
		return nil, err
	}
	s.notices = notices
	if full {
		if err := s.checkAtOpen(); err != nil {
			s.Close()
			return nil, err
		}
	}
	if err := guard(path, s.migrate); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// inspect reads the meta pages of an existing data file before bbolt maps
// it: an empty file is refused, a damaged one too, and what is worth
// knowing (a damaged meta page, which bbolt passes over in silence) is
// returned.
func inspect(path string) (notices []string, err error) {
	h, err := readHeader(path)
	if err != nil {
		return nil, fmt.Errorf("storage: %w", err)
	}
	if h.size == 0 {
		return nil, emptyError(path)
	}
	if problems := h.damage(); len(problems) > 0 {
		return nil, &DamageError{Path: path, Problems: problems}
	}
	return h.notices(), nil
}

// openBolt opens the bbolt file under guard: a file whose pages cannot be
// read is a *DamageError, not a crash. The free-page list is read here too,
// also read-only, rather than later by bbolt's check in a goroutine of its
// own.
func openBolt(path string, opts *bolt.Options) (*Store, error) {
	opts.PreLoadFreelist = true
	var db *bolt.DB
	err := guard(path, func() (err error) {
		db, err = bolt.Open(path, 0o600, opts)
		return err
	})
	if errors.Is(err, bolterrors.ErrTimeout) {
		return nil, fmt.Errorf("%w: %s (is meldbot already running? stop it first, or use another --data file)", ErrLocked, path)
	}
	var damaged *DamageError
	if errors.As(err, &damaged) {
		return nil, err
	}
	if errors.Is(err, bolterrors.ErrInvalid) || errors.Is(err, bolterrors.ErrChecksum) || errors.Is(err, bolterrors.ErrVersionMismatch) {
		return nil, &DamageError{Path: path, Problems: []string{err.Error()}}
	}
	if err != nil {
		return nil, fmt.Errorf("storage: open %s: %w", path, err)
	}
	return &Store{db: db, commits: newCommitter(db), path: path}, nil
}

// checkAtOpen reads every page the file uses and runs bbolt's consistency
// check; a problem makes the file damaged.
func (s *Store) checkAtOpen() error {
	var r Report
	if err := guard(s.path, func() error {
		return s.db.View(func(btx *bolt.Tx) error { checkTx(btx, false, &r); return nil })
	}); err != nil {
		return err
	}
	if !r.OK() {
		return &DamageError{Path: s.path, Problems: r.Problems}
	}
	return nil
}

// Notices returns what opening the data file found worth knowing without
// refusing it: a damaged meta page, which makes bbolt read the state as of
// the transaction before the last one written. The caller logs them.
func (s *Store) Notices() []string { return s.notices }

// ErrOldSchema is returned by OpenCurrent for a data file an older meldbot
// wrote, which Open would upgrade.
var ErrOldSchema = errors.New("the data file was written by an older meldbot")

// OpenCurrent opens an existing data file as it is: unlike Open it neither
// creates, initialises nor upgrades it. A file of an older schema is
// refused with ErrOldSchema, one of a newer schema too; an empty or damaged
// one as by Open. With readOnly the file is opened read-only (Update then
// fails); otherwise only what the caller writes changes it.
func OpenCurrent(path string, readOnly bool) (*Store, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("storage: %w", err)
	}
	notices, err := inspect(path)
	if err != nil {
		return nil, err
	}
	s, err := openBolt(path, &bolt.Options{Timeout: LockTimeout, ReadOnly: readOnly})
	if err != nil {
		return nil, err
	}
	s.notices = notices
	if err := s.checkAtOpen(); err != nil {
		s.Close()
		return nil, err
	}
	if err := s.db.View(func(tx *bolt.Tx) error {
		version, err := s.schema(tx)
		if err == nil && version < SchemaVersion {
			err = fmt.Errorf("%w: %s has schema %d, this meldbot writes %d", ErrOldSchema, path, version, SchemaVersion)
		}
		return err
	}); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// Path returns the data file's path.
func (s *Store) Path() string { return s.path }

// Close lets the changes under way finish and closes the data file.
// Update fails with ErrClosed afterwards.
func (s *Store) Close() error {
	s.commits.close()
	return s.db.Close()
}

// Update runs fn in a read-write transaction and commits it durably: when
// Update returns nil, the change is on disk; when it returns an error,
// nothing fn did was kept. Changes that come together share one commit
// (and one sync of the disk), each kept or undone on its own, and fn runs
// once. A memory fault in the mapped file while it runs (a page damaged
// since the file was opened) panics, like any other failure of a turn,
// instead of ending the process.
func (s *Store) Update(ctx context.Context, fn func(bot.Tx) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return s.commits.do(ctx, func(t *tx) error { return fn(t) })
}

// View runs fn in a read-only transaction; a memory fault panics, as in
// Update.
func (s *Store) View(ctx context.Context, fn func(bot.Tx) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	return s.db.View(func(btx *bolt.Tx) error { return fn(&tx{b: btx}) })
}
