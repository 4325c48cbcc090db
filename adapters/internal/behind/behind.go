// Package behind keeps the conversations whose catch-up has not finished,
// for the chat adapters that answer, after a restart or a lost connection,
// what was sent while meldbot was not listening. A conversation that is
// behind must be caught up before a live message there may move its read
// mark, or that mark would pass messages never handled.
package behind

import "sync"

// Set holds the conversations that are behind, each with the catch-up that
// put it there: a catch-up that ends after a newer one began (meldbot was
// away again meanwhile) leaves the conversation behind for the newer one.
// The zero value is ready to use.
type Set struct {
	mu      sync.Mutex
	m       map[string]uint64 // conversation → catch-up
	last    uint64
	unknown bool
}

// Add starts a new catch-up: keys are behind for it. It ends an Unknown.
func (s *Set) Add(keys ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.m == nil {
		s.m = map[string]uint64{}
	}
	s.last++
	s.unknown = false
	for _, k := range keys {
		s.m[k] = s.last
	}
}

// Unknown records that which conversations are behind could not be found
// out: every conversation counts as behind until the next Add.
func (s *Set) Unknown() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.unknown = true
}

// Current returns the catch-up key is behind for, 0 when it is not listed.
// A catch-up takes it before it reads what was missed and hands it to Done.
func (s *Set) Current(key string) uint64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.m[key]
}

// Done records that key was caught up by the catch-up Current returned; a
// newer catch-up keeps it behind.
func (s *Set) Done(key string, catchUp uint64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.m[key] == catchUp {
		delete(s.m, key)
	}
}

// Is reports whether key may hold messages not yet handled.
func (s *Set) Is(key string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.unknown || s.m[key] != 0
}
