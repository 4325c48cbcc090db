package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/rs/zerolog"

	"meldbot/adapters/admin"
	"meldbot/bot"
	"meldbot/storage"
)

// backupper takes the backups of the running meldbot into the backup
// directory: on schedule and when asked, one at a time.
type backupper struct {
	store   *storage.Store
	backups storage.Backups // no Dir: no backups into a directory
	every   time.Duration
	metrics *admin.Metrics
	log     zerolog.Logger
	mu      sync.Mutex // one backup at a time; guards latest
	// latest is when the newest backup in the directory was taken, read
	// from the directory once and then kept by take; zero before that.
	latest time.Time
	read   bool // latest has been read from the directory
}

func newBackupper(store *storage.Store, set bot.BackupSettings, metrics *admin.Metrics, log zerolog.Logger) *backupper {
	return &backupper{store: store, backups: storage.Backups{Dir: set.Dir, Keep: set.Keep}, every: set.Every, metrics: metrics, log: log}
}

// scheduled reports whether backups go into a directory.
func (b *backupper) scheduled() bool { return b.backups.Dir != "" }

// take writes a backup into the directory and checks it.
func (b *backupper) take(ctx context.Context) (admin.Report, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	start := time.Now()
	bk, err := b.backups.Take(ctx, b.store, start)
	b.metrics.BackupDone(bk.At, err)
	rep := reportOf(bk.Report, bk.Path, bk.At)
	if err != nil {
		b.log.Error().Err(err).Str("backup", bk.Path).Msg("backup failed")
		return rep, err
	}
	b.latest = bk.At
	b.log.Info().Str("backup", bk.Path).Int64("bytes", bk.Size).Dur("took", time.Since(start).Round(time.Millisecond)).
		Msg("backup written and checked")
	return rep, nil
}

// due takes a backup when the newest in the directory is older than the
// interval (or there is none); schedules.Every calls it every minute, so
// backups keep their rhythm across restarts. The directory is read at the
// first call only: every backup after it is taken here (take).
func (b *backupper) due(ctx context.Context) (int, error) {
	latest, err := b.newest()
	if err != nil {
		return 0, err
	}
	if !latest.IsZero() && time.Since(latest) < b.every {
		return 0, nil
	}
	_, err = b.take(ctx)
	if err != nil {
		return 0, err
	}
	return 1, nil
}

// newest returns when the newest backup in the directory was taken; zero
// when there is none.
func (b *backupper) newest() (time.Time, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if !b.read {
		latest, ok, err := b.backups.Latest()
		if err != nil {
			return time.Time{}, err
		}
		if ok {
			b.latest = latest.At
		}
		b.read = true
	}
	return b.latest, nil
}

// backupCommand backs up the data file: meldbot backup [--data FILE]
// [--out FILE]. It asks the meldbot running on the data file, through its
// admin listener, for a consistent copy while it runs: into the backup
// directory of the organisation file, or with --out into that file. When
// no meldbot runs on it, it makes the backup itself.
func backupCommand(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	fs.SetOutput(stderr)
	configPath := fs.String("config", "", "organisation file (for its backup directory)")
	dataPath := fs.String("data", envOr("MELDBOT_DATA", "meldbot.db"), "data file")
	out := fs.String("out", "", "write the backup to this file instead of the backup directory")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	ctx := context.Background()
	if c, err := admin.LoadContact(*dataPath); err == nil {
		rep, err := askBackup(ctx, admin.Client{Contact: c}, *out)
		if !errors.Is(err, admin.ErrNotRunning) {
			if err != nil {
				return err
			}
			return printReport(stdout, rep, "Backup")
		}
	}
	// No meldbot runs on the data file: back it up from here.
	if _, err := os.Stat(*dataPath); err != nil {
		return fmt.Errorf("no data file %s: give its path with --data (or MELDBOT_DATA)", *dataPath)
	}
	store, err := storage.OpenCurrent(*dataPath, true)
	if err != nil {
		return openError(err, *dataPath, nil)
	}
	defer store.Close()
	if *out != "" {
		n, err := store.BackupTo(ctx, *out)
		if err != nil {
			return err
		}
		return verifyDownload(stdout, *out, n)
	}
	org, _, err := loadOrg(*configPath, false)
	if err != nil {
		return err
	}
	if org.Backup.Dir == "" {
		return &exitError{code: 2, err: errors.New("no backup directory: set backup: dir: in the organisation file, or give --out FILE")}
	}
	bk, err := storage.Backups{Dir: org.Backup.Dir, Keep: org.Backup.Keep}.Take(ctx, store, time.Now())
	if perr := printReport(stdout, reportOf(bk.Report, bk.Path, bk.At), "Backup"); perr != nil || err != nil {
		return errors.Join(err, perr)
	}
	return nil
}

// askBackup asks the running meldbot for a backup: into its directory, or
// downloaded into out.
func askBackup(ctx context.Context, c admin.Client, out string) (admin.Report, error) {
	if out == "" {
		return c.Backup(ctx)
	}
	n, err := storage.WriteFile(out, func(w io.Writer) (int64, error) { return c.Download(ctx, w) })
	if err != nil {
		return admin.Report{}, err
	}
	r, err := storage.Verify(out)
	if err != nil {
		return admin.Report{}, err
	}
	rep := reportOf(r, out, time.Now())
	rep.Bytes = n
	return rep, nil
}

// verifyDownload checks a backup written to out and prints the outcome.
func verifyDownload(stdout io.Writer, out string, n int64) error {
	r, err := storage.Verify(out)
	if err != nil {
		return err
	}
	rep := reportOf(r, out, time.Now())
	rep.Bytes = n
	return printReport(stdout, rep, "Backup")
}
