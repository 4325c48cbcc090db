package main

import (
	"context"
	"fmt"
	"net"
	"os"
	"strings"
	"time"

	"github.com/rs/zerolog"

	"meldbot/adapters/admin"
	"meldbot/storage"
)

// The admin listener's setting.
const (
	envAdminListen = "MELDBOT_ADMIN_LISTEN"
	// defaultAdminListen is where the admin listener of meldbot on a chat
	// server listens unless told otherwise: loopback only, as it is for the
	// machine's own Prometheus agent, health checks and `meldbot backup`.
	defaultAdminListen = "127.0.0.1:9466"
)

// adminListen returns where the admin listener listens, or "" for nowhere:
// the --admin flag, else MELDBOT_ADMIN_LISTEN, else defaultAdminListen on a
// chat server and nowhere in the console (a local trial needs no port, and
// several may run side by side). "off" turns it off.
func adminListen(flagValue string, console bool) (string, error) {
	v := strings.TrimSpace(flagValue)
	if v == "" {
		v = strings.TrimSpace(os.Getenv(envAdminListen))
	}
	switch {
	case v == "off" || v == "none":
		return "", nil
	case v == "" && console:
		return "", nil
	case v == "":
		return defaultAdminListen, nil
	}
	if _, _, err := net.SplitHostPort(v); err != nil {
		return "", &exitError{code: 2, err: fmt.Errorf("%s (or --admin) %q is not a host:port address such as 127.0.0.1:9466, or off: %v", envAdminListen, v, err)}
	}
	return v, nil
}

// figures reads the metrics' figures of the data file from the store.
func figures(store *storage.Store) func(now time.Time) (admin.Figures, error) {
	return func(now time.Time) (admin.Figures, error) {
		st, err := store.Stats(now)
		return admin.Figures{Outbox: st.Outbox, OutboxOldest: st.OutboxOldest, OutboxOldestDue: st.OutboxOldestDue,
			Open: st.Open, Overdue: st.Overdue}, err
	}
}

// startAdmin starts the admin listener on listen for the running meldbot
// and writes its contact next to the data file, so `meldbot backup` finds
// it. The returned function stops the listener and removes the contact.
func startAdmin(ctx context.Context, listen string, store *storage.Store, metrics *admin.Metrics, backups *backupper, log zerolog.Logger) (stop func(), err error) {
	token := admin.NewToken()
	ops := admin.Operations{
		WriteBackup: store.WriteBackup,
		Check: func(ctx context.Context) (admin.Report, error) {
			r, err := store.Check(ctx)
			return reportOf(r, "", time.Now()), err
		},
	}
	if backups.scheduled() {
		ops.Backup = backups.take
	}
	srv := admin.New(admin.Config{Listen: listen, Token: token, Metrics: metrics, Ops: ops, Log: log,
		NoBackupDir: "no backup directory: set backup: dir: in the organisation file, or use meldbot backup --out FILE"})
	addr, stopServer, err := srv.Start(ctx)
	if err != nil {
		return nil, err
	}
	contact := admin.ContactFile(store.Path())
	if err := (admin.Contact{URL: admin.URLFor(addr), Token: token}).Save(contact); err != nil {
		stopServer()
		return nil, fmt.Errorf("writing the admin contact %s: %w", contact, err)
	}
	return func() {
		stopServer()
		_ = os.Remove(contact)
	}, nil
}

// reportOf turns the store's report into the listener's.
func reportOf(r storage.Report, file string, at time.Time) admin.Report {
	audit, broken := r.AuditResult()
	return admin.Report{OK: r.OK(), File: file, Bytes: r.Size, At: at, Schema: r.Schema,
		Counts: map[string]int{"incidents": r.Counts.Incidents, "tasks": r.Counts.Tasks, "conversations": r.Counts.Conversations,
			"outbox": r.Counts.Outbox, "audit": r.Counts.Audit},
		Problems: r.Problems, Notices: r.Notices, Unreadable: r.Unreadable, Audit: audit, AuditBroken: broken}
}
