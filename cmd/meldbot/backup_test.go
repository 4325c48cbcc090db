package main

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"meldbot/adapters/admin"
	"meldbot/bot"
	"meldbot/storage"
)

// The running meldbot backs up when the newest backup in the directory is
// older than the interval, also one a run before it took: a restart keeps
// the rhythm, and a backup made through the admin listener counts too.
func TestScheduledBackupsKeepTheirRhythm(t *testing.T) {
	dir := t.TempDir()
	store, err := storage.Open(filepath.Join(dir, "meldbot.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	set := bot.BackupSettings{Dir: filepath.Join(dir, "backups"), Every: time.Hour, Keep: 7}
	metrics := admin.NewMetrics("test", func(time.Time) (admin.Figures, error) { return admin.Figures{}, nil })
	ctx := context.Background()
	count := func() int {
		entries, _ := os.ReadDir(set.Dir)
		return len(entries)
	}

	first := newBackupper(store, set, metrics, zerolog.Nop())
	if n, err := first.due(ctx); err != nil || n != 1 || count() != 1 {
		t.Fatalf("with no backup yet: took %d (%v), %d in the directory; want 1", n, err, count())
	}
	if n, err := first.due(ctx); err != nil || n != 0 || count() != 1 {
		t.Fatalf("a minute later: took %d (%v), %d in the directory; want none more", n, err, count())
	}
	restarted := newBackupper(store, set, metrics, zerolog.Nop())
	if n, err := restarted.due(ctx); err != nil || n != 0 || count() != 1 {
		t.Fatalf("after a restart: took %d (%v), %d in the directory; want none more", n, err, count())
	}

	// A backup asked for through the admin listener starts the interval
	// anew for a run that had found the directory empty.
	other := bot.BackupSettings{Dir: filepath.Join(dir, "other"), Every: time.Hour, Keep: 7}
	b := newBackupper(store, other, metrics, zerolog.Nop())
	if _, err := b.newest(); err != nil {
		t.Fatal(err)
	}
	if _, err := b.take(ctx); err != nil {
		t.Fatal(err)
	}
	if n, err := b.due(ctx); err != nil || n != 0 {
		t.Fatalf("right after a backup asked for: took %d (%v); want none", n, err)
	}
}
