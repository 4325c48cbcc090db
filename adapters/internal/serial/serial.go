// Package serial runs work one at a time per key, in the order it was
// given, while work for different keys runs in parallel. The chat adapters
// key work by person, so one person's messages reach the bot in the order
// they were sent while other people are not kept waiting.
package serial

import (
	"runtime/debug"
	"sync"
)

// Queues is a FIFO queue per key, each drained by a goroutine of its own
// while it holds work. A function that panics does not take the program
// down or stop its queue: the panic is handed to OnPanic, if set, and the
// next function runs. The zero value is ready to use.
type Queues struct {
	// OnPanic is told of a panic in a queued function, with its key and
	// the stack; set it before the first Do.
	OnPanic func(key string, v any, stack []byte)

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
		q.run(key, f)
	}
}

// run calls f, recovering a panic.
func (q *Queues) run(key string, f func()) {
	defer func() {
		if v := recover(); v != nil && q.OnPanic != nil {
			q.OnPanic(key, v, debug.Stack())
		}
	}()
	f()
}

// Wait returns when every queued function has run.
func (q *Queues) Wait() { q.wg.Wait() }
