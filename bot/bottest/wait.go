package bottest

import (
	"testing"
	"time"
)

// WaitFor is how long WaitUntil waits.
const WaitFor = 5 * time.Second

// WaitUntil polls cond until it holds, and fails the test when it does not
// within WaitFor; what says what was awaited.
func WaitUntil(t testing.TB, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(WaitFor); !cond(); {
		if time.Now().After(deadline) {
			t.Fatalf("waited %v until %s, in vain", WaitFor, what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}
