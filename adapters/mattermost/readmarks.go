package mattermost

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"meldbot/bot"
)

// position is a place in a channel's history: a post's create time (in
// milliseconds, the server's clock) and its ID. Posts are in order of
// create time, then ID. A position without an ID stands after every post
// made in its millisecond.
type position struct {
	at int64
	id string
}

func positionOf(p *model.Post) position { return position{at: p.CreateAt, id: p.Id} }

// before reports whether p comes before q.
func (p position) before(q position) bool {
	switch {
	case p.at != q.at:
		return p.at < q.at
	case p.id == "":
		return false
	case q.id == "":
		return true
	}
	return p.id < q.id
}

func (p position) String() string { return strconv.FormatInt(p.at, 10) + " " + p.id }

func parsePosition(s string) (position, error) {
	at, id, _ := strings.Cut(s, " ")
	n, err := strconv.ParseInt(at, 10, 64)
	if err != nil {
		return position{}, fmt.Errorf("read mark %q: %w", s, err)
	}
	return position{at: n, id: id}, nil
}

// readMarks keeps, for each direct channel of the bot, the position of the
// last post meldbot has dealt with there, and the floor: the time before
// which it does not look for missed messages. Both live in the store
// (bot.MarkTx), under keys that start with the bot account's ID, so that a
// restart goes on where meldbot stopped.
type readMarks struct {
	marks  bot.Bookmarks
	prefix string // "mattermost/<bot user ID>/"

	mu    sync.Mutex
	since int64               // the floor, once known
	m     map[string]position // direct channel ID → last post dealt with
}

func newReadMarks(marks bot.Bookmarks, botID string) *readMarks {
	return &readMarks{marks: marks, prefix: "mattermost/" + botID + "/", m: map[string]position{}}
}

// floor returns the time, in milliseconds, before which meldbot does not
// look for missed direct messages in a channel it has never read: its first
// start on this store. It stays the same after that. Messages from before
// are not meldbot's to answer: sent before it ran at all, or answered by a
// meldbot on another data file or of a version without read marks, into
// whose conversations they must not be replayed.
func (r *readMarks) floor(ctx context.Context, now time.Time) (int64, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.since != 0 {
		return r.since, nil
	}
	key := r.prefix + "since"
	v, err := r.marks.Mark(ctx, key)
	if err == nil && v == "" {
		v = strconv.FormatInt(now.UnixMilli(), 10)
		err = r.marks.PutMark(ctx, key, v)
	}
	if err != nil {
		return 0, fmt.Errorf("reading where to catch up from: %w", err)
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("read mark %s=%q: %w", key, v, err)
	}
	r.since = n
	return n, nil
}

// from returns where to catch a direct channel up from: its read mark, or
// the floor when meldbot has never read it.
func (r *readMarks) from(ctx context.Context, channelID string, now time.Time) (position, error) {
	mark, read, err := r.get(ctx, channelID)
	if err != nil || read {
		return mark, err
	}
	floor, err := r.floor(ctx, now)
	return position{at: floor}, err
}

// get returns the position of the last post dealt with in a direct
// channel; ok is false when meldbot has not read the channel yet.
func (r *readMarks) get(ctx context.Context, channelID string) (p position, ok bool, err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if p, ok := r.m[channelID]; ok {
		return p, true, nil
	}
	v, err := r.marks.Mark(ctx, r.prefix+"dm/"+channelID)
	if err != nil {
		return position{}, false, fmt.Errorf("reading how far channel %s was read: %w", channelID, err)
	}
	if v == "" {
		return position{}, false, nil
	}
	if p, err = parsePosition(v); err != nil {
		return position{}, false, err
	}
	r.m[channelID] = p
	return p, true, nil
}

// advance moves the read mark of a direct channel to p, unless it is there
// or further already. The mark is kept in memory even when storing it
// fails.
func (r *readMarks) advance(ctx context.Context, channelID string, p position) error {
	if _, _, err := r.get(ctx, channelID); err != nil {
		return err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if cur, ok := r.m[channelID]; ok && !cur.before(p) {
		return nil
	}
	r.m[channelID] = p
	if err := r.marks.PutMark(ctx, r.prefix+"dm/"+channelID, p.String()); err != nil {
		return fmt.Errorf("storing how far channel %s was read: %w", channelID, err)
	}
	return nil
}
