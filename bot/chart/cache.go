package chart

import (
	"bytes"
	"fmt"
	"sync"
)

// Cache keeps the pictures of the charts drawn last, so a chart asked for
// again with the same bars — the same overview asked twice, or by two
// people — is not drawn again. It is safe for use by several goroutines.
type Cache struct {
	mu    sync.Mutex
	size  int
	order []string          // keys, oldest first
	png   map[string][]byte // by the bars drawn
}

// NewCache returns a cache that holds the pictures of the last size
// different charts.
func NewCache(size int) *Cache {
	return &Cache{size: max(size, 1), png: map[string][]byte{}}
}

// PNG returns the picture of b (see Bars.PNG), drawn only when the cache
// holds none of bars equal to b in every title, label, count and colour.
// The bytes are the caller's own.
func (c *Cache) PNG(b Bars) ([]byte, error) {
	key := fmt.Sprintf("%#v", b)
	c.mu.Lock()
	data, ok := c.png[key]
	c.mu.Unlock()
	if ok {
		return bytes.Clone(data), nil
	}
	data, err := b.PNG()
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.png[key]; !ok {
		if len(c.order) == c.size {
			delete(c.png, c.order[0])
			c.order = c.order[1:]
		}
		c.order = append(c.order, key)
		c.png[key] = data
	}
	return bytes.Clone(data), nil
}
