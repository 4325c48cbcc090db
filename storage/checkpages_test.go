package storage

import (
	"context"
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
