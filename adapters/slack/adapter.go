// Package slack connects meldbot to a Slack workspace. It receives the
// /incident command, direct messages to the bot and button clicks, either
// over Socket Mode (a websocket the bot opens to Slack: no public URL needed)
// or over HTTP (Slack calls the bot's URL; requests are checked against the
// signing secret), and it sends direct messages with Block Kit buttons.
//
// The bot knows people by e-mail address only: the adapter resolves Slack
// user IDs to addresses and back. Slack types never leave this package.
package slack

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/rs/zerolog"
	"github.com/slack-go/slack"

	"meldbot/adapters/internal/attempt"
	"meldbot/adapters/internal/behind"
	"meldbot/adapters/internal/serial"
	"meldbot/bot"
)

// Path is where the bot listens in HTTP mode, for slash commands,
// interactivity and events alike.
const Path = "/slack/events"

// Adapter is a bot.Chat on Slack.
type Adapter struct {
	api    webAPI
	socket socketClient // Socket Mode; nil in HTTP mode
	secret string       // HTTP mode
	listen string       // HTTP mode
	ln     net.Listener // HTTP mode, set by tests instead of listen
	log    zerolog.Logger
	now    func() time.Time
	sleep  func(context.Context, time.Duration) error
	// retries are the pauses before handling a failed event again.
	retries []time.Duration

	botUserID string // the bot's own Slack user, learnt in Run
	teamID    string // the workspace, learnt in Run; names events for the bot's inbox

	// bookmarks keep the read marks; marks is made from them in Run,
	// once the workspace and the bot user are known.
	bookmarks bot.Bookmarks
	marks     *readMarks
	behind    behind.Set // conversations whose catch-up has not finished
	// link (Socket Mode: when the connection was lost) and stopCatchUp
	// (ends the background catch-up) are used by the goroutine that reads
	// the socket's events, or that starts the HTTP server, only.
	link        linkState
	stopCatchUp context.CancelFunc

	// up, reconnects and signedIn are what Link reports.
	up         atomic.Bool
	reconnects atomic.Uint64
	signedIn   atomic.Bool

	pace    *pacer
	work    serial.Queues
	users   cache[bot.User] // Slack user ID → person
	ids     cache[string]   // e-mail address → Slack user ID
	dms     cache[string]   // Slack user ID → direct message channel
	pending pendingUploads
}

var _ bot.Chat = (*Adapter)(nil)

// How long looked-up people and channels are remembered.
const (
	userTTL = time.Hour
	dmTTL   = 24 * time.Hour
)

// New checks cfg and returns an Adapter that talks to Slack. It does not
// connect yet: Run does.
func New(cfg Config) (*Adapter, error) {
	if cfg.Mode == "" {
		cfg.Mode = SocketMode
	}
	if err := cfg.Check(); err != nil {
		return nil, err
	}
	if cfg.Marks == nil {
		return nil, errors.New("slack: no store to keep how far direct conversations were read")
	}
	client := &http.Client{Timeout: 30 * time.Second}
	warn := slack.OptionOnWarning(func(path string, _ any, w *slack.Warning) {
		cfg.Log.Warn().Str("method", path).Strs("warnings", w.Warnings).Strs("codes", w.Codes).Msg("slack: the Web API warns")
	})
	d := deps{marks: cfg.Marks, log: cfg.Log, postsPerSecond: 1, burst: 3}
	if cfg.Mode == SocketMode {
		api := slack.New(cfg.BotToken, slack.OptionHTTPClient(client), warn, slack.OptionAppLevelToken(cfg.AppToken))
		d.api = api
		d.socket = newSocket(api)
	} else {
		d.api = slack.New(cfg.BotToken, slack.OptionHTTPClient(client), warn)
		d.secret, d.listen = cfg.SigningSecret, cfg.Listen
	}
	return newAdapter(d), nil
}

// deps is everything an Adapter is made of; tests fill it with fakes.
type deps struct {
	api    webAPI
	socket socketClient
	secret string
	listen string
	ln     net.Listener
	marks  bot.Bookmarks
	log    zerolog.Logger
	now    func() time.Time
	sleep  func(context.Context, time.Duration) error
	// retries are the pauses before handling a failed event again; nil
	// means attempt.Waits.
	retries []time.Duration
	// postsPerSecond and burst pace posts per channel; 0 means no pacing.
	postsPerSecond float64
	burst          int
}

func newAdapter(d deps) *Adapter {
	if d.now == nil {
		d.now = time.Now
	}
	if d.sleep == nil {
		d.sleep = sleep
	}
	if d.retries == nil {
		d.retries = attempt.Waits
	}
	a := &Adapter{
		api: d.api, socket: d.socket, secret: d.secret, listen: d.listen, ln: d.ln, bookmarks: d.marks,
		log: d.log, now: d.now, sleep: d.sleep, retries: d.retries,
		pace:  newPacer(d.postsPerSecond, d.burst),
		users: cache[bot.User]{ttl: userTTL},
		ids:   cache[string]{ttl: userTTL},
		dms:   cache[string]{ttl: dmTTL},
	}
	if sw, ok := d.socket.(socketWrapper); ok && sw.reasons != nil {
		sw.reasons.set(d.log)
	}
	a.work.OnPanic = func(userID string, v any, stack []byte) {
		a.log.Error().Str("slack_user", userID).Str("panic", fmt.Sprint(v)).Str("stack", string(stack)).
			Msg("slack: handling an event panicked")
	}
	return a
}

// Link reports whether meldbot hears from Slack, and how often the
// connection was made again after it was lost: in Socket Mode whether the
// websocket is up; in HTTP mode, where Slack calls meldbot, whether it is
// signed in.
func (a *Adapter) Link() (connected bool, reconnects uint64) {
	if a.socket == nil {
		return a.signedIn.Load(), 0
	}
	return a.up.Load(), a.reconnects.Load()
}

// Run checks the bot token, then receives events from Slack and passes them
// to h until ctx is cancelled. Every request is acknowledged at once; the
// work follows in the background, in arrival order per person. Run returns
// after the work in progress has finished.
func (a *Adapter) Run(ctx context.Context, h bot.Handler) error {
	var auth *slack.AuthTestResponse
	err := a.retry(ctx, "auth.test", func() (err error) {
		auth, err = a.api.AuthTestContext(ctx)
		return err
	})
	if err != nil {
		return fmt.Errorf("slack: checking the bot token (auth.test): %w", err)
	}
	a.botUserID, a.teamID = auth.UserID, auth.TeamID
	a.marks = newReadMarks(a.bookmarks, auth.TeamID, auth.UserID)
	a.log.Info().Str("team", auth.Team).Str("bot_user", auth.UserID).Msg("slack: signed in")
	a.signedIn.Store(true)
	defer a.work.Wait()
	if a.socket != nil {
		return a.runSocket(ctx, h)
	}
	return a.runHTTP(ctx, h)
}
