package bot

import "time"

// Clock tells the time. The bot never calls time.Now itself, so tests can
// move time forward.
type Clock interface {
	Now() time.Time
}

// SystemClock is the real clock.
type SystemClock struct{}

// Now returns the current time.
func (SystemClock) Now() time.Time { return time.Now() }
