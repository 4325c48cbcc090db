package slack

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"

	"meldbot/bot"
)

// Limits of the HTTP server. Slack's requests are small and Slack waits at
// most 3 seconds for an answer.
const (
	maxBody           = 1 << 20 // bytes of one request body
	readHeaderTimeout = 5 * time.Second
	readTimeout       = 10 * time.Second
	writeTimeout      = 10 * time.Second
	idleTimeout       = 2 * time.Minute
	shutdownTimeout   = 10 * time.Second
)

// runHTTP serves Slack's requests until ctx is cancelled, then lets the
// requests in progress finish.
func (a *Adapter) runHTTP(ctx context.Context, h bot.Handler) error {
	ln := a.ln
	if ln == nil {
		var err error
		if ln, err = net.Listen("tcp", a.listen); err != nil {
			return fmt.Errorf("slack: listening for Slack's requests: %w", err)
		}
	}
	srv := &http.Server{
		Handler:           a.handler(ctx, h),
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    64 << 10,
	}
	a.log.Info().Str("address", ln.Addr().String()).Str("path", Path).Msg("slack: listening (HTTP mode)")
	// Slack's retries cover a short outage, not a longer one. The
	// catch-up is queued first, ahead of what comes in live.
	a.catchUp(ctx, h)
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return fmt.Errorf("slack: serving Slack's requests: %w", err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		a.log.Warn().Err(err).Msg("slack: stopping the HTTP server")
	}
	<-done
	return nil
}

// handler answers Slack's slash commands, interactivity and events, all on
// Path. A request must carry a valid signature; work starts only after
// that, and after the answer.
func (a *Adapter) handler(ctx context.Context, h bot.Handler) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST "+Path, func(w http.ResponseWriter, r *http.Request) { a.serve(ctx, h, w, r) })
	return mux
}

func (a *Adapter) serve(ctx context.Context, h bot.Handler, w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	if err != nil {
		if _, tooBig := errors.AsType[*http.MaxBytesError](err); tooBig {
			a.reject(w, r, http.StatusRequestEntityTooLarge, "over the size limit", err)
			return
		}
		a.reject(w, r, http.StatusBadRequest, "that cannot be read", err)
		return
	}
	if sslCheck(r, body) {
		// Slack checking the certificate in front of us; not signed.
		a.log.Debug().Msg("slack: answered Slack's certificate check")
		w.WriteHeader(http.StatusOK)
		return
	}
	if err := verify(a.secret, r.Header, body, a.now()); err != nil {
		a.reject(w, r, http.StatusUnauthorized, "without a valid signature", err)
		return
	}
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt == "application/json" {
		a.serveEvent(ctx, h, w, r, body)
		return
	}
	form, err := url.ParseQuery(string(body))
	switch {
	case err != nil:
		a.reject(w, r, http.StatusBadRequest, "with a form that cannot be read", err)
	case form.Has("payload"):
		a.serveInteraction(ctx, h, w, r, form.Get("payload"))
	case form.Has("command"):
		a.serveCommand(ctx, h, w, r, form)
	default:
		a.reject(w, r, http.StatusBadRequest, "that is neither a slash command nor an interaction", nil)
	}
}

// sslCheck reports whether a request is Slack's check of the certificate
// of the slash command's URL: a form with ssl_check=1, which Slack does
// not sign. It is answered before the signature is checked, as Slack's own
// frameworks do, and nothing else is done with it.
func sslCheck(r *http.Request, body []byte) bool {
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt == "application/json" {
		return false
	}
	form, err := url.ParseQuery(string(body))
	return err == nil && form.Get("ssl_check") == "1"
}

// reject answers a request with a client error, and logs the refusal with
// the path, the remote address, the status and the reason.
func (a *Adapter) reject(w http.ResponseWriter, r *http.Request, status int, reason string, err error) {
	ev := a.log.Warn().Str("path", r.URL.Path).Str("remote", r.RemoteAddr).Int("status", status)
	if err != nil {
		ev = ev.Err(err)
	}
	ev.Msg("slack: refused a request " + reason)
	http.Error(w, "refused a request "+reason, status)
}

// serveCommand answers a slash command with the bot's short reply and
// queues the command.
func (a *Adapter) serveCommand(ctx context.Context, h bot.Handler, w http.ResponseWriter, r *http.Request, form url.Values) {
	cmd := slack.SlashCommand{
		TeamID:    form.Get("team_id"),
		ChannelID: form.Get("channel_id"),
		UserID:    form.Get("user_id"),
		UserName:  form.Get("user_name"),
		Command:   form.Get("command"),
		Text:      form.Get("text"),
		TriggerID: form.Get("trigger_id"),
	}
	if cmd.UserID == "" {
		a.reject(w, r, http.StatusBadRequest, "with a slash command without a user_id", nil)
		return
	}
	reply := commandReplyPayload(a.command(ctx, h, cmd)())
	if reply == nil {
		w.WriteHeader(http.StatusOK)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(reply)
}

// serveInteraction acknowledges a button click and queues it. A click
// that does not say who clicked is refused.
func (a *Adapter) serveInteraction(ctx context.Context, h bot.Handler, w http.ResponseWriter, r *http.Request, payload string) {
	var cb slack.InteractionCallback
	if err := json.Unmarshal([]byte(payload), &cb); err != nil {
		a.reject(w, r, http.StatusBadRequest, "with an interaction payload that cannot be read", err)
		return
	}
	if cb.Type == slack.InteractionTypeBlockActions {
		if bad := badClick(cb); bad != "" {
			a.reject(w, r, http.StatusBadRequest, bad, nil)
			return
		}
	}
	w.WriteHeader(http.StatusOK)
	a.interaction(ctx, h, cb)
}

// serveEvent answers Slack's URL verification and acknowledges events,
// queueing each one once however often Slack sends it.
func (a *Adapter) serveEvent(ctx context.Context, h bot.Handler, w http.ResponseWriter, r *http.Request, body []byte) {
	ev, err := slackevents.ParseEvent(json.RawMessage(body), slackevents.OptionNoVerifyToken())
	if err != nil {
		// Slack tries it again a few times, and is refused each time.
		a.reject(w, r, http.StatusBadRequest, "with an event that cannot be read", err)
		return
	}
	if v, ok := ev.Data.(*slackevents.EventsAPIURLVerificationEvent); ok {
		w.Header().Set("Content-Type", "text/plain")
		_, _ = io.WriteString(w, v.Challenge)
		return
	}
	w.WriteHeader(http.StatusOK)
	a.event(ctx, h, ev)
}
