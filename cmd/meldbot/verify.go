package main

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"meldbot/adapters/admin"
	"meldbot/bot"
	"meldbot/storage"
)

// verifyCommand checks a data file or a backup: meldbot verify [FILE]. A
// file is checked on a copy opened read-only, so it is never changed,
// initialised or upgraded. Without FILE it checks the data file (--data):
// through the admin listener of the meldbot that runs on it, else itself.
// A damaged file, or one whose audit trail was changed past meldbot, ends
// with exit code 1.
func verifyCommand(args []string, stdout, stderr io.Writer) error {
	file := ""
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		file, args = args[0], args[1:]
	}
	fs := flag.NewFlagSet("verify", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dataPath := fs.String("data", envOr("MELDBOT_DATA", "meldbot.db"), "data file")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if file == "" {
		file = *dataPath
		if c, err := admin.LoadContact(file); err == nil {
			rep, err := admin.Client{Contact: c}.Check(context.Background())
			if !errors.Is(err, admin.ErrNotRunning) {
				if err != nil {
					return err
				}
				rep.File = file + " (in use by the running meldbot)"
				return printVerified(stdout, rep, "Data file")
			}
		}
	}
	r, err := storage.Verify(file)
	if err != nil {
		return err
	}
	rep := reportOf(r, file, time.Now())
	return printVerified(stdout, rep, "File")
}

// printVerified prints the report of meldbot verify: a damaged file, and
// one whose audit trail is broken, are an error (exit code 1).
func printVerified(w io.Writer, r admin.Report, what string) error {
	if err := printReport(w, r, what); err != nil {
		return err
	}
	if r.AuditBroken {
		return &exitError{code: 1, err: fmt.Errorf("the audit trail of %s was changed past meldbot: %s", r.File, r.Audit)}
	}
	return nil
}

// printReport prints a backup's or a check's report; a damaged file is an
// error (exit code 1).
func printReport(w io.Writer, r admin.Report, what string) error {
	fmt.Fprintf(w, "%s: %s (%s)\n", what, r.File, size(r.Bytes))
	for _, n := range r.Notices {
		fmt.Fprintf(w, "Notice: %s\n", n)
	}
	if !r.OK {
		fmt.Fprintln(w, "Check: DAMAGED")
		for _, p := range r.Problems {
			fmt.Fprintf(w, "  - %s\n", p)
		}
		return &exitError{code: 1, err: fmt.Errorf("%s is damaged: do not use it; restore the latest backup that passes this check", r.File)}
	}
	c := r.Counts
	fmt.Fprintf(w, "Check: OK — schema %d; %s, %s, %s, %s, %s.\n", r.Schema, counted("incidents", c["incidents"]),
		counted("tasks", c["tasks"]), counted("conversations", c["conversations"]), counted("messages_waiting", c["outbox"]),
		counted("audit_entries", c["audit"]))
	if len(r.Unreadable) > 0 {
		fmt.Fprintf(w, "Records that cannot be read (an export leaves them out):\n")
		for _, u := range r.Unreadable {
			fmt.Fprintf(w, "  - %s\n", u)
		}
	}
	fmt.Fprintf(w, "Audit trail: %s\n", cmp.Or(r.Audit, "not checked"))
	return nil
}

// size writes a number of bytes for people.
func size(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f kB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// openError words what opening the data file refused: a damaged or empty
// data file gets the advice to restore the latest backup, named when the
// organisation file keeps backups in a directory (org may be nil).
func openError(err error, dataPath string, org *bot.Organisation) error {
	what := "damaged"
	switch {
	case errors.Is(err, storage.ErrEmpty):
		what = "empty (0 bytes)"
	case !errors.Is(err, storage.ErrDamaged):
		return err
	}
	return fmt.Errorf("the data file is %s; restore the latest backup (%s): stop meldbot, copy the backup over %s, "+
		"and start meldbot again. What was found: %w", what, latestBackup(org), dataPath, err)
}

// latestBackup names the newest backup in the organisation's backup
// directory, or says where to look.
func latestBackup(org *bot.Organisation) string {
	if org == nil || org.Backup.Dir == "" {
		return "no backup directory is set in the organisation file: use your own latest copy of the data file"
	}
	bk, ok, err := storage.Backups{Dir: org.Backup.Dir}.Latest()
	switch {
	case err != nil:
		return fmt.Sprintf("in %s, which cannot be read: %v", org.Backup.Dir, err)
	case !ok:
		return "there is none yet in " + org.Backup.Dir
	}
	return fmt.Sprintf("%s, of %s", bk.Path, org.In(bk.At).Format("2006-01-02 15:04"))
}
