package storage

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	bolt "go.etcd.io/bbolt"
)

// CheckPages makes the part of Open's check that OpenQuick leaves out, on
// a store in use: every page read and bbolt's consistency check run. That
// check is not safe on a file that is being changed, so it runs on a copy:
// a consistent copy of the data file is written next to it, in one read
// transaction that holds up no change, checked, and removed. A problem is
// a *DamageError naming the data file — also a part of the file that cannot
// be read while it is copied; any other error means the check could not be
// made (no room for the copy, ctx ended).
//
// A copy left behind by a process killed during its check is removed
// first (see onCheckCopy).
func (s *Store) CheckPages(ctx context.Context) error {
	return s.onCheckCopy(ctx, func(copyPath string) error {
		c, err := openBolt(copyPath, &bolt.Options{ReadOnly: true, Timeout: LockTimeout})
		if err == nil {
			defer c.Close()
			c.path = s.path // a problem names the data file, not the copy
			err = c.checkAtOpen()
		}
		var damaged *DamageError
		if errors.As(err, &damaged) {
			damaged.Path = s.path
		}
		return err
	})
}

// onCheckCopy writes a consistent copy of the data file next to it, in one
// read transaction that holds up no change, runs check on it and removes
// it. Checks run one at a time; a copy left behind by a process killed
// during its check is removed first (the data file's lock says no other
// process checks it).
func (s *Store) onCheckCopy(ctx context.Context, check func(copyPath string) error) error {
	s.checking.Lock()
	defer s.checking.Unlock()
	pattern := checkCopyPattern(s.path)
	if stale, err := filepath.Glob(pattern); err == nil {
		for _, f := range stale {
			_ = os.Remove(f)
		}
	}
	tmp, err := os.CreateTemp(filepath.Dir(s.path), filepath.Base(pattern))
	if err != nil {
		return fmt.Errorf("storage: a copy to check: %w", err)
	}
	defer os.Remove(tmp.Name())
	dst := &copyWriter{w: tmp}
	_, err = s.WriteBackup(ctx, dst)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	switch {
	case err != nil && dst.err == nil && ctx.Err() == nil:
		// Not the copy (no room, say) but the data file failed: a page
		// that cannot be read is damage, not a check left undone.
		return &DamageError{Path: s.path, Problems: []string{"reading the data file failed: " + err.Error()}}
	case err != nil:
		return fmt.Errorf("storage: copying the data file to check it: %w", err)
	}
	return check(tmp.Name())
}

// copyWriter writes the copy to check and keeps the error writing it
// gave, to tell it from an error reading the data file.
type copyWriter struct {
	w   io.Writer
	err error
}

func (c *copyWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	if err != nil && c.err == nil {
		c.err = err
	}
	return n, err
}

// checkCopyPattern is the name of CheckPages's copies of the data file at
// path, as a pattern of filepath.Glob and os.CreateTemp: hidden, next to
// it, named after it.
func checkCopyPattern(path string) string {
	return filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".check-*")
}
