package slack

import (
	"slices"
	"sync"
	"testing"
)

// One person's events wait for each other, in order; another person's do
// not wait for them.
func TestSerialKeepsOrderPerKeyOnly(t *testing.T) {
	var s serial
	var mu sync.Mutex
	var order []string
	record := func(x string) { mu.Lock(); order = append(order, x); mu.Unlock() }
	release, bDone := make(chan struct{}), make(chan struct{})

	s.do("sanne", func() { <-release; record("sanne 1") })
	s.do("sanne", func() { record("sanne 2") })
	s.do("karin", func() { record("karin 1"); close(bDone) })
	<-bDone // Karin's work ran while Sanne's first event was still busy
	close(release)
	s.wait()

	if want := []string{"karin 1", "sanne 1", "sanne 2"}; !slices.Equal(order, want) {
		t.Errorf("ran %q, want %q", order, want)
	}
}
