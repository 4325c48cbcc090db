package slack

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"

	"github.com/rs/zerolog"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
	"github.com/slack-go/slack/socketmode"

	"meldbot/bot"
)

// socketClient is the part of slack-go's Socket Mode client the adapter
// uses. It reconnects by itself when Slack asks it to (a disconnect
// envelope) or when Slack's pings stop.
type socketClient interface {
	RunContext(ctx context.Context) error
	AckCtx(ctx context.Context, envelopeID string, payload any) error
	events() <-chan socketmode.Event
}

// socketWrapper gives socketmode.Client's Events field a method, and holds
// the log that hears why Slack ends a connection.
type socketWrapper struct {
	*socketmode.Client
	reasons *disconnectLog
}

func (s socketWrapper) events() <-chan socketmode.Event { return s.Events }

// newSocket returns the Socket Mode client on api. slack-go does not pass
// Slack's disconnect message on as an event, so the reason Slack gives is
// read from the client's debug lines (see disconnectLog).
func newSocket(api *slack.Client) socketWrapper {
	l := &disconnectLog{}
	return socketWrapper{Client: socketmode.New(api, socketmode.OptionDebug(true), socketmode.OptionLog(l)), reasons: l}
}

// disconnectLog takes slack-go's debug lines of the Socket Mode client and
// logs the one meldbot needs, a disconnect message with Slack's reason;
// every other line is dropped unread, as it may hold what people typed.
type disconnectLog struct {
	mu  sync.Mutex
	log *zerolog.Logger
}

// set makes the lines go to log.
func (l *disconnectLog) set(log zerolog.Logger) {
	l.mu.Lock()
	l.log = &log
	l.mu.Unlock()
}

// Output is called by slack-go with each debug line.
func (l *disconnectLog) Output(_ int, line string) error {
	raw, ok := strings.CutPrefix(line, "Received WebSocket message: ")
	if !ok || !strings.Contains(raw, `"disconnect"`) {
		return nil
	}
	var req socketmode.Request
	if json.Unmarshal([]byte(raw), &req) != nil || req.Type != socketmode.RequestTypeDisconnect {
		return nil
	}
	l.mu.Lock()
	log := l.log
	l.mu.Unlock()
	if log != nil {
		logDisconnect(*log, &req)
	}
	return nil
}

// runSocket receives Socket Mode requests until ctx is cancelled or the
// connection fails for good (a revoked token, say).
func (a *Adapter) runSocket(ctx context.Context, h bot.Handler) error {
	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- a.socket.RunContext(runCtx) }()
	for {
		select {
		case <-ctx.Done():
			cancel()
			<-done
			return nil
		case err := <-done:
			if ctx.Err() != nil {
				return nil
			}
			return fmt.Errorf("slack: socket mode: %w", err)
		case evt := <-a.socket.events():
			a.socketEvent(ctx, h, evt)
		}
	}
}

// socketEvent acknowledges a request at once, unless it is a retry of one
// already handled, and queues the work.
func (a *Adapter) socketEvent(ctx context.Context, h bot.Handler, evt socketmode.Event) {
	switch evt.Type {
	case socketmode.EventTypeConnecting:
		a.link.lost(a.now())
		a.up.Store(false)
		a.log.Debug().Msg("slack: connecting (Socket Mode)")
		return
	case socketmode.EventTypeConnected:
		a.log.Info().Msg("slack: connected (Socket Mode)")
		if a.link.caughtUp { // connected before
			a.reconnects.Add(1)
		}
		a.up.Store(true)
		if a.link.made(a.now()) {
			a.catchUp(ctx, h)
		}
		return
	case socketmode.EventTypeHello:
		a.hello(evt.Request)
		return
	case socketmode.EventTypeDisconnect: // when slack-go passes it on
		logDisconnect(a.log, evt.Request)
		return
	case socketmode.EventTypeConnectionError:
		ev := a.log.Warn()
		if e, ok := evt.Data.(*slack.ConnectionErrorEvent); ok {
			ev = ev.Err(e.ErrorObj).Dur("backoff", e.Backoff)
		}
		ev.Msg("slack: connecting failed, will retry")
		return
	case socketmode.EventTypeInvalidAuth:
		a.log.Error().Msg("slack: the app-level token was refused")
		return
	case socketmode.EventTypeIncomingError:
		if e, ok := evt.Data.(*slack.IncomingEventError); ok {
			a.log.Info().Err(e.ErrorObj).Msg("slack: connection interrupted, reconnecting")
		}
		return
	case socketmode.EventTypeErrorBadMessage:
		if e, ok := evt.Data.(*socketmode.ErrorBadMessage); ok {
			a.log.Warn().Err(e.Cause).Msg("slack: ignoring a message that cannot be read")
		}
		return
	case socketmode.EventTypeErrorWriteFailed:
		if e, ok := evt.Data.(*socketmode.ErrorWriteFailed); ok {
			a.log.Warn().Err(e.Cause).Msg("slack: sending an acknowledgement failed")
		}
		return
	}
	req := evt.Request
	if req == nil || req.EnvelopeID == "" {
		return
	}
	switch data := evt.Data.(type) {
	case slack.SlashCommand:
		reply := a.command(ctx, h, data)
		go func() { a.ack(ctx, req.EnvelopeID, commandReplyPayload(reply())) }()
	case slack.InteractionCallback:
		a.ack(ctx, req.EnvelopeID, nil)
		a.interaction(ctx, h, data)
	case slackevents.EventsAPIEvent:
		a.ack(ctx, req.EnvelopeID, nil)
		a.event(ctx, h, data)
	default:
		a.ack(ctx, req.EnvelopeID, nil)
	}
}

// ack acknowledges an envelope; payload may be nil.
func (a *Adapter) ack(ctx context.Context, envelopeID string, payload any) {
	if err := a.socket.AckCtx(ctx, envelopeID, payload); err != nil {
		a.log.Warn().Err(err).Str("envelope", envelopeID).Msg("slack: acknowledging failed")
	}
}

// hello warns when Slack counts more than one Socket Mode connection for
// the app: another meldbot (or another program) uses the same app token,
// and Slack hands each event to one of them at random.
func (a *Adapter) hello(req *socketmode.Request) {
	if req == nil || req.NumConnections <= 1 {
		return
	}
	a.log.Warn().Int("connections", req.NumConnections).Str("app_id", req.ConnectionInfo.AppID).
		Msg("slack: this app has more than one Socket Mode connection, so Slack splits the events between them: " +
			"another meldbot, or another program, uses the same app token (MELDBOT_SLACK_APP_TOKEN); stop it")
}

// logDisconnect logs why Slack ends the connection; slack-go connects
// again.
func logDisconnect(log zerolog.Logger, req *socketmode.Request) {
	var reason, host string
	if req != nil {
		reason, host = req.Reason, req.DebugInfo.Host
	}
	ev := log.Info()
	msg := "slack: Slack ends the Socket Mode connection; connecting again"
	if reason == "link_disabled" {
		ev = log.Error()
		msg = "slack: Slack ends the Socket Mode connection because Socket Mode was turned off in the app's settings; turn it on again"
	}
	ev.Str("reason", reason).Str("host", host).Msg(msg)
}
