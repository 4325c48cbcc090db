package slack

import (
	"sync"
	"time"
)

// pacer spreads posts to one channel so they stay under Slack's limit of
// about one message per second per channel, which allows short bursts. It
// is a token bucket per channel: burst posts may go at once, after that one
// per 1/rate seconds.
type pacer struct {
	mu      sync.Mutex
	rate    float64 // posts per second; 0 disables pacing
	burst   float64
	buckets map[string]*bucket
}

type bucket struct {
	tokens float64 // may go negative: posts reserved for the future
	at     time.Time
}

// maxBuckets bounds the memory of channels posted to; full buckets are
// forgotten beyond it.
const maxBuckets = 1000

func newPacer(rate float64, burst int) *pacer {
	return &pacer{rate: rate, burst: float64(max(burst, 1)), buckets: map[string]*bucket{}}
}

// reserve books one post to channel at now and returns how long the caller
// must wait before making it.
func (p *pacer) reserve(channel string, now time.Time) time.Duration {
	if p.rate <= 0 {
		return 0
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	b := p.buckets[channel]
	if b == nil {
		if len(p.buckets) >= maxBuckets {
			p.forgetFull(now)
		}
		b = &bucket{tokens: p.burst, at: now}
		p.buckets[channel] = b
	}
	b.refill(now, p.rate, p.burst)
	b.tokens--
	if b.tokens >= 0 {
		return 0
	}
	return time.Duration(-b.tokens / p.rate * float64(time.Second))
}

func (b *bucket) refill(now time.Time, rate, burst float64) {
	if now.After(b.at) {
		b.tokens = min(burst, b.tokens+now.Sub(b.at).Seconds()*rate)
		b.at = now
	}
}

// forgetFull drops the channels that could burst again; the caller holds mu.
func (p *pacer) forgetFull(now time.Time) {
	for ch, b := range p.buckets {
		b.refill(now, p.rate, p.burst)
		if b.tokens >= p.burst {
			delete(p.buckets, ch)
		}
	}
}
