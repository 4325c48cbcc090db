package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"meldbot/storage"
)

// auditCommand handles meldbot audit verify [--data FILE]: it checks that
// the audit trail of the data file is the chain meldbot appended, and names
// the first broken link. The data file is opened read-only and as it is.
func auditCommand(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "verify" {
		return &exitError{code: 2, err: errors.New("usage: meldbot audit verify [--data FILE]")}
	}
	fs := flag.NewFlagSet("audit verify", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dataPath := fs.String("data", envOr("MELDBOT_DATA", "meldbot.db"), "data file")
	if err := parseFlags(fs, args[1:]); err != nil {
		return err
	}
	if _, err := os.Stat(*dataPath); err != nil {
		return fmt.Errorf("no data file %s: give its path with --data (or MELDBOT_DATA)", *dataPath)
	}
	report, err := storage.VerifyAudit(*dataPath)
	switch {
	case errors.Is(err, storage.ErrLocked):
		return fmt.Errorf("%s is locked: meldbot is running on it. Check a copy of the file, or stop meldbot first", *dataPath)
	case errors.Is(err, storage.ErrOldSchema):
		return fmt.Errorf("%w. Its audit trail is chained when meldbot upgrades it: start meldbot once, then check again", err)
	case err != nil:
		return err
	case !report.Intact():
		return &exitError{code: 1, err: fmt.Errorf("the audit trail of %s is %s", *dataPath, report)}
	}
	fmt.Fprintf(stdout, "The audit trail of %s is %s.\n", *dataPath, report)
	return nil
}
