package storage

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"meldbot/bot"
)

// The check OpenQuick leaves to later runs while meldbot serves: changes
// committed meanwhile, which free and reuse pages, are no damage.
func TestCheckingPagesWhileChangesAreCommittedFindsNoDamage(t *testing.T) {
	s, err := OpenQuick(registerFile(t, 300))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	var stop atomic.Bool
	var wg sync.WaitGroup
	commits := 0
	wg.Go(func() {
		for i := 0; !stop.Load(); i++ {
			err := s.Update(ctx, func(tx bot.Tx) error {
				return tx.PutMark("mark/"+strconv.Itoa(i%50), strings.Repeat("x", 100+i%3000))
			})
			if err != nil {
				t.Error(err)
				return
			}
			commits++
		}
	})
	for range 5 {
		if err := s.CheckPages(ctx); err != nil {
			t.Errorf("checking while changes are committed: %v", err)
		}
	}
	stop.Store(true)
	wg.Wait()
	if commits == 0 {
		t.Error("no change was committed during the checks")
	}
}

// A process killed while it checked leaves its copy of the data file
// behind; the next check removes it, and neither check (the one at start,
// the one the admin listener asks for) leaves a copy of its own.
func TestACheckRemovesTheCopyAKilledCheckLeftBehind(t *testing.T) {
	path := registerFile(t, 20)
	dir := filepath.Dir(path)
	stale := filepath.Join(dir, "."+filepath.Base(path)+".check-123456.db")
	if err := os.WriteFile(stale, []byte("half a copy"), 0o600); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(dir, ".other.db.check-1.db") // another data file's: not ours to remove
	if err := os.WriteFile(other, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := OpenQuick(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.CheckPages(context.Background()); err != nil {
		t.Fatal(err)
	}
	if r, err := s.Check(context.Background()); err != nil || len(r.Problems) > 0 {
		t.Fatalf("check: %v %v", r.Problems, err)
	}
	copies, _ := filepath.Glob(filepath.Join(dir, "."+filepath.Base(path)+".check-*"))
	if len(copies) != 0 {
		t.Errorf("copies left next to the data file: %v", copies)
	}
	if _, err := os.Stat(other); err != nil {
		t.Errorf("the copy of another data file was touched: %v", err)
	}
}

// A part of the data file that cannot be read while it is copied for the
// check (a bad sector, here the end of the file gone) is damage, with the
// restore advice that goes with it, not a check that could not be made.
func TestAPartOfTheFileThatCannotBeReadIsDamage(t *testing.T) {
	path := registerFile(t, 300)
	s, err := OpenQuick(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	// The copy reads the file through a handle of its own: what is gone
	// from the end cannot be read. The mapped pages are not touched.
	if err := os.Truncate(path, fi.Size()/2); err != nil {
		t.Fatal(err)
	}
	err = s.CheckPages(context.Background())
	var damaged *DamageError
	if !errors.As(err, &damaged) || damaged.Path != path {
		t.Fatalf("CheckPages = %v, want damage of %s", err, path)
	}
	// The check the admin listener asks for says so in its report.
	if r, err := s.Check(context.Background()); err != nil || len(r.Problems) == 0 {
		t.Errorf("Check = %+v, %v; want the problem reported", r.Problems, err)
	}
}
