package mattermost

import (
	"math/rand/v2"
	"time"
)

// backoff is the wait before the next attempt to reach the server: it
// doubles from min up to max, a few seconds, so a person's message is
// answered within seconds of the server's return even after a long outage;
// each wait is drawn at random from the upper half of its range, so the
// many clients of a restarted server do not all knock at the same moment.
type backoff struct {
	min, max time.Duration
	// random returns a number in [0, 1); nil means math/rand.
	random func() float64
	ceil   time.Duration
}

// wait returns the next pause and raises the one after.
func (b *backoff) wait() time.Duration {
	if b.ceil == 0 {
		b.ceil = b.min
	}
	d := b.ceil
	b.ceil = min(2*b.ceil, b.max)
	r := rand.Float64
	if b.random != nil {
		r = b.random
	}
	return d/2 + time.Duration(r()*float64(d/2))
}

// reset starts over from min, after a connection that held.
func (b *backoff) reset() { b.ceil = 0 }
