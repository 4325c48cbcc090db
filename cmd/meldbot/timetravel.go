package main

import (
	"context"
	"fmt"
	"sync"
	"time"

	"meldbot/bot"
	"meldbot/bot/outbox"
	"meldbot/schedules"
)

// wall is the real time under the console's clock; tests stop it, so a
// transcript comes out the same every time.
var wall bot.Clock = bot.SystemClock{}

// travelClock is the console's clock: it runs in real time from the moment
// it was started at, and time travel (/tijd) sets it forward.
type travelClock struct {
	mu     sync.Mutex
	offset time.Duration // from the wall clock
}

// newTravelClock returns a clock that starts at start, or now when start
// is empty: a moment such as "2026-12-04 16:00" in the organisation's time
// zone.
func newTravelClock(start string, org *bot.Organisation) (*travelClock, error) {
	c := &travelClock{}
	if start == "" {
		return c, nil
	}
	for _, layout := range []string{"2006-01-02 15:04", "2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, start, org.Zone()); err == nil {
			c.Set(t)
			return c, nil
		}
	}
	return nil, &exitError{code: 2, err: fmt.Errorf("--now %q: give a moment such as \"2026-12-04 16:00\" (in %s)", start, org.Zone())}
}

// Now returns the clock's time.
func (c *travelClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return wall.Now().Add(c.offset)
}

// Set moves the clock to t, from where it runs on.
func (c *travelClock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.offset = t.Sub(wall.Now())
}

var _ schedules.SetClock = (*travelClock)(nil)

// flushAt delivers the outbox after a moment of the timeline.
func flushAt(d *outbox.Dispatcher) schedules.Settle {
	return func(ctx context.Context, _ time.Time) error { return d.Flush(ctx) }
}
