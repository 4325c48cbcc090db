package slack

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"meldbot/bot"
)

// recentKept is how many of the latest handled messages a read mark lists
// besides its cursor, so that an event Slack sends again after a restart,
// or a message a catch-up meets that was answered live, is not handled
// twice.
const recentKept = 20

// maxListed bounds the list of handled messages when a conversation's
// catch-up keeps failing while the person writes on.
const maxListed = 500

// readMark is how far meldbot has dealt with a direct conversation: whose
// it is, the cursor (every message up to it was dealt with; a catch-up
// starts after it) and the latest messages handled, oldest first.
type readMark struct {
	user   string
	cursor string
	recent []string
}

func (m readMark) String() string {
	return strings.TrimSpace(m.user + " " + m.cursor + " " + strings.Join(m.recent, " "))
}

func parseReadMark(s string) (readMark, error) {
	f := strings.Fields(s)
	if len(f) < 2 {
		return readMark{}, fmt.Errorf("read mark %q: want a user and a timestamp", s)
	}
	return readMark{user: f[0], cursor: f[1], recent: f[2:]}, nil
}

// handled reports whether the message at ts was dealt with: it is among
// the latest handled. A catch-up reads only messages after the cursor, so
// this is all it needs; and a message Slack sends again after a later one
// was answered (its first delivery never reached meldbot) is answered late
// rather than taken for handled.
func (m readMark) handled(ts string) bool { return slices.Contains(m.recent, ts) }

// readMarks keeps a read mark per direct conversation of the bot in the
// store (bot.MarkTx), under keys that start with the workspace and the
// bot user, so that a restart goes on where meldbot stopped.
type readMarks struct {
	marks  bot.Bookmarks
	prefix string // "slack/<team ID>/<bot user ID>/dm/"

	mu    sync.Mutex          // guards known; one change at a time
	known map[string]readMark // channel → its mark as stored, once read
}

func newReadMarks(marks bot.Bookmarks, teamID, botUserID string) *readMarks {
	return &readMarks{marks: marks, prefix: "slack/" + teamID + "/" + botUserID + "/dm/", known: map[string]readMark{}}
}

// all returns the read mark of every direct conversation meldbot has read,
// by channel.
func (r *readMarks) all(ctx context.Context) (map[string]readMark, error) {
	var raw map[string]string
	raw, err := r.marks.Marks(ctx, r.prefix)
	if err != nil {
		return nil, fmt.Errorf("reading how far the direct conversations were read: %w", err)
	}
	out := map[string]readMark{}
	for k, v := range raw {
		m, err := parseReadMark(v)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", k, err)
		}
		out[strings.TrimPrefix(k, r.prefix)] = m
	}
	return out, nil
}

// get returns the read mark of a direct conversation; ok is false when
// meldbot has not read it yet. The store is read once per conversation:
// this process is the only one that writes these marks.
func (r *readMarks) get(ctx context.Context, channel string) (m readMark, ok bool, err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.getLocked(ctx, channel)
}

func (r *readMarks) getLocked(ctx context.Context, channel string) (m readMark, ok bool, err error) {
	if m, ok := r.known[channel]; ok {
		return m, true, nil
	}
	v, err := r.marks.Mark(ctx, r.prefix+channel)
	if err != nil {
		return readMark{}, false, fmt.Errorf("reading how far %s was read: %w", channel, err)
	}
	if v == "" {
		return readMark{}, false, nil
	}
	if m, err = parseReadMark(v); err != nil {
		return readMark{}, false, err
	}
	r.known[channel] = m
	return m, true, nil
}

// handled reports whether the message at ts in a direct conversation was
// dealt with already.
func (r *readMarks) handled(ctx context.Context, channel, ts string) (bool, error) {
	m, ok, err := r.get(ctx, channel)
	if err != nil || !ok {
		return false, err
	}
	return m.handled(ts), nil
}

// add records that the message at ts from user in a direct conversation
// was dealt with: listed among the latest handled when handled is set (a
// message the person typed), and with advance every message up to ts was,
// so the cursor moves there. The list keeps every message after the cursor
// (those a catch-up still meets), at least the latest recentKept, and at
// most maxListed.
func (r *readMarks) add(ctx context.Context, channel, user, ts string, advance, handled bool) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	m, ok, err := r.getLocked(ctx, channel)
	if err != nil {
		return err
	}
	m.recent = slices.Clone(m.recent) // the known mark changes only once stored
	if !ok {
		m.cursor = ts // a conversation read for the first time starts here
	}
	m.user = user
	if advance && tsBefore(m.cursor, ts) {
		m.cursor = ts
	}
	if handled && !slices.Contains(m.recent, ts) {
		m.recent = append(m.recent, ts)
		slices.SortFunc(m.recent, tsCompare)
	}
	after := len(m.recent) - slices.IndexFunc(m.recent, func(r string) bool { return tsBefore(m.cursor, r) })
	if after > len(m.recent) {
		after = 0 // none after the cursor
	}
	if keep := min(max(recentKept, after), maxListed); len(m.recent) > keep {
		m.recent = m.recent[len(m.recent)-keep:]
	}
	if err := r.marks.PutMark(ctx, r.prefix+channel, m.String()); err != nil {
		return fmt.Errorf("storing how far %s was read: %w", channel, err)
	}
	r.known[channel] = m
	return nil
}

// tsCompare orders Slack message timestamps ("1764252000.000100"): by
// second, then by the part after the dot.
func tsCompare(a, b string) int {
	as, af, _ := strings.Cut(a, ".")
	bs, bf, _ := strings.Cut(b, ".")
	an, _ := strconv.ParseInt(as, 10, 64)
	bn, _ := strconv.ParseInt(bs, 10, 64)
	if c := cmp.Compare(an, bn); c != 0 {
		return c
	}
	return strings.Compare(af, bf)
}

func tsBefore(a, b string) bool { return tsCompare(a, b) < 0 }
