package slack

import "sync"

// seen remembers the IDs of the latest requests, so that one Slack sends
// again (a retry after a lost acknowledgement) is not handled twice.
type seen struct {
	mu    sync.Mutex
	ids   map[string]struct{}
	order []string // ring of the remembered IDs, oldest at next
	next  int
}

func newSeen(size int) *seen {
	return &seen{ids: make(map[string]struct{}, size), order: make([]string, size)}
}

// first records id and reports whether it is new. An empty id is always
// new: there is nothing to recognise it by.
func (s *seen) first(id string) bool {
	if id == "" {
		return true
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.ids[id]; ok {
		return false
	}
	if old := s.order[s.next]; old != "" {
		delete(s.ids, old)
	}
	s.order[s.next] = id
	s.next = (s.next + 1) % len(s.order)
	s.ids[id] = struct{}{}
	return true
}
