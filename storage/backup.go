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

// WriteBackup writes a consistent copy of the data file to w while meldbot
// goes on: one read transaction copies the file as of its moment, and
// readers and writers are not held up meanwhile (bbolt's Tx.WriteTo). The
// copy is a data file of its own. It returns the bytes written; a ctx that
// is done stops the copy.
func (s *Store) WriteBackup(ctx context.Context, w io.Writer) (int64, error) {
	var n int64
	err := s.db.View(func(btx *bolt.Tx) error {
		var err error
		n, err = btx.WriteTo(ctxWriter{ctx, w})
		return err
	})
	return n, err
}

// BackupTo writes a consistent copy of the data file to path: to a
// temporary file in the same directory, synced to disk, then renamed, so
// path holds either a complete copy or what it held before. It returns the
// bytes written.
func (s *Store) BackupTo(ctx context.Context, path string) (int64, error) {
	return WriteFile(path, func(w io.Writer) (int64, error) { return s.WriteBackup(ctx, w) })
}

// Check checks the running data file without stopping it: a consistent
// copy is made next to the data file (see onCheckCopy) and checked as
// Verify does, and the data file's own meta pages are read. The copy is
// removed afterwards.
func (s *Store) Check(ctx context.Context) (Report, error) {
	r := Report{Path: s.path}
	err := s.onCheckCopy(ctx, func(copyPath string) error {
		verifyFile(copyPath, &r)
		return nil
	})
	var damaged *DamageError
	if errors.As(err, &damaged) { // the file could not be read to copy it
		r.Problems = append(r.Problems, damaged.Problems...)
		return r, nil
	}
	if err != nil {
		return r, err
	}
	if h, err := readHeader(s.path); err == nil {
		r.Notices = append(h.notices(), r.Notices...)
		if fi, err := os.Stat(s.path); err == nil {
			r.Size = fi.Size()
		}
	}
	return r, nil
}

// WriteFile writes a file, such as a backup, through write: into a
// temporary file next to path, synced to disk, then renamed to path (and
// the directory synced), so path holds either all of it or what it held
// before. It returns the bytes written.
func WriteFile(path string, write func(io.Writer) (int64, error)) (int64, error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return 0, fmt.Errorf("storage: %w", err)
	}
	defer os.Remove(tmp.Name()) // gone after the rename; left by a failure
	n, err := write(tmp)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err == nil {
		err = syncDir(dir)
	}
	if err != nil {
		return n, fmt.Errorf("storage: writing %s: %w", path, err)
	}
	return n, nil
}

// syncDir makes a rename in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

// ctxWriter stops writing once ctx is done.
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

func (c ctxWriter) Write(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.w.Write(p)
}
