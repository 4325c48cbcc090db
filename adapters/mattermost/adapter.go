// Package mattermost connects meldbot to a Mattermost server: the bot account
// talks through the REST API, hears direct messages on the websocket, and
// receives the /incident slash command and button clicks on an HTTP
// listener of its own. Mattermost's types stay inside this package; the bot
// sees only bot.Event and bot.Message.
package mattermost

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/rs/zerolog"

	"meldbot/adapters/internal/attempt"
	"meldbot/adapters/internal/serial"
	"meldbot/bot"
)

// apiTimeout bounds every call to Mattermost's REST API.
const apiTimeout = 30 * time.Second

// Trigger is the slash command meldbot registers: /incident.
const Trigger = "incident"

// Paths under the callback URL where the listener receives Mattermost's
// requests.
const (
	CommandPath = "/command"
	ActionPath  = "/action"
)

// Adapter is a bot.Chat on Mattermost.
type Adapter struct {
	api        api
	marks      bot.Bookmarks
	now        func() time.Time
	server     string // the server URL, for messages to administrators
	dial       dialer
	log        zerolog.Logger
	teams      []string
	listenAddr string
	commandURL string
	actionURL  string
	basePath   string
	signer     signer
	tokens     tokenSet
	timeouts   timeouts
	serverKey  serverKey // checks trigger IDs

	meMu sync.Mutex
	me   person // the bot account; id empty until known

	byID     *cache[string, person]
	byEmail  *cache[string, person]
	byName   *cache[string, person]
	dms      *cache[string, string]   // user ID → direct channel ID
	partners *cache[string, string]   // direct channel ID → user ID
	posts    *cache[string, postInfo] // post ID → its channel and button key

	work serial.Queues // direct messages, queued per person

	connected  atomic.Bool   // the websocket is up
	reconnects atomic.Uint64 // connections made after the first

	listening chan string // receives the listener's address once it listens (tests)
}

var _ bot.Chat = (*Adapter)(nil)

// timeouts bound the listener and the calls a request makes.
type timeouts struct {
	readHeader, read, write, idle, handle, shutdown time.Duration
	backoffMin, backoffMax                          time.Duration
	// retries are the pauses before handling a failed event again.
	retries []time.Duration
}

var defaultTimeouts = timeouts{
	readHeader: 5 * time.Second, read: 10 * time.Second, write: 30 * time.Second, idle: 60 * time.Second,
	handle: 20 * time.Second, shutdown: 5 * time.Second,
	backoffMin: time.Second, backoffMax: 5 * time.Second,
	retries: attempt.Waits,
}

// goodConnection is how long a websocket connection must have held for
// the back-off to start over.
const goodConnection = time.Minute

// New returns an Adapter for the Mattermost server in cfg. It checks the
// configuration but does not connect; Run does.
func New(cfg Config) (*Adapter, error) {
	if err := cfg.Check(); err != nil {
		return nil, err
	}
	if cfg.Marks == nil {
		return nil, errors.New("mattermost: no store to keep how far direct channels were read")
	}
	server := strings.TrimRight(cfg.URL, "/")
	client := model.NewAPIv4Client(server)
	client.SetToken(cfg.Token)
	// The SDK's client has no time limit; a stalled server must not hold
	// the outbox or a request forever.
	client.HTTPClient = &http.Client{Timeout: apiTimeout}
	wsURL := "ws" + strings.TrimPrefix(server, "http") // http→ws, https→wss
	return newAdapter(cfg, client, websocketDialer(wsURL, cfg.Token))
}

// newAdapter builds an Adapter on a given API client and websocket dialer.
func newAdapter(cfg Config, c api, dial dialer) (*Adapter, error) {
	cb, err := url.Parse(strings.TrimRight(cfg.CallbackURL, "/"))
	if err != nil {
		return nil, fmt.Errorf("mattermost: callback URL: %w", err)
	}
	a := &Adapter{
		api: c, marks: cfg.Marks, now: time.Now, dial: dial, server: strings.TrimRight(cfg.URL, "/"), log: cfg.Log, teams: cfg.Teams, listenAddr: cfg.Listen,
		commandURL: cb.String() + CommandPath,
		actionURL:  cb.String() + ActionPath,
		basePath:   cb.Path,
		signer:     signer{key: cfg.Secret, previous: cfg.PreviousSecret},
		timeouts:   defaultTimeouts,
		byID:       newCache[string, person](time.Hour, 10000),
		byEmail:    newCache[string, person](time.Hour, 10000),
		byName:     newCache[string, person](time.Hour, 10000),
		dms:        newCache[string, string](0, 10000),
		partners:   newCache[string, string](0, 10000),
		posts:      newCache[string, postInfo](0, 10000),
	}
	for _, t := range cfg.CommandTokens {
		a.tokens.add(t)
	}
	a.work.OnPanic = func(userID string, v any, stack []byte) {
		a.log.Error().Str("user_id", userID).Str("panic", fmt.Sprint(v)).Str("stack", string(stack)).
			Msg("mattermost: handling a direct message panicked")
	}
	return a, nil
}

// self returns the bot account, asking Mattermost the first time.
func (a *Adapter) self(ctx context.Context) (person, error) {
	a.meMu.Lock()
	defer a.meMu.Unlock()
	if a.me.id != "" {
		return a.me, nil
	}
	u, _, err := a.api.GetMe(ctx, "")
	if err != nil {
		return person{}, fmt.Errorf("mattermost: who am I (is the bot token valid?): %w", err)
	}
	a.me = person{id: u.Id, username: u.Username}
	return a.me, nil
}

// Run connects to Mattermost and delivers events to h until ctx is
// cancelled: it starts the HTTP listener, registers /incident on the
// configured teams where the bot may, and listens on the websocket,
// reconnecting when it drops. It returns an error only when it cannot start:
// a listener address in use, or a bot token Mattermost refuses.
func (a *Adapter) Run(ctx context.Context, h bot.Handler) error {
	me, err := a.awaitServer(ctx)
	if err != nil {
		return err
	}
	a.log.Info().Str("bot", "@"+me.username).Msg("mattermost: signed in")
	stop, err := a.serve(ctx, h)
	if err != nil {
		return err
	}
	defer stop()
	a.registerCommands(ctx)
	a.listenSocket(ctx, h)
	return nil
}

// awaitServer signs in, waiting with back-off while the server cannot be
// reached. A refused token is an error at once.
func (a *Adapter) awaitServer(ctx context.Context) (person, error) {
	wait := a.backoff()
	for {
		me, err := a.self(ctx)
		if err == nil {
			return me, nil
		}
		var appErr *model.AppError
		if errors.As(err, &appErr) && appErr.StatusCode >= 400 && appErr.StatusCode < 500 {
			return person{}, err
		}
		pause := wait.wait()
		a.log.Warn().Err(err).Dur("retry_in", pause).Msg("mattermost: server not reachable yet")
		if !sleep(ctx, pause) {
			return person{}, ctx.Err()
		}
	}
}

// backoff returns the back-off for reaching the server.
func (a *Adapter) backoff() *backoff {
	return &backoff{min: a.timeouts.backoffMin, max: a.timeouts.backoffMax}
}

// Link reports whether the websocket, on which direct messages arrive, is
// connected, and how often it was connected again after it was lost.
func (a *Adapter) Link() (connected bool, reconnects uint64) {
	return a.connected.Load(), a.reconnects.Load()
}
