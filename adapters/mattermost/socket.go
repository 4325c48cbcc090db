package mattermost

import (
	"context"
	"encoding/json"
	"errors"
	"maps"
	"sort"
	"sync"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"meldbot/bot"
)

// listenSocket reads direct messages from the websocket until ctx is
// cancelled. When the connection drops it connects again, waiting longer
// after each failure (up to a minute), and then fetches what was posted to
// the bot in the meantime, so no message is lost to the gap.
//
// Each person's messages are handled in their own queue, in order, so one
// person's slow turn does not hold up the others. listenSocket returns once
// the messages it took in have been handled.
func (a *Adapter) listenSocket(ctx context.Context, h bot.Handler) {
	defer a.work.Wait()
	st := &socketState{lastSeen: map[string]int64{}, seen: newCache[string, struct{}](time.Hour, 10000)}
	wait := a.timeouts.backoffMin
	for ctx.Err() == nil {
		s, err := a.dial(ctx)
		if err != nil {
			if ctx.Err() != nil {
				return
			}
			a.log.Warn().Err(err).Dur("retry_in", wait).Msg("mattermost: websocket connection failed")
			if !sleep(ctx, wait) {
				return
			}
			wait = min(2*wait, a.timeouts.backoffMax)
			continue
		}
		since := time.Now()
		if st.connected {
			a.catchUp(ctx, h, st)
		}
		st.connected = true
		err = a.readSocket(ctx, s, h, st)
		s.Close()
		if ctx.Err() != nil {
			return
		}
		if time.Since(since) > a.timeouts.backoffMax {
			wait = a.timeouts.backoffMin // it was a good connection
		}
		a.log.Warn().Err(err).Dur("retry_in", wait).Msg("mattermost: websocket connection lost; reconnecting")
		if !sleep(ctx, wait) {
			return
		}
		wait = min(2*wait, a.timeouts.backoffMax)
	}
}

// socketState is what the websocket reader remembers across connections.
type socketState struct {
	connected bool
	seen      *cache[string, struct{}]

	mu       sync.Mutex
	lastSeen map[string]int64 // direct channel → create time of the latest post handled
}

// errNoPing means the server stopped sending pings.
var errNoPing = errors.New("no ping from the server for over a minute")

// readSocket handles events until the connection ends. It drains every
// channel of the connection, so the reader never blocks.
func (a *Adapter) readSocket(ctx context.Context, s socket, h bot.Handler, st *socketState) error {
	events, responses, pings := s.Events(), s.Responses(), s.PingTimeouts()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case ev, ok := <-events:
			if !ok {
				if err := s.Err(); err != nil {
					return err
				}
				return errors.New("the server closed the connection")
			}
			a.onEvent(ctx, h, ev, st)
		case _, ok := <-responses:
			if !ok {
				responses = nil
			}
		case <-pings:
			return errNoPing
		}
	}
}

// onEvent handles one websocket event: a post in a direct channel.
func (a *Adapter) onEvent(ctx context.Context, h bot.Handler, ev *model.WebSocketEvent, st *socketState) {
	switch ev.EventType() {
	case model.WebsocketEventHello:
		a.log.Info().Msg("mattermost: websocket connected; listening for direct messages")
	case model.WebsocketEventPosted:
		data := ev.GetData()
		if t, _ := data["channel_type"].(string); t != string(model.ChannelTypeDirect) {
			return
		}
		raw, _ := data["post"].(string)
		var post model.Post
		if err := json.Unmarshal([]byte(raw), &post); err != nil {
			a.log.Warn().Err(err).Msg("mattermost: unreadable post on the websocket")
			return
		}
		a.onPost(ctx, h, &post, st)
	}
}

// onPost queues a person's direct message for the bot, behind their
// earlier ones. The bot's own posts, system messages and other bots' posts
// are ignored. The message is handled even when ctx ends meanwhile.
func (a *Adapter) onPost(ctx context.Context, h bot.Handler, post *model.Post, st *socketState) {
	me, err := a.self(ctx)
	if err != nil {
		a.log.Error().Err(err).Msg("mattermost: cannot tell the bot's own posts apart")
		return
	}
	if post.UserId == me.id || post.Type != "" || post.GetProp(model.PostPropsFromBot) != nil {
		return
	}
	work := context.WithoutCancel(ctx)
	a.work.Do(post.UserId, func() { a.handlePost(work, h, post, st) })
}

// handlePost hands a direct message to the bot, once; an empty one is
// skipped.
func (a *Adapter) handlePost(ctx context.Context, h bot.Handler, post *model.Post, st *socketState) {
	if _, dup := st.seen.get(post.Id); dup {
		return
	}
	st.seen.put(post.Id, struct{}{})
	st.mu.Lock()
	if post.CreateAt > st.lastSeen[post.ChannelId] {
		st.lastSeen[post.ChannelId] = post.CreateAt
	}
	st.mu.Unlock()
	if post.Message == "" {
		return
	}
	p, err := a.userByID(ctx, post.UserId)
	if err != nil {
		a.log.Error().Err(err).Str("user_id", post.UserId).Msg("mattermost: direct message from a person meldbot cannot identify")
		return
	}
	a.dms.put(post.UserId, post.ChannelId)
	a.partners.put(post.ChannelId, post.UserId)
	hctx, cancel := context.WithTimeout(ctx, a.timeouts.handle)
	defer cancel()
	if err := h.Handle(hctx, bot.Text{User: p.user, Body: post.Message}); err != nil {
		a.log.Error().Err(err).Str("user", p.user.Email).Str("post_id", post.Id).Msg("mattermost: handling a direct message failed")
	}
}

// catchUp handles the posts that arrived in known direct channels while the
// websocket was down.
func (a *Adapter) catchUp(ctx context.Context, h bot.Handler, st *socketState) {
	st.mu.Lock()
	lastSeen := maps.Clone(st.lastSeen)
	st.mu.Unlock()
	for ch, since := range lastSeen {
		list, _, err := a.api.GetPostsSince(ctx, ch, since, false)
		if err != nil {
			a.log.Warn().Err(err).Str("channel_id", ch).Msg("mattermost: cannot fetch direct messages missed while disconnected")
			continue
		}
		var missed []*model.Post
		for _, p := range list.Posts {
			if p.CreateAt >= since && p.DeleteAt == 0 {
				missed = append(missed, p)
			}
		}
		sort.Slice(missed, func(i, j int) bool { return missed[i].CreateAt < missed[j].CreateAt })
		for _, p := range missed {
			a.onPost(ctx, h, p, st)
		}
	}
}

// sleep waits for d or until ctx is done; it reports whether d passed.
func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}
