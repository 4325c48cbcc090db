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
	f, err := CreateFile(path)
	if err != nil {
		return 0, err
	}
	defer f.Discard()
	n, err := write(f)
	if err == nil {
		err = f.Commit()
	}
	if err != nil {
		return n, fmt.Errorf("storage: writing %s: %w", path, err)
	}
	return n, nil
}

// A NewFile is a file being written in the place of path: into a temporary
// file next to it, which takes path's place only on Commit. For a writer
// that must put the file in place at a moment of its own choosing, such as
// an export handed over in the transaction that audits it; WriteFile does
// it all in one call.
type NewFile struct {
	tmp  *os.File
	path string
	done bool
}

// CreateFile starts a NewFile for path.
func CreateFile(path string) (*NewFile, error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return nil, fmt.Errorf("storage: %w", err)
	}
	return &NewFile{tmp: tmp, path: path}, nil
}

// Write writes to the temporary file.
func (f *NewFile) Write(p []byte) (int, error) { return f.tmp.Write(p) }

// Commit syncs what was written to disk and puts it in path's place, the
// rename synced too: path holds either all of it or what it held before.
func (f *NewFile) Commit() error {
	err := f.tmp.Sync()
	if cerr := f.tmp.Close(); err == nil {
		err = cerr
	}
	f.done = true
	if err == nil {
		err = os.Rename(f.tmp.Name(), f.path)
	}
	if err == nil {
		err = syncDir(filepath.Dir(f.path))
	}
	return err
}

// Discard removes the temporary file of a NewFile not committed; after
// Commit it only removes what a failed commit left.
func (f *NewFile) Discard() {
	if !f.done {
		f.tmp.Close()
	}
	os.Remove(f.tmp.Name()) // gone after the rename; left by a failure
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
