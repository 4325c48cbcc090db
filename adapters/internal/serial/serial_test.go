package serial

import (
	"slices"
	"sync"
	"testing"
)

// One person's events wait for each other, in order; another person's do
// not wait for them.
func TestQueuesKeepOrderPerKeyOnly(t *testing.T) {
	var q Queues
	var mu sync.Mutex
	var order []string
	record := func(x string) { mu.Lock(); order = append(order, x); mu.Unlock() }
	release, bDone := make(chan struct{}), make(chan struct{})

	q.Do("sanne", func() { <-release; record("sanne 1") })
	q.Do("sanne", func() { record("sanne 2") })
	q.Do("karin", func() { record("karin 1"); close(bDone) })
	<-bDone // Karin's work ran while Sanne's first event was still busy
	close(release)
	q.Wait()

	if want := []string{"karin 1", "sanne 1", "sanne 2"}; !slices.Equal(order, want) {
		t.Errorf("ran %q, want %q", order, want)
	}
}

// A panic in one function is reported with its key, and the queue goes on.
func TestAPanicIsReportedAndTheQueueGoesOn(t *testing.T) {
	var reported []string
	q := Queues{OnPanic: func(key string, v any, stack []byte) {
		reported = append(reported, key+": "+v.(string))
		if len(stack) == 0 {
			t.Error("no stack")
		}
	}}
	ran := false
	q.Do("sanne", func() { panic("boom") })
	q.Do("sanne", func() { ran = true })
	q.Wait()
	if !ran || !slices.Equal(reported, []string{"sanne: boom"}) {
		t.Errorf("ran after the panic: %v; reported %q", ran, reported)
	}
}
