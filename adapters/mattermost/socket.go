package mattermost

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"meldbot/adapters/internal/behind"
	"meldbot/bot"
)

// listenSocket reads direct messages from the websocket until ctx is
// cancelled. When the connection drops it connects again, waiting longer
// after each failure, up to a few seconds (see backoff). On every
// connection, the first one too, it catches up on what was posted to the
// bot while it was not listening, so no message is lost to a gap or to a
// restart.
//
// Each person's messages are handled in their own queue, in order, so one
// person's slow turn does not hold up the others. listenSocket returns once
// the messages it took in have been handled.
func (a *Adapter) listenSocket(ctx context.Context, h bot.Handler) {
	defer a.work.Wait()
	me, err := a.self(ctx)
	if err != nil {
		a.log.Error().Err(err).Msg("mattermost: cannot listen for direct messages without knowing the bot account")
		return
	}
	st := &socketState{me: me, marks: newReadMarks(a.marks, me.id)}
	wait := a.backoff()
	connections := 0
	for ctx.Err() == nil {
		s, err := a.dial(ctx)
		if err != nil {
			if ctx.Err() != nil {
				return
			}
			pause := wait.wait()
			a.log.Warn().Err(err).Dur("retry_in", pause).Msg("mattermost: websocket connection failed")
			if !sleep(ctx, pause) {
				return
			}
			continue
		}
		if connections++; connections > 1 {
			a.reconnects.Add(1)
		}
		a.connected.Store(true)
		since := time.Now()
		a.catchUp(ctx, h, st)
		err = a.readSocket(ctx, s, h, st)
		a.connected.Store(false)
		s.Close()
		if ctx.Err() != nil {
			return
		}
		if time.Since(since) > goodConnection {
			wait.reset()
		}
		pause := wait.wait()
		a.log.Warn().Err(err).Dur("retry_in", pause).Msg("mattermost: websocket connection lost; reconnecting")
		if !sleep(ctx, pause) {
			return
		}
	}
}

// socketState is what the websocket reader remembers across connections.
type socketState struct {
	me    person     // the bot account
	marks *readMarks // how far each direct channel was read, kept across restarts
	// behind are the channels whose catch-up has not finished.
	behind behind.Set
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
