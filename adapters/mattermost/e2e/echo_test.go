package e2e

import (
	"context"
	"encoding/json"
	"strings"

	"github.com/mattermost/mattermost/server/public/model"
)

// runEchoBot is the trivial bot meldbot's reply time is compared with: on
// the same client libraries, it answers every direct message with the same
// text. It closes ready once it listens, and stops when ctx is done.
func runEchoBot(ctx context.Context, url, token string, ready chan<- struct{}) error {
	client := model.NewAPIv4Client(url)
	client.SetToken(token)
	me, _, err := client.GetMe(ctx, "")
	if err != nil {
		return err
	}
	ws, err := model.NewWebSocketClient4("ws"+strings.TrimPrefix(url, "http"), token)
	if err != nil {
		return err
	}
	ws.Listen()
	go func() {
		<-ctx.Done()
		ws.Close()
	}()
	for {
		select {
		case ev, ok := <-ws.EventChannel:
			if !ok {
				return ctx.Err()
			}
			if ev.EventType() == model.WebsocketEventHello {
				close(ready)
				continue
			}
			if ev.EventType() != model.WebsocketEventPosted || ev.GetData()["channel_type"] != string(model.ChannelTypeDirect) {
				continue
			}
			var p model.Post
			raw, _ := ev.GetData()["post"].(string)
			if json.Unmarshal([]byte(raw), &p) != nil || p.UserId == me.Id {
				continue
			}
			if _, _, err := client.CreatePost(ctx, &model.Post{ChannelId: p.ChannelId, Message: p.Message}); err != nil && ctx.Err() == nil {
				return err
			}
		case <-ws.ResponseChannel:
		case <-ws.PingTimeoutChannel:
		}
	}
}
