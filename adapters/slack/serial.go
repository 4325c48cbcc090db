package slack

import "sync"

// serial runs functions one at a time per key, in the order they were
// given; functions with different keys run in parallel. The adapter keys
// work by Slack user, so one person's events reach the bot in the order
// Slack sent them while other people are not kept waiting.
type serial struct {
	mu     sync.Mutex
	queues map[string][]func() // a key is present while its queue runs
	wg     sync.WaitGroup
}

// do queues f behind the earlier functions for key.
func (s *serial) do(key string, f func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.queues == nil {
		s.queues = map[string][]func(){}
	}
	q, running := s.queues[key]
	s.queues[key] = append(q, f)
	if !running {
		s.wg.Add(1)
		go s.drain(key)
	}
}

func (s *serial) drain(key string) {
	defer s.wg.Done()
	for {
		s.mu.Lock()
		q := s.queues[key]
		if len(q) == 0 {
			delete(s.queues, key)
			s.mu.Unlock()
			return
		}
		f := q[0]
		s.queues[key] = q[1:]
		s.mu.Unlock()
		f()
	}
}

// wait returns when every queued function has run.
func (s *serial) wait() { s.wg.Wait() }
