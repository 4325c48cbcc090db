package storage

import (
	"context"
	"errors"
	"runtime/debug"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"

	"meldbot/bot"
)

// A commit of bbolt costs two syncs of the disk, whatever it holds; a
// change of one answer costs far less. The committer makes changes that
// come together share one commit (group commit): one goroutine takes the
// changes that wait, oldest first, runs them one after another in a single
// bbolt transaction and commits it once. Each change still succeeds or
// fails on its own: one that fails is undone (undoLog) and the others go
// on, and each caller hears of its own change only once the commit holding
// it is on disk. A change that comes alone is committed at once: nothing
// waits for company.
//
// A group stops taking changes once it has worked for groupBudget: the
// changes that wait then go into the next commit. Without that bound, a
// thousand reports sent at once would each wait for the work of all the
// others before any of them is answered; with it, an answer waits at most
// one budget for the changes that share its commit, and the cost of a
// commit is still spread over the many changes that fit in the budget.
//
// Changes that somebody waits for go first: an unhurried change
// (bot.Unhurried: a report's follow-up, the record of a delivery) waits
// while others come, but never longer than maxHeldBack, after which it
// takes its turn by the time it came. Under a burst, every answer is
// then saved before the work nobody waits for.

// ErrClosed is returned by Update after Close.
var ErrClosed = errors.New("storage: the data file is closed")

// maxGroup bounds how many changes share one commit.
const maxGroup = 1000

// maxHeldBack is how long an unhurried change waits at most for changes
// that somebody waits for.
const maxHeldBack = time.Second

// groupBudget is how long a group takes new changes for: after that it
// commits with the changes it has run (see above). The commit of a busy
// group writes every page its changes touched, several milliseconds of
// disk work, and fewer, larger groups share more of those pages: under a
// burst a budget of 20 ms writes a quarter fewer pages than one of 5 ms,
// and an answer waits no longer than a person notices. When changes come
// one at a time, each is committed alone, whatever the budget.
const groupBudget = 20 * time.Millisecond

// committer runs the read-write transactions of a Store.
type committer struct {
	db  *bolt.DB
	now func() time.Time // time.Now, but for tests

	mu        sync.Mutex
	waiting   queue // changes somebody waits for
	unhurried queue // changes nobody waits for (bot.Unhurried)
	closed    bool
	more      chan struct{} // signalled when a change is queued or the committer closes
	done      chan struct{} // closed when the goroutine has ended
}

// change is one caller's read-write transaction.
type change struct {
	ctx       context.Context
	fn        func(*tx) error
	result    chan result
	came      time.Time
	unhurried bool // bot.IsUnhurried(ctx)
}

// queue holds changes in the order they came.
type queue []*change

// pop takes the change that came first off q.
func (q *queue) pop() *change {
	ch := (*q)[0]
	(*q)[0] = nil
	*q = (*q)[1:]
	return ch
}

// result is how a change ended: an error, or a panic to raise again in
// the caller's goroutine.
type result struct {
	err      error
	panicked bool
	value    any
}

func newCommitter(db *bolt.DB) *committer {
	c := &committer{db: db, now: time.Now, more: make(chan struct{}, 1), done: make(chan struct{})}
	go c.run()
	return c
}

// do runs fn in a read-write transaction, with any other changes waiting,
// and returns once the commit holding it is durable (or fn failed). A
// context cancelled before fn runs keeps it from running; once it ran, the
// caller waits for the commit, so an error always means nothing was
// written. A panic in fn is raised again here.
func (c *committer) do(ctx context.Context, fn func(*tx) error) error {
	ch := &change{ctx: ctx, fn: fn, result: make(chan result, 1), came: c.now(), unhurried: bot.IsUnhurried(ctx)}
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		return ErrClosed
	}
	if ch.unhurried {
		c.unhurried = append(c.unhurried, ch)
	} else {
		c.waiting = append(c.waiting, ch)
	}
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
		first, closed := c.next(false)
		if first == nil {
			if closed {
				return
			}
			<-c.more
			continue
		}
		c.commit(first)
	}
}

// next takes the change whose turn it is off its queue: the first that
// somebody waits for, unless an unhurried one was held back long enough;
// nil when none waits. With awaitedOnly it takes no unhurried change.
// closed tells whether the committer is closing.
func (c *committer) next(awaitedOnly bool) (ch *change, closed bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case !awaitedOnly && len(c.unhurried) > 0 && (len(c.waiting) == 0 ||
		c.now().Sub(c.unhurried[0].came) >= maxHeldBack && c.unhurried[0].came.Before(c.waiting[0].came)):
		return c.unhurried.pop(), c.closed
	case len(c.waiting) > 0:
		return c.waiting.pop(), c.closed
	}
	return nil, c.closed
}

// commit runs first and the changes that wait after it, while the group's
// budget lasts, in one transaction, and tells each caller how its change
// ended. Once a change somebody waits for is in the group, the group takes
// no more unhurried ones: that change's commit does not wait for them.
func (c *committer) commit(first *change) {
	group := []*change{first}
	awaited := !first.unhurried // the group holds a change somebody waits for
	// own holds the outcome of a change that failed (or was cancelled) on
	// its own; the others share the outcome of the commit.
	own := []*result{nil}
	var failed *result // the transaction itself failed: nothing was written
	func() {
		defer func() {
			if v := recover(); v != nil {
				failed = &result{panicked: true, value: v}
			}
		}()
		err := c.db.Update(func(btx *bolt.Tx) error {
			log := &undoLog{}
			start := c.now()
			for i := 0; ; i++ {
				if i == len(group) {
					if len(group) == maxGroup || c.now().Sub(start) >= groupBudget {
						return nil
					}
					ch, _ := c.next(awaited)
					if ch == nil {
						return nil
					}
					group, own = append(group, ch), append(own, nil)
					awaited = awaited || !ch.unhurried
				}
				ch := group[i]
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
				if r.panicked && memoryFault(r.value) {
					// bbolt may hold a page half read in memory: nothing
					// of the group is committed.
					return errGroupUndone
				}
				if err := log.undo(btx); err != nil {
					return err
				}
			}
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

// errGroupUndone is what the other changes of a group get when one of them
// met a memory fault in the mapped data file (a damaged page): the fault may
// have come in the middle of bbolt reading a page into memory, where undoing
// that one change does not reach, so the whole transaction is rolled back.
// Nothing of theirs was written; they may be made again.
var errGroupUndone = errors.New("storage: a change committed together with this one met a page of the data file that cannot be read; nothing was written")

// memoryFault reports whether a panic's value is a memory fault, which
// debug.SetPanicOnFault turns into a runtime error with the faulting
// address.
func memoryFault(v any) bool {
	_, ok := v.(interface{ Addr() uintptr })
	return ok
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
