package storage

import (
	"context"
	"errors"
	"runtime/debug"
	"sync"

	bolt "go.etcd.io/bbolt"
)

// A commit of bbolt costs two syncs of the disk, whatever it holds; a
// change of one answer costs far less. The committer makes changes that
// come together share one commit (group commit): one goroutine takes every
// change that waits, runs them one after another in a single bbolt
// transaction and commits it once. Each change still succeeds or fails on
// its own: one that fails is undone (undoLog) and the others go on, and
// each caller hears of its own change only once the commit holding it is
// on disk. A change that comes alone is committed at once: nothing waits
// for company.

// ErrClosed is returned by Update after Close.
var ErrClosed = errors.New("storage: the data file is closed")

// maxGroup bounds how many changes share one commit.
const maxGroup = 1000

// committer runs the read-write transactions of a Store.
type committer struct {
	db *bolt.DB

	mu      sync.Mutex
	waiting []*change
	closed  bool
	more    chan struct{} // signalled when a change is queued or the committer closes
	done    chan struct{} // closed when the goroutine has ended
}

// change is one caller's read-write transaction.
type change struct {
	ctx    context.Context
	fn     func(*tx) error
	result chan result
}

// result is how a change ended: an error, or a panic to raise again in
// the caller's goroutine.
type result struct {
	err      error
	panicked bool
	value    any
}

func newCommitter(db *bolt.DB) *committer {
	c := &committer{db: db, more: make(chan struct{}, 1), done: make(chan struct{})}
	go c.run()
	return c
}

// do runs fn in a read-write transaction, with any other changes waiting,
// and returns once the commit holding it is durable (or fn failed). A
// context cancelled before fn runs keeps it from running; once it ran, the
// caller waits for the commit, so an error always means nothing was
// written. A panic in fn is raised again here.
func (c *committer) do(ctx context.Context, fn func(*tx) error) error {
	ch := &change{ctx: ctx, fn: fn, result: make(chan result, 1)}
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		return ErrClosed
	}
	c.waiting = append(c.waiting, ch)
	c.mu.Unlock()
	select {
	case c.more <- struct{}{}:
	default:
	}
	r := <-ch.result
	if r.panicked {
		panic(r.value)
	}
	return r.err
}

// close lets the changes already queued finish, then stops the goroutine.
func (c *committer) close() {
	c.mu.Lock()
	c.closed = true
	c.mu.Unlock()
	select {
	case c.more <- struct{}{}:
	default:
	}
	<-c.done
}

// run commits the waiting changes, a group at a time, until closed. A
// memory fault in the mapped file (a page damaged while meldbot runs) is a
// panic of the change that met it, not the end of the process.
func (c *committer) run() {
	defer close(c.done)
	debug.SetPanicOnFault(true)
	for {
		c.mu.Lock()
		group := c.waiting[:min(len(c.waiting), maxGroup)]
		c.waiting = c.waiting[len(group):]
		closed := c.closed
		c.mu.Unlock()
		if len(group) == 0 {
			if closed {
				return
			}
			<-c.more
			continue
		}
		c.commit(group)
	}
}

// commit runs a group of changes in one transaction and tells each caller
// how its change ended.
func (c *committer) commit(group []*change) {
	// own holds the outcome of a change that failed (or was cancelled) on
	// its own; the others share the outcome of the commit.
	own := make([]*result, len(group))
	var failed *result // the transaction itself failed: nothing was written
	func() {
		defer func() {
			if v := recover(); v != nil {
				failed = &result{panicked: true, value: v}
			}
		}()
		err := c.db.Update(func(btx *bolt.Tx) error {
			log := &undoLog{}
			for i, ch := range group {
				if err := ch.ctx.Err(); err != nil {
					own[i] = &result{err: err}
					continue
				}
				log.reset()
				r := runChange(ch.fn, &tx{b: btx, undo: log})
				if r.err == nil && !r.panicked {
					continue
				}
				own[i] = &r
				if err := log.undo(btx); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			failed = &result{err: err}
		}
	}()
	for i, ch := range group {
		switch {
		case own[i] != nil:
			ch.result <- *own[i]
		case failed != nil:
			ch.result <- *failed
		default:
			ch.result <- result{}
		}
	}
}

// runChange runs one change and catches its panic.
func runChange(fn func(*tx) error, t *tx) (r result) {
	defer func() {
		if v := recover(); v != nil {
			r = result{panicked: true, value: v}
		}
	}()
	return result{err: fn(t)}
}
