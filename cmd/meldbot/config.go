package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"meldbot/bot"
	"meldbot/bot/orgfile"
	"meldbot/schedules"
)

// defaultConfig is the organisation file used when none is named.
const defaultConfig = "meldbot.yaml"

// loadOrg reads the organisation file: the one named, else MELDBOT_CONFIG,
// else ./meldbot.yaml, else — only where sample is true, as for the console
// and check-config — the bundled sample. Everything that works on a real
// municipality's data (a chat server, export, purge) needs a real file:
// the sample's retention period or people must never apply to it. It
// returns a description of where the organisation came from.
func loadOrg(path string, sample bool) (*bot.Organisation, string, error) {
	if path == "" {
		path = os.Getenv("MELDBOT_CONFIG")
	}
	if path == "" {
		if _, err := os.Stat(defaultConfig); err == nil {
			path = defaultConfig
		}
	}
	if path == "" && !sample {
		return nil, "", errNoOrgFile
	}
	if path == "" {
		org, err := orgfile.Parse(orgfile.ExampleName, orgfile.Example)
		return org, orgfile.ExampleName, err
	}
	org, err := orgfile.Load(path)
	return org, path, err
}

// errNoOrgFile says where meldbot looks for the organisation file.
var errNoOrgFile = &exitError{code: 2, err: errors.New("no organisation file: give it with --config or MELDBOT_CONFIG, " +
	"or put meldbot.yaml in the working directory (start from the sample: meldbot example-config > meldbot.yaml)")}

// parseFlags parses a command's flags and refuses anything else: Go's flag
// package stops at the first argument that is not a flag, so "purge x.db
// --dry-run" would otherwise ignore --dry-run.
// Asked for with -h or --help, the command's usage is shown and the
// command ends well (errHelpShown).
func parseFlags(fs *flag.FlagSet, args []string) error {
	showUsage(fs)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return errHelpShown
		}
		return &exitError{code: 2, err: err}
	}
	if fs.NArg() > 0 {
		return &exitError{code: 2, err: fmt.Errorf("meldbot %s: unexpected argument %q; every setting is a flag, such as --data FILE, and flags come first",
			fs.Name(), fs.Arg(0))}
	}
	return nil
}

// checkConfig validates an organisation file and prints what is wrong.
func checkConfig(args []string, out io.Writer) error {
	path := ""
	if len(args) > 0 {
		path = args[0]
	}
	org, name, err := loadOrg(path, true)
	if err == nil {
		_, err = schedules.Load(org, name)
	}
	var probs *orgfile.Problems
	if errors.As(err, &probs) {
		fmt.Fprintln(out, probs.Error())
		return &exitError{code: 1, err: fmt.Errorf("%s is not valid", name)}
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "%s is valid: %s, %s, %s, %s (%s), time zone %s.\n", name, org.Name,
		counted("departments", len(org.Departments)), counted("locations", len(org.Locations)), counted("people", len(org.People)),
		counted("coordinators", len(org.Coordinators())), org.TimeZone)
	return nil
}
