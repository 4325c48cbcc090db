package mattermost

import (
	"sync"
	"time"
)

// cache is a small map with a time to live and a size bound, safe for
// concurrent use. When it is full, it starts over: the adapter looks up
// again what it forgot.
type cache[K comparable, V any] struct {
	mu    sync.Mutex
	ttl   time.Duration
	limit int
	now   func() time.Time
	m     map[K]cached[V]
}

type cached[V any] struct {
	v       V
	expires time.Time
}

func newCache[K comparable, V any](ttl time.Duration, limit int) *cache[K, V] {
	return &cache[K, V]{ttl: ttl, limit: limit, now: time.Now, m: map[K]cached[V]{}}
}

func (c *cache[K, V]) get(k K) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[k]
	if !ok || (c.ttl > 0 && c.now().After(e.expires)) {
		var zero V
		return zero, false
	}
	return e.v, true
}

func (c *cache[K, V]) put(k K, v V) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m) >= c.limit {
		c.m = map[K]cached[V]{}
	}
	c.m[k] = cached[V]{v: v, expires: c.now().Add(c.ttl)}
}

// forget drops k, so that it is looked up again.
func (c *cache[K, V]) forget(k K) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.m, k)
}
