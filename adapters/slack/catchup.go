package slack

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"meldbot/bot"
)

// Slack tries an event again for about five minutes when no connection
// takes it; a gap shorter than this is covered by those retries.
const retriesCover = 4 * time.Minute

// Bounds of catching up: one conversation's history is read at most
// catchUpPages pages of historyPage messages, within catchUpTimeout, and the
// background catch-up reads at most catchUpFetches conversations at once
// (conversations.history is rate limited per workspace).
const (
	catchUpPages   = 20
	catchUpTimeout = 10 * time.Minute
	catchUpFetches = 2
	// catchUpFirst bounds the catch-up a live message tries first, so the
	// messages sent before it are answered before it when Slack answers
	// at once; it never waits out a rate limit.
	catchUpFirst = 2 * time.Second
	// recordTimeout bounds recording that a message was dealt with, on a
	// context of its own: a message handled but not recorded would be
	// handled again after a restart.
	recordTimeout = 5 * time.Second
)

// catchUp makes up for the time the bot was not listening: every direct
// conversation meldbot has read before is behind until the messages sent
// after its cursor are handled. A background pass reads them, the most
// recently active conversations first, a few at a time, waiting out Slack's
// rate limits, and hands what it read to the person's queue, where it is
// handled quickly: a live message never waits behind a history being read.
// A person who writes before their turn has their conversation caught up
// first when Slack answers at once (see typedMessage). A message sent to
// the bot is answered late rather than never. A conversation meldbot has
// never read is not known to it and not caught up. A catch-up started
// earlier and still running is stopped: this one covers it.
func (a *Adapter) catchUp(ctx context.Context, h bot.Handler) {
	marks, err := a.marks.all(ctx)
	if err != nil {
		a.log.Error().Err(err).Msg("slack: cannot catch up on direct messages sent while meldbot was not listening")
		return
	}
	channels := slices.SortedFunc(maps.Keys(marks), func(x, y string) int { return tsCompare(marks[y].cursor, marks[x].cursor) })
	a.log.Info().Int("conversations", len(channels)).Msg("slack: catching up on direct messages sent while meldbot was not listening")
	a.behind.Add(channels...)
	if a.stopCatchUp != nil {
		a.stopCatchUp()
	}
	ctx, a.stopCatchUp = context.WithCancel(ctx)
	go a.catchUpAll(ctx, h, channels, marks)
}

// catchUpAll catches up the conversations, reading at most catchUpFetches
// histories at a time outside the people's queues, until ctx is cancelled.
// A conversation caught up meanwhile (by a live message) is passed over.
func (a *Adapter) catchUpAll(ctx context.Context, h bot.Handler, channels []string, marks map[string]readMark) {
	slots := make(chan struct{}, catchUpFetches)
	for _, ch := range channels {
		select {
		case slots <- struct{}{}:
		case <-ctx.Done():
			return
		}
		user := marks[ch].user
		go func() {
			defer func() { <-slots }()
			if !a.behind.Is(ch) || ctx.Err() != nil {
				return
			}
			// Not the queue's context: a shutdown stops a catch-up,
			// which the next start does again.
			ctx, cancel := context.WithTimeout(ctx, catchUpTimeout)
			defer cancel()
			read, err := a.readMissed(ctx, ch, user)
			if err != nil {
				a.log.Error().Err(err).Str("slack_user", user).Msg("slack: cannot catch up on direct messages; the next message tries again")
				return
			}
			a.queue(ctx, user, func(ctx context.Context) error { return a.handleMissed(ctx, h, read) })
		}()
	}
}

// missed is what a catch-up read of a conversation: the messages the person
// typed after its cursor, oldest first, and the newest timestamp read.
type missed struct {
	channel, user string
	typed         []slack.Message
	newest        string
	// behindFor is the catch-up the conversation was behind for when it
	// was read.
	behindFor uint64
}

// readMissed reads what user typed in a direct conversation after its
// cursor.
func (a *Adapter) readMissed(ctx context.Context, channel, user string) (missed, error) {
	r := missed{channel: channel, user: user, behindFor: a.behind.Current(channel)} // before the history is read
	m, ok, err := a.marks.get(ctx, channel)
	if err != nil || !ok {
		return r, err
	}
	r.typed, r.newest, err = a.typedSince(ctx, channel, user, m.cursor)
	if err != nil {
		return r, fmt.Errorf("catching up on %s: %w", channel, err)
	}
	return r, nil
}

// catchUpOn handles, oldest first, what user typed in a direct conversation
// after its cursor and was not handled yet, and moves the cursor past each.
// Until it succeeds, the conversation stays behind: a live message there
// tries it again first, and does not move the cursor past messages never
// handled.
func (a *Adapter) catchUpOn(ctx context.Context, h bot.Handler, channel, user string) error {
	r, err := a.readMissed(ctx, channel, user)
	if err != nil {
		return err
	}
	return a.handleMissed(ctx, h, r)
}

// handleMissed handles the messages a catch-up read that were not handled
// yet, in order, then moves the cursor past everything read and takes the
// conversation off the list of those behind.
func (a *Adapter) handleMissed(ctx context.Context, h bot.Handler, r missed) error {
	m, ok, err := a.marks.get(ctx, r.channel)
	if err != nil || !ok {
		return err
	}
	for _, msg := range r.typed {
		if !m.handled(msg.Timestamp) {
			a.log.Info().Str("slack_user", r.user).Str("channel", r.channel).Str("ts", msg.Timestamp).
				Msg("slack: a direct message sent while meldbot was not listening")
		}
		if err := a.typedMessage(ctx, h, r.user, r.channel, msg.Timestamp, msg.Text, false); err != nil {
			return err
		}
	}
	// Everything read was the bot's or dealt with: the next catch-up
	// starts after it, and does not read the bot's posts again.
	if r.newest != "" {
		if err := a.record(ctx, r.channel, r.user, r.newest, true, false); err != nil {
			return err
		}
	}
	a.behind.Done(r.channel, r.behindFor)
	return nil
}

// typedSince returns what user typed in a conversation after ts, oldest
// first, and the newest timestamp read. Slack lists the newest messages
// first; when there are more than catchUpPages pages, the oldest are left
// out, and a warning says so.
func (a *Adapter) typedSince(ctx context.Context, channel, user, ts string) (typed []slack.Message, newest string, err error) {
	complete, err := a.history(ctx, slack.GetConversationHistoryParameters{ChannelID: channel, Oldest: ts}, catchUpPages, func(m slack.Message) bool {
		if newest == "" || tsBefore(newest, m.Timestamp) {
			newest = m.Timestamp
		}
		if m.User == user && personTyped(m.SubType, m.BotID, m.User) {
			typed = append(typed, m)
		}
		return true
	})
	if err != nil {
		return nil, "", err
	}
	if !complete {
		a.log.Warn().Str("channel", channel).Int("messages", catchUpPages*historyPage).
			Msg("slack: too many messages to catch up on; the oldest are left out")
	}
	slices.SortFunc(typed, func(x, y slack.Message) int { return tsCompare(x.Timestamp, y.Timestamp) })
	return typed, newest, nil
}

// typedMessage hands what a person typed in their direct conversation to
// the bot, unless it was handled already (an event Slack sent again, or
// one a catch-up answered), and records that it was dealt with. The bot
// knows the message by its conversation and timestamp too (Text.ID), so
// one handled just before a crash that lost its read mark is not answered
// again. A live message in a conversation that is behind first tries to
// catch it up, for at most catchUpFirst and without waiting out a rate
// limit, so it keeps its place after the messages sent before it when
// Slack answers at once; otherwise the live message is answered now, the
// cursor stays where the unhandled messages start, and the background
// catch-up answers those later. A message the bot could not handle, even
// after trying again, counts as dealt with: the person was told to send it
// again, and the failure is logged, not returned. An error means the
// message was neither handled nor recorded.
func (a *Adapter) typedMessage(ctx context.Context, h bot.Handler, userID, channel, ts, text string, live bool) error {
	advance := true
	if ts != "" {
		if live && a.behind.Is(channel) {
			first, cancel := context.WithTimeout(withoutWaiting(ctx), catchUpFirst)
			err := a.catchUpOn(first, h, channel, userID)
			cancel()
			if err != nil {
				a.log.Warn().Err(err).Str("slack_user", userID).
					Msg("slack: earlier direct messages cannot be caught up at once; answering the new one first, the earlier ones follow")
			}
			advance = !a.behind.Is(channel)
		}
		done, err := a.marks.handled(ctx, channel, ts)
		if err != nil {
			return err
		}
		if done {
			a.log.Info().Str("slack_user", userID).Str("ts", ts).Msg("slack: a direct message handled before")
			if live {
				return nil
			}
			// Met by a catch-up: the cursor moves past it.
			return a.record(ctx, channel, userID, ts, true, true)
		}
	}
	if body := strings.TrimSpace(a.plain(ctx, text)); body != "" {
		u, err := a.user(ctx, userID)
		if err != nil {
			return err
		}
		ev := bot.Text{ID: a.eventID("msg", channel, ts), User: u, Body: body}
		if err := a.handle(ctx, h, userID, ev); err != nil {
			a.log.Error().Err(err).Str("slack_user", userID).Str("ts", ts).Msg("slack: a direct message could not be handled; the person was told")
		}
	}
	if ts != "" {
		if err := a.record(ctx, channel, userID, ts, advance, true); err != nil {
			a.log.Error().Err(err).Str("slack_user", userID).Msg("slack: cannot record that a direct message was handled")
		}
	}
	return nil
}

// record stores, on a context of its own, that the message at ts was dealt
// with (listed, when handled says it was a message the person typed) and,
// with advance, that everything up to it was.
func (a *Adapter) record(ctx context.Context, channel, user, ts string, advance, handled bool) error {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), recordTimeout)
	defer cancel()
	return a.marks.add(ctx, channel, user, ts, advance, handled)
}

// linkState follows the Socket Mode connection, to catch up when it is made
// for the first time and after it was lost for longer than Slack's retries
// cover. Only the goroutine that reads the socket's events uses it.
type linkState struct {
	up        bool
	caughtUp  bool
	downSince time.Time
}

// lost records that the connection is gone or being made again.
func (l *linkState) lost(now time.Time) {
	if l.up {
		l.up, l.downSince = false, now
	}
}

// made records a new connection and reports whether to catch up.
func (l *linkState) made(now time.Time) bool {
	l.up = true
	if l.caughtUp && now.Sub(l.downSince) < retriesCover {
		return false
	}
	l.caughtUp = true
	return true
}
