package slack

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"

	"meldbot/adapters/internal/inbox"
	"meldbot/bot"
)

// This file turns what Slack sends, over Socket Mode or HTTP alike, into
// the bot's events. Each is queued per Slack user and handled after the
// request was acknowledged.

const (
	// workTimeout bounds the handling of one acknowledged event.
	workTimeout = time.Minute
	// ackBudget bounds looking up the person before a slash command is
	// acknowledged with a reply in their language; Slack waits 3 seconds.
	ackBudget = 1500 * time.Millisecond
)

// queue runs f after the earlier work for the same Slack user. The work is
// not cancelled with ctx: an acknowledged event is finished at shutdown.
func (a *Adapter) queue(ctx context.Context, userID string, f func(ctx context.Context) error) {
	base := context.WithoutCancel(ctx)
	a.work.Do(userID, func() {
		ctx, cancel := context.WithTimeout(base, workTimeout)
		defer cancel()
		if err := f(ctx); err != nil {
			a.log.Error().Err(err).Str("slack_user", userID).Msg("slack: handling an event failed")
		}
	})
}

// command queues a slash command in its place in the person's order, and
// returns reply, which looks the person up within ackBudget and returns the
// short text to show at once in their language ("" when the lookup fails).
// Someone Slack gives no e-mail address for is told at once why meldbot
// cannot take their report (Handler.Unidentified), and the command goes no
// further. The person is looked up once for both: the queued command waits
// for reply's lookup and looks the person up itself only when that failed
// for another reason. The caller must call reply once. Mentions in the
// command's text become e-mail addresses, so "/incident voor @Tom" reaches
// the bot as "voor tom@…".
func (a *Adapter) command(ctx context.Context, h bot.Handler, cmd slack.SlashCommand) (reply func() string) {
	found := make(chan lookup, 1)
	a.queue(ctx, cmd.UserID, func(ctx context.Context) error {
		l := <-found
		if errors.Is(l.err, errUnidentified) {
			return nil // told in the reply
		}
		u := l.user
		if l.err != nil {
			var err error
			if u, err = a.user(ctx, cmd.UserID); err != nil {
				return err
			}
		}
		return a.handle(ctx, h, cmd.UserID, bot.Command{ID: a.eventID("command", cmd.TriggerID), User: u, Args: strings.TrimSpace(a.plain(ctx, cmd.Text))})
	})
	return func() string {
		ctx, cancel := context.WithTimeout(ctx, ackBudget)
		defer cancel()
		u, err := a.user(ctx, cmd.UserID)
		found <- lookup{u, err}
		switch {
		case errors.Is(err, errUnidentified):
			a.log.Info().Err(err).Str("slack_user", cmd.UserID).Msg("slack: /incident from someone meldbot cannot identify; told why")
			return h.Unidentified(ctx)
		case err != nil:
			a.log.Warn().Err(err).Str("slack_user", cmd.UserID).Msg("slack: acknowledging a command without a reply")
			return ""
		}
		return h.CommandAck(ctx, u)
	}
}

// lookup is the outcome of looking a person up.
type lookup struct {
	user bot.User
	err  error
}

// commandReply is the immediate response to a slash command, shown only to
// the person who typed it.
type commandReply struct {
	ResponseType string `json:"response_type"`
	Text         string `json:"text"`
}

// commandReplyPayload returns the reply for text, or nil for no reply.
func commandReplyPayload(text string) any {
	if text == "" {
		return nil
	}
	return commandReply{ResponseType: "ephemeral", Text: text}
}

// maxActions is the most actions one block_actions request may carry.
// Slack sends one per click; every action is handled as a click of its own.
const maxActions = 5

// badClick says what is wrong with a block_actions request that is not
// handled, or returns "".
func badClick(cb slack.InteractionCallback) string {
	switch n := len(cb.ActionCallback.BlockActions); {
	case cb.User.ID == "":
		return "with a button click by no user"
	case n > maxActions:
		return "with " + strconv.Itoa(n) + " actions in one click (Slack sends one)"
	}
	return ""
}

// interaction queues the button clicks of a block_actions request; other
// interactions are not used by meldbot. Each action is one click, known to
// the bot by the request's trigger ID and the action's time, so a request
// sent again is not handled twice.
func (a *Adapter) interaction(ctx context.Context, h bot.Handler, cb slack.InteractionCallback) {
	if cb.Type != slack.InteractionTypeBlockActions {
		a.log.Debug().Str("type", string(cb.Type)).Msg("slack: ignoring an interaction")
		return
	}
	if bad := badClick(cb); bad != "" {
		a.log.Warn().Str("slack_user", cb.User.ID).Msg("slack: ignoring a request " + bad)
		return
	}
	channel, ts := cb.Container.ChannelID, cb.Container.MessageTs
	if channel == "" {
		channel = cb.Channel.ID
	}
	if ts == "" {
		ts = cb.Message.Timestamp
	}
	for _, act := range cb.ActionCallback.BlockActions {
		if act == nil || act.Value == "" {
			continue
		}
		value, id := act.Value, a.eventID("click", cb.TriggerID, act.ActionTs)
		a.queue(ctx, cb.User.ID, func(ctx context.Context) error {
			u, err := a.user(ctx, cb.User.ID)
			if err != nil {
				return err
			}
			return a.handle(ctx, h, cb.User.ID, bot.Action{ID: id, User: u, Ref: ref(channel, ts), Value: value})
		})
	}
}

// event queues what a person typed in their direct conversation with the
// bot; every other event is ignored.
func (a *Adapter) event(ctx context.Context, h bot.Handler, ev slackevents.EventsAPIEvent) {
	if ev.Type != slackevents.CallbackEvent {
		return
	}
	msg, ok := ev.InnerEvent.Data.(*slackevents.MessageEvent)
	if !ok {
		a.log.Debug().Str("type", ev.InnerEvent.Type).Msg("slack: ignoring an event")
		return
	}
	if !a.typed(msg) {
		return
	}
	a.queue(ctx, msg.User, func(ctx context.Context) error {
		return a.typedMessage(ctx, h, msg.User, msg.Channel, msg.TimeStamp, msg.Text, true)
	})
}

// typed reports whether a message event is a person typing to the bot in
// their direct conversation: not a bot's message (meldbot's own included),
// not an edit or a deletion, not in a channel.
func (a *Adapter) typed(m *slackevents.MessageEvent) bool {
	return m.ChannelType == "im" && m.User != a.botUserID && personTyped(m.SubType, m.BotID, m.User)
}

// personTyped reports whether a message with these fields is one a person
// typed: not a bot's, not an edit, a deletion or a notice of the channel.
func personTyped(subtype, botID, user string) bool {
	return (subtype == "" || subtype == "file_share") && botID == "" && user != ""
}

// eventID returns the identity of an event of kind in this workspace for
// the bot's inbox, from parts Slack gives it, or "" when a part is missing.
func (a *Adapter) eventID(kind string, parts ...string) string {
	return inbox.ID("slack", a.teamID, kind, parts...)
}
