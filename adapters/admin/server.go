// Package admin is meldbot's admin HTTP listener, for whoever runs it: the
// health checks (/healthz, /readyz), the metrics in Prometheus's format
// (/metrics), and, for the holder of the admin token only, a backup of the
// running data file (POST /backup into the backup directory, GET /backup
// as a download) and a check of it (POST /check). It also holds the client
// the `meldbot backup` and `meldbot check` commands use.
package admin

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/rs/zerolog"
)

// Report is the outcome of a backup or a check, as the listener returns it.
type Report struct {
	// OK is false when the data file (or the backup) is damaged.
	OK bool `json:"ok"`
	// File is the backup written; empty for a check.
	File   string    `json:"file,omitempty"`
	Bytes  int64     `json:"bytes"`
	At     time.Time `json:"at"`
	Schema int       `json:"schema,omitempty"`
	// Counts are the records, by kind: incidents, tasks, conversations,
	// outbox, audit.
	Counts     map[string]int `json:"counts,omitempty"`
	Problems   []string       `json:"problems,omitempty"`
	Notices    []string       `json:"notices,omitempty"`
	Unreadable []string       `json:"unreadable,omitempty"`
	// Audit says in one line what the check of the audit trail's hash
	// chain found, or why it was not made; AuditBroken is true when the
	// chain was found broken: the trail was changed past meldbot.
	Audit       string `json:"audit,omitempty"`
	AuditBroken bool   `json:"audit_broken,omitempty"`
}

// Operations are what the running meldbot can be asked to do on its data
// file; cmd wires them to the store. A nil operation is not offered.
type Operations struct {
	// Backup writes a backup into the backup directory and checks it.
	Backup func(ctx context.Context) (Report, error)
	// WriteBackup writes a consistent copy of the data file to w.
	WriteBackup func(ctx context.Context, w io.Writer) (int64, error)
	// Check checks the data file while it is in use.
	Check func(ctx context.Context) (Report, error)
}

// Config is what a Server needs.
type Config struct {
	// Listen is the host:port to listen on, e.g. 127.0.0.1:9466.
	Listen string
	// Token must be given as a bearer token to back up or check; nobody
	// can without one.
	Token   string
	Metrics *Metrics
	Ops     Operations
	Log     zerolog.Logger
	// NoBackupDir explains, when Ops.Backup is nil, how to have backups
	// written into a directory.
	NoBackupDir string
}

// StuckAfter is how long the oldest message may wait for the chat
// platform before /readyz says the outbox is stuck.
const StuckAfter = 15 * time.Minute

// Server is the admin listener.
type Server struct {
	cfg Config
}

// New returns a Server for cfg; Start listens.
func New(cfg Config) *Server { return &Server{cfg: cfg} }

// Start listens on cfg.Listen and serves until stop is called or ctx is
// done; it returns the address it listens on. An address in use is an
// error at once, so meldbot does not start without the listener it was
// asked for.
func (s *Server) Start(ctx context.Context) (addr string, stop func(), err error) {
	ln, err := net.Listen("tcp", s.cfg.Listen)
	if err != nil {
		return "", nil, fmt.Errorf("admin listener on %s: %w (set MELDBOT_ADMIN_LISTEN to another address, or to off)", s.cfg.Listen, err)
	}
	srv := &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    16 << 10,
		BaseContext:       func(net.Listener) context.Context { return ctx },
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.cfg.Log.Error().Err(err).Msg("admin: listener stopped")
		}
	}()
	s.cfg.Log.Info().Str("listen", ln.Addr().String()).Msg("admin: listening for health checks, metrics and backups")
	return ln.Addr().String(), func() {
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := srv.Shutdown(sctx); err != nil {
			_ = srv.Close()
		}
		<-done
	}, nil
}

// Handler routes the listener's requests.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) { fmt.Fprintln(w, "ok") })
	mux.HandleFunc("GET /readyz", s.ready)
	mux.Handle("GET /metrics", promhttp.HandlerFor(s.cfg.Metrics.reg, promhttp.HandlerOpts{ErrorLog: promLog{s.cfg.Log}}))
	mux.Handle("POST /backup", s.authorized(http.HandlerFunc(s.backup)))
	mux.Handle("GET /backup", s.authorized(http.HandlerFunc(s.download)))
	mux.Handle("POST /check", s.authorized(http.HandlerFunc(s.check)))
	return mux
}

// Problems returns what keeps meldbot from being ready: a data file that
// cannot be read, a chat that is not connected, an outbox that is stuck.
func (s *Server) Problems(now time.Time) []string {
	var out []string
	m := s.cfg.Metrics
	f, err := m.read(now)
	if err != nil {
		out = append(out, "the data file cannot be read: "+err.Error())
	}
	if up, _ := m.connected(); !up {
		out = append(out, "not connected to the chat platform")
	}
	if err == nil && !f.OutboxOldestDue.IsZero() && now.Sub(f.OutboxOldestDue) > StuckAfter {
		out = append(out, fmt.Sprintf("the outbox is stuck: a message has waited %s to be delivered", now.Sub(f.OutboxOldestDue).Round(time.Second)))
	}
	return out
}

func (s *Server) ready(w http.ResponseWriter, r *http.Request) {
	problems := s.Problems(time.Now())
	if len(problems) > 0 {
		w.WriteHeader(http.StatusServiceUnavailable)
		fmt.Fprintln(w, strings.Join(problems, "\n"))
		return
	}
	fmt.Fprintln(w, "ready")
}

// authorized lets through only requests with the admin token.
func (s *Server) authorized(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if !ok || s.cfg.Token == "" || subtle.ConstantTimeCompare([]byte(got), []byte(s.cfg.Token)) != 1 {
			s.cfg.Log.Warn().Str("path", r.URL.Path).Str("remote", r.RemoteAddr).Msg("admin: refused a request without the admin token")
			http.Error(w, "the admin token is missing or wrong", http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func (s *Server) backup(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Ops.Backup == nil {
		http.Error(w, s.cfg.NoBackupDir, http.StatusConflict)
		return
	}
	rep, err := s.cfg.Ops.Backup(r.Context())
	s.answer(w, rep, err)
}

func (s *Server) check(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Ops.Check == nil {
		http.NotFound(w, r)
		return
	}
	rep, err := s.cfg.Ops.Check(r.Context())
	s.answer(w, rep, err)
}

// answer writes a report: with 200 when the operation was done, its
// problems included (a backup that fails its check). An operation that
// failed without a report of problems (the disk full halfway through a
// backup) is answered 500 with its error, so whoever asked does not take
// it for done.
func (s *Server) answer(w http.ResponseWriter, rep Report, err error) {
	w.Header().Set("Content-Type", "application/json")
	if err != nil && len(rep.Problems) == 0 {
		w.WriteHeader(http.StatusInternalServerError)
		_ = json.NewEncoder(w).Encode(map[string]string{"error": err.Error()})
		return
	}
	_ = json.NewEncoder(w).Encode(rep)
}

func (s *Server) download(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Ops.WriteBackup == nil {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Header().Set("Content-Disposition", `attachment; filename="meldbot-`+time.Now().UTC().Format("20060102T150405Z")+`.db"`)
	n, err := s.cfg.Ops.WriteBackup(r.Context(), w)
	if err != nil {
		// The status is sent; cutting the stream short tells the client.
		s.cfg.Log.Error().Err(err).Int64("bytes", n).Msg("admin: a backup download was cut short")
		panic(http.ErrAbortHandler)
	}
	s.cfg.Log.Info().Int64("bytes", n).Str("remote", r.RemoteAddr).Msg("admin: a backup was downloaded")
	s.cfg.Metrics.BackupDone(time.Now(), nil)
}

// promLog lets promhttp log through zerolog.
type promLog struct{ log zerolog.Logger }

func (l promLog) Println(v ...any) { l.log.Error().Msg("admin: metrics: " + fmt.Sprint(v...)) }
