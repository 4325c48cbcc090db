package mattermost

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"

	"meldbot/bot"
)

// maxBody is the largest request the listener reads. Mattermost's slash
// command forms and button callbacks are a few hundred bytes.
const maxBody = 64 << 10

// serve starts the HTTP listener for Mattermost's requests. The returned
// function shuts it down, waiting briefly for requests in progress.
func (a *Adapter) serve(ctx context.Context, h bot.Handler) (stop func(), err error) {
	ln, err := net.Listen("tcp", a.listenAddr)
	if err != nil {
		return nil, fmt.Errorf("mattermost: listening on %s: %w", a.listenAddr, err)
	}
	srv := &http.Server{
		Handler:           a.handler(h),
		ReadHeaderTimeout: a.timeouts.readHeader,
		ReadTimeout:       a.timeouts.read,
		WriteTimeout:      a.timeouts.write,
		IdleTimeout:       a.timeouts.idle,
		MaxHeaderBytes:    16 << 10,
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			a.log.Error().Err(err).Msg("mattermost: listener stopped")
		}
	}()
	a.log.Info().Str("listen", ln.Addr().String()).Str("command_url", a.commandURL).Msg("mattermost: listening for slash commands and buttons")
	if a.listening != nil {
		a.listening <- ln.Addr().String()
	}
	return func() {
		sctx, cancel := context.WithTimeout(context.Background(), a.timeouts.shutdown)
		defer cancel()
		if err := srv.Shutdown(sctx); err != nil {
			_ = srv.Close()
		}
		<-done
	}, nil
}

// handler routes the slash command and button callbacks.
func (a *Adapter) handler(h bot.Handler) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("POST "+a.basePath+CommandPath, a.limit(a.serveCommand(h)))
	mux.Handle("POST "+a.basePath+ActionPath, a.limit(a.serveAction(h)))
	return mux
}

// limit caps the request body at maxBody.
func (a *Adapter) limit(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, maxBody)
		next.ServeHTTP(w, r)
	})
}

// bodyError answers a request whose body could not be read: 413 when it was
// too large, else 400.
func (a *Adapter) bodyError(w http.ResponseWriter, r *http.Request, err error) {
	status := http.StatusBadRequest
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		status = http.StatusRequestEntityTooLarge
	}
	a.log.Warn().Err(err).Str("path", r.URL.Path).Str("remote", r.RemoteAddr).Int("status", status).
		Msg("mattermost: rejected a malformed request")
	http.Error(w, http.StatusText(status), status)
}

// reject answers a request meldbot does not handle with a client error,
// and logs the refusal with the reason, the path, the remote address, the
// status and the given fields (name, value, …).
func (a *Adapter) reject(w http.ResponseWriter, r *http.Request, status int, what string, reason error, fields ...string) {
	ev := a.log.Warn().Err(reason).Str("path", r.URL.Path).Str("remote", r.RemoteAddr).Int("status", status)
	for i := 0; i+1 < len(fields); i += 2 {
		ev = ev.Str(fields[i], fields[i+1])
	}
	ev.Msg("mattermost: refused a " + what)
	http.Error(w, http.StatusText(status), status)
}

// triggerFailed answers a request whose trigger ID did not check out: 403
// and a log line, or 503 when meldbot could not fetch the server's key.
func (a *Adapter) triggerFailed(w http.ResponseWriter, r *http.Request, what string, err error, fields ...string) {
	if errors.As(err, new(errTrigger)) {
		a.reject(w, r, http.StatusForbidden, what, err, fields...)
		return
	}
	a.failed(w, r, http.StatusServiceUnavailable, what, err)
}

// failed answers a request meldbot could not deal with for a cause of its
// own or Mattermost's with status and a generic text, and logs the cause.
func (a *Adapter) failed(w http.ResponseWriter, r *http.Request, status int, what string, err error) {
	a.log.Error().Err(err).Str("path", r.URL.Path).Int("status", status).Msg("mattermost: cannot deal with a " + what)
	http.Error(w, http.StatusText(status), status)
}

// unidentified answers a request from a person meldbot cannot look up: a
// person Mattermost does not know is refused with 403; otherwise the answer
// is 502 with the failure notice in the organisation's language. The cause,
// which may name the person or Mattermost's internals, is only logged.
func (a *Adapter) unidentified(ctx context.Context, w http.ResponseWriter, r *http.Request, h bot.Handler, what, userID string, err error) {
	if notFound(nil, err) {
		a.reject(w, r, http.StatusForbidden, what, err, "user_id", userID)
		return
	}
	a.log.Error().Err(err).Str("user_id", userID).Msg("mattermost: " + what + " from a person meldbot cannot identify")
	http.Error(w, h.FailureNotice(ctx, bot.User{}), http.StatusBadGateway)
}

// handleCtx is the context for handling one request: detached from the
// request, so a caller that gives up does not cut a turn in half, and
// bounded in time.
func (a *Adapter) handleCtx(r *http.Request) (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.WithoutCancel(r.Context()), a.timeouts.handle)
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}
