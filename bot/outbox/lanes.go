package outbox

import (
	"container/heap"
	"time"

	"meldbot/bot"
)

// A lane holds the waiting messages that must go out one after another:
// those to one person, or the updates of one message (holdKey). A lane is
// busy while a worker delivers its first message, ready when its first
// message is due, and held while that message waits for a retry; only a
// ready lane is given to a worker, the one whose first message was queued
// earliest first, so with one worker the outbox's order is kept across
// lanes too.
type lane struct {
	key   string
	queue []bot.Outgoing
	busy  bool
}

// lanes are the waiting messages by lane. The Dispatcher's mutex guards
// them.
type lanes struct {
	byKey map[string]*lane
	ready readyHeap
	held  map[*lane]struct{}
}

func newLanes() lanes {
	return lanes{byKey: map[string]*lane{}, held: map[*lane]struct{}{}}
}

// holdKey is what a failed delivery holds back: later messages to the same
// person, or later updates of the same message.
func holdKey(o bot.Outgoing) string {
	if o.IsUpdate() {
		return "ref:" + string(o.Ref)
	}
	return string(o.To)
}

// add puts a newly queued message at the end of its lane.
func (ls *lanes) add(o bot.Outgoing, now time.Time) {
	key := holdKey(o)
	l := ls.byKey[key]
	if l == nil {
		l = &lane{key: key}
		ls.byKey[key] = l
	}
	l.queue = append(l.queue, o)
	if len(l.queue) == 1 && !l.busy {
		ls.place(l, now)
	}
}

// place files an idle lane as ready or held by its first message, or
// forgets it when it is empty.
func (ls *lanes) place(l *lane, now time.Time) {
	switch {
	case len(l.queue) == 0:
		delete(ls.byKey, l.key)
	case now.Before(l.queue[0].NotBefore):
		ls.held[l] = struct{}{}
	default:
		heap.Push(&ls.ready, l)
	}
}

// take returns the ready lane whose first message was queued earliest,
// now busy, or nil when no lane is ready.
func (ls *lanes) take() *lane {
	if ls.ready.Len() == 0 {
		return nil
	}
	l := heap.Pop(&ls.ready).(*lane)
	l.busy = true
	return l
}

// put returns a lane a worker is done with.
func (ls *lanes) put(l *lane, now time.Time) {
	l.busy = false
	ls.place(l, now)
}

// release makes ready the held lanes whose first message is due.
func (ls *lanes) release(now time.Time) {
	for l := range ls.held {
		if !now.Before(l.queue[0].NotBefore) {
			delete(ls.held, l)
			heap.Push(&ls.ready, l)
		}
	}
}

// nextDue returns when the first held message is due; zero when none is
// held.
func (ls *lanes) nextDue() time.Time {
	var next time.Time
	for l := range ls.held {
		if at := l.queue[0].NotBefore; next.IsZero() || at.Before(next) {
			next = at
		}
	}
	return next
}

// anyDue reports whether a message could be delivered now.
func (ls *lanes) anyDue(now time.Time) bool {
	if ls.ready.Len() > 0 {
		return true
	}
	for l := range ls.held {
		if !now.Before(l.queue[0].NotBefore) {
			return true
		}
	}
	return false
}

// readyHeap orders ready lanes by the outbox ID of their first message.
type readyHeap []*lane

func (h readyHeap) Len() int           { return len(h) }
func (h readyHeap) Less(i, j int) bool { return h[i].queue[0].ID < h[j].queue[0].ID }
func (h readyHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *readyHeap) Push(x any)        { *h = append(*h, x.(*lane)) }
func (h *readyHeap) Pop() any {
	old := *h
	l := old[len(old)-1]
	old[len(old)-1] = nil
	*h = old[:len(old)-1]
	return l
}
