package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/user"
	"path/filepath"
	"strings"
	"time"

	"github.com/rs/zerolog"

	"meldbot/bot"
	"meldbot/bot/locale"
	"meldbot/storage"
)

// openRegister opens the data file for a maintenance command of the
// organisation org, which the command loaded, and its flags checked, first.
// The data file is locked while meldbot runs; that is said plainly instead
// of as a storage error.
func openRegister(org *bot.Organisation, dataPath string, mode openMode, stderr io.Writer) (*bot.Bot, *storage.Store, error) {
	if _, err := os.Stat(dataPath); err != nil {
		return nil, nil, fmt.Errorf("no data file %s: give its path with --data (or MELDBOT_DATA)", dataPath)
	}
	var store *storage.Store
	var err error
	if mode == upgrade {
		store, err = storage.Open(dataPath)
	} else {
		store, err = storage.OpenCurrent(dataPath, mode == readOnly)
	}
	if errors.Is(err, storage.ErrLocked) {
		return nil, nil, fmt.Errorf("%s is locked: meldbot is running on it, and the data file is locked while meldbot runs. "+
			"Stop meldbot first and try again, or ask the coordinator to use /incident export in the chat, which works while meldbot runs", dataPath)
	}
	if errors.Is(err, storage.ErrOldSchema) {
		return nil, nil, fmt.Errorf("%w. This command does not change the data file's layout: start meldbot once to upgrade it, then try again", err)
	}
	if err != nil {
		return nil, nil, openError(err, dataPath, org)
	}
	b, err := bot.New(bot.Config{Org: org, Store: store, Log: newLogger(stderr, zerolog.WarnLevel)})
	if err != nil {
		store.Close()
		return nil, nil, err
	}
	return b, store, nil
}

// openMode is how a maintenance command opens the data file.
type openMode int

const (
	upgrade  openMode = iota // bring an older layout up to date, as meldbot does at start
	asIs                     // refuse an older layout instead of changing it
	readOnly                 // as asIs, and write nothing
)

// commandLineUser names who runs a maintenance command, for the audit
// trail.
func commandLineUser() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return "command line (" + u.Username + ")"
	}
	return "command line"
}

// exportRegister writes the register of a period as CSV or as an Excel
// workbook: meldbot export --from 2026-07-01 --to 2026-09-30 [--out file]
// [--format csv|xlsx] [--lang nl|en] [--personal]. Without --format the
// file's extension decides; standard output gets CSV.
func exportRegister(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(stderr)
	configPath := fs.String("config", "", "organisation file")
	dataPath := fs.String("data", envOr("MELDBOT_DATA", "meldbot.db"), "data file")
	fromText := fs.String("from", "", "first day, YYYY-MM-DD")
	toText := fs.String("to", "", "last day, YYYY-MM-DD (included)")
	out := fs.String("out", "", "file to write (default: standard output)")
	formatText := fs.String("format", "", "csv (for other software) or xlsx (an Excel workbook to read); default: by the extension of --out, else csv")
	langText := fs.String("lang", "", "language of a workbook's headers and labels, nl or en (default: the organisation's)")
	personal := fs.Bool("personal", false, "include names, e-mail addresses and free text (for the coordinator only)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *fromText == "" || *toText == "" {
		return &exitError{code: 2, err: errors.New("export needs --from and --to, e.g. --from 2026-07-01 --to 2026-09-30")}
	}
	format, ok := bot.ParseExportFormat(*formatText)
	switch {
	case *formatText == "" && strings.EqualFold(filepath.Ext(*out), ".xlsx"):
		format = bot.FormatXLSX
	case *formatText == "":
		format = bot.FormatCSV
	case !ok:
		return &exitError{code: 2, err: fmt.Errorf("--format is csv or xlsx, not %q", *formatText)}
	}
	lang, ok := locale.ParseLang(*langText)
	if !ok && *langText != "" {
		return &exitError{code: 2, err: fmt.Errorf("--lang is nl or en, not %q", *langText)}
	}
	org, _, err := loadOrg(*configPath, false)
	if err != nil {
		return err
	}
	loc := org.Zone()
	from, err1 := time.ParseInLocation("2006-01-02", *fromText, loc)
	last, err2 := time.ParseInLocation("2006-01-02", *toText, loc)
	if err := errors.Join(err1, err2); err != nil || last.Before(from) {
		return &exitError{code: 2, err: fmt.Errorf("--from and --to are dates such as 2026-07-01, --to not before --from")}
	}
	to := last.AddDate(0, 0, 1)
	// The export is recorded in the audit trail, so the file is written.
	b, store, err := openRegister(org, *dataPath, asIs, stderr)
	if err != nil {
		return err
	}
	defer store.Close()

	var w io.Writer = stdout
	var finish func() error // nil: written to standard output as it goes
	if *out != "" {
		// Written next to the target and put in its place, on disk, when
		// complete: a failed export or a power cut leaves no half file.
		f, err := storage.CreateFile(*out)
		if err != nil {
			return err
		}
		defer f.Discard()
		w, finish = f, f.Commit
	}
	var unreadable []string
	opts := bot.ExportOptions{Personal: *personal, By: commandLineUser(), Format: format, Lang: lang, Unreadable: func(number string, err error) {
		unreadable = append(unreadable, number)
		fmt.Fprintf(stderr, "Left out %s: its record cannot be read (%v).\n", number, err)
	}}
	n, err := b.Export(context.Background(), w, from, to, opts, finish)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if len(unreadable) > 0 {
		defer fmt.Fprintf(stderr, "Not in the export, as they could not be read: %s (%s). "+
			"Check the data file with meldbot verify, and restore the latest backup if it is damaged.\n",
			counted("incidents", len(unreadable)), strings.Join(unreadable, ", "))
	}
	what := "without personal data"
	if *personal {
		what = "WITH personal data: hand it only to the coordinator"
	}
	target := "standard output"
	if *out != "" {
		target = *out
	}
	kind := "a CSV file"
	if format == bot.FormatXLSX {
		kind = "an Excel workbook"
	}
	fmt.Fprintf(stderr, "Exported %s that happened %s – %s as %s to %s, %s.\n", counted("incidents", n), *fromText, *toText, kind, target, what)
	return nil
}

// purgeRegister removes personal data past the retention period: meldbot
// purge [--dry-run].
func purgeRegister(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("purge", flag.ContinueOnError)
	fs.SetOutput(stderr)
	configPath := fs.String("config", "", "organisation file")
	dataPath := fs.String("data", envOr("MELDBOT_DATA", "meldbot.db"), "data file")
	dry := fs.Bool("dry-run", false, "show what would be removed, change nothing")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	org, _, err := loadOrg(*configPath, false)
	if err != nil {
		return err
	}
	mode := upgrade
	if *dry {
		mode = readOnly // a dry run changes nothing, the data file's layout neither
	}
	b, store, err := openRegister(org, *dataPath, mode, stderr)
	if err != nil {
		return err
	}
	defer store.Close()
	res, err := b.Purge(context.Background(), bot.PurgeOptions{DryRun: *dry, By: commandLineUser()})
	if err != nil {
		return fmt.Errorf("purge: %w", err)
	}
	fmt.Fprintf(stdout, "Retention: personal data is kept %s after an incident is closed; closed before %s is past it.\n",
		counted("years", res.Years), res.Before.Format("2006-01-02"))
	verb := "Removed"
	if *dry {
		verb = "Would remove (dry run, nothing changed)"
	}
	fmt.Fprintf(stdout, "%s the personal data of %s%s\n", verb, counted("incidents", len(res.Purged)), list(res.Purged))
	if len(res.StillOpen) > 0 {
		fmt.Fprintf(stdout, "Kept, as tasks are still open although they happened before then: %s%s\n",
			counted("incidents", len(res.StillOpen)), list(res.StillOpen))
	}
	return nil
}

// list writes numbers after a colon, or a full stop when there are none.
func list(numbers []string) string {
	if len(numbers) == 0 {
		return "."
	}
	return ":\n  " + strings.Join(numbers, "\n  ")
}
