package storage

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// Backups is a directory of dated backups of the data file, the newest
// Keep of them kept. A backup is named after the moment it was taken, in
// UTC: meldbot-20261206T040000Z.db. A backup that fails its check is kept
// apart under the same name ending in .damaged and does not count: it never
// pushes a good backup out.
type Backups struct {
	Dir  string
	Keep int
}

// Backup is one backup file.
type Backup struct {
	Path string
	// At is when it was taken.
	At   time.Time
	Size int64
	// Report is the check of a backup just taken; empty for a listed one.
	Report Report
}

const (
	backupPrefix = "meldbot-"
	backupSuffix = ".db"
	backupStamp  = "20060102T150405Z"
)

// ErrBackupDamaged is returned by Take when the backup just written fails
// its check: the data file itself is damaged, or the disk of the backups.
var ErrBackupDamaged = errors.New("the backup fails its check")

// Take writes a backup of s as of now into the directory, checks it as
// Verify does, and removes the oldest backups beyond Keep, and what killed
// backups left unfinished more than an hour ago. A backup that
// fails its check is renamed to end in .damaged, and ErrBackupDamaged is
// returned with its report.
func (b Backups) Take(ctx context.Context, s *Store, now time.Time) (Backup, error) {
	if err := os.MkdirAll(b.Dir, 0o700); err != nil {
		return Backup{}, fmt.Errorf("storage: backup directory: %w", err)
	}
	removeUnfinished(b.Dir, now)
	at := now.UTC().Truncate(time.Second)
	bk := Backup{Path: filepath.Join(b.Dir, backupPrefix+at.Format(backupStamp)+backupSuffix), At: at}
	n, err := s.BackupTo(ctx, bk.Path)
	if err != nil {
		return bk, err
	}
	bk.Size = n
	bk.Report.Path = bk.Path
	verifyFile(bk.Path, &bk.Report)
	bk.Report.Size = n
	if !bk.Report.OK() {
		damaged := bk.Path + ".damaged"
		if err := os.Rename(bk.Path, damaged); err != nil {
			return bk, err
		}
		bk.Path = damaged
		return bk, fmt.Errorf("%w: %s: %s", ErrBackupDamaged, damaged, strings.Join(bk.Report.Problems, "; "))
	}
	return bk, b.rotate()
}

// List returns the backups in the directory, oldest first; a directory
// that does not exist yet holds none.
func (b Backups) List() ([]Backup, error) {
	entries, err := os.ReadDir(b.Dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("storage: backup directory: %w", err)
	}
	var out []Backup
	for _, e := range entries {
		name := e.Name()
		stamp, ok := strings.CutPrefix(name, backupPrefix)
		if !ok || e.IsDir() {
			continue
		}
		if stamp, ok = strings.CutSuffix(stamp, backupSuffix); !ok {
			continue
		}
		at, err := time.Parse(backupStamp, stamp)
		if err != nil {
			continue
		}
		bk := Backup{Path: filepath.Join(b.Dir, name), At: at}
		if fi, err := e.Info(); err == nil {
			bk.Size = fi.Size()
		}
		out = append(out, bk)
	}
	slices.SortFunc(out, func(x, y Backup) int { return x.At.Compare(y.At) })
	return out, nil
}

// Latest returns the newest backup, and false when there is none.
func (b Backups) Latest() (Backup, bool, error) {
	all, err := b.List()
	if err != nil || len(all) == 0 {
		return Backup{}, false, err
	}
	return all[len(all)-1], true, nil
}

// unfinishedAfter is how old a backup's temporary file must be to count as
// left behind: by a process killed while it wrote, not one still writing.
const unfinishedAfter = time.Hour

// removeUnfinished removes the temporary files of backups in dir that a
// process killed while writing left behind (see WriteFile); each is as
// large as the data file.
func removeUnfinished(dir string, now time.Time) {
	tmps, err := filepath.Glob(filepath.Join(dir, "."+backupPrefix+"*"+backupSuffix+".*.tmp"))
	if err != nil {
		return
	}
	for _, f := range tmps {
		if fi, err := os.Stat(f); err == nil && now.Sub(fi.ModTime()) > unfinishedAfter {
			_ = os.Remove(f)
		}
	}
}

// rotate removes the oldest backups beyond Keep.
func (b Backups) rotate() error {
	all, err := b.List()
	if err != nil {
		return err
	}
	var errs []error
	for len(all) > max(b.Keep, 1) {
		if err := os.Remove(all[0].Path); err != nil {
			errs = append(errs, fmt.Errorf("storage: removing an old backup: %w", err))
		}
		all = all[1:]
	}
	return errors.Join(errs...)
}
