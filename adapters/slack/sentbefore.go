package slack

import (
	"context"
	"strconv"
	"time"

	"github.com/slack-go/slack"

	"meldbot/bot"
)

// deliveryEvent is the event type of the message metadata that carries a
// post's bot.Delivery key, by which sentBefore finds a post made by an
// attempt whose outcome was lost.
const deliveryEvent = "meldbot_delivery"

// Bounds of the search for an earlier post: meldbot's clock and Slack's may
// differ a little, and at most historyPages pages are read.
const (
	lookBack     = 5 * time.Minute
	historyPages = 5
)

// deliveryMetadata marks a post with its delivery key, if it has one.
func deliveryMetadata(d bot.Delivery) []slack.MsgOption {
	key := d.Key
	if key == "" {
		return nil
	}
	return []slack.MsgOption{slack.MsgOptionMetadata(slack.SlackMetadata{
		EventType: deliveryEvent, EventPayload: map[string]any{"key": key},
	})}
}

// sentBefore finds the post an earlier attempt at this message made, when
// the dispatcher says one may have (bot.Delivery.Again): meldbot stopped
// between posting and recording it, or a post timed out after Slack took
// it. A failed lookup is logged and the message posted: twice is better
// than never.
func (a *Adapter) sentBefore(ctx context.Context, channel string, dl bot.Delivery) (bot.Ref, bool) {
	if !dl.Again || dl.Key == "" {
		return "", false
	}
	params := slack.GetConversationHistoryParameters{
		ChannelID:          channel,
		Oldest:             strconv.FormatInt(dl.Queued.Add(-lookBack).Unix(), 10) + ".000000",
		IncludeAllMetadata: true,
	}
	var found bot.Ref
	_, err := a.history(ctx, params, historyPages, func(m slack.Message) bool {
		if m.BotID != "" && m.Metadata.EventType == deliveryEvent && m.Metadata.EventPayload["key"] == dl.Key {
			found = ref(channel, m.Timestamp)
		}
		return found == ""
	})
	if err != nil {
		a.log.Warn().Err(err).Str("channel", channel).Str("delivery", dl.Key).
			Msg("slack: could not check whether a message was posted before; posting it")
		return "", false
	}
	return found, found != ""
}
