// Package serial runs work one at a time per key, in the order it was
// given, while work for different keys runs in parallel. The chat adapters
// key work by person, so one person's messages reach the bot in the order
// they were sent while other people are not kept waiting.
package serial

import "sync"

// Queues is a FIFO queue per key, each drained by a goroutine of its own
// while it holds work. The zero value is ready to use.
type Queues struct {
	mu     sync.Mutex
	queues map[string][]func() // a key is present while its queue runs
	wg     sync.WaitGroup
}

// Do queues f behind the earlier functions for key and returns at once.
func (q *Queues) Do(key string, f func()) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.queues == nil {
		q.queues = map[string][]func(){}
	}
	fs, running := q.queues[key]
	q.queues[key] = append(fs, f)
	if !running {
		q.wg.Add(1)
		go q.drain(key)
	}
}

func (q *Queues) drain(key string) {
	defer q.wg.Done()
	for {
		q.mu.Lock()
		fs := q.queues[key]
		if len(fs) == 0 {
			delete(q.queues, key)
			q.mu.Unlock()
			return
		}
		f := fs[0]
		q.queues[key] = fs[1:]
		q.mu.Unlock()
		f()
	}
}

// Wait returns when every queued function has run.
func (q *Queues) Wait() { q.wg.Wait() }
