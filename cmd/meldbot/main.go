// Command meldbot runs the bot and its maintenance tasks.
//
//	meldbot [run] [--config meldbot.yaml] [--data meldbot.db] [--as name] [--now "2026-12-04 16:00"]
//	meldbot check-config [file]
//	meldbot calendar [YEAR] [--config FILE]
//	meldbot example-config
//	meldbot export --from 2026-07-01 --to 2026-09-30 [--out q3.xlsx] [--format csv|xlsx] [--lang nl|en] [--personal]
//	meldbot purge [--dry-run]
//	meldbot backup [--out FILE]
//	meldbot verify [FILE]
//	meldbot audit verify [--data meldbot.db]
//	meldbot version
//
// Without a Mattermost or Slack token in the environment, run starts a local
// console chat, on the bundled sample organisation when no organisation file
// is found.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"time"
	_ "time/tzdata" // time zones also in images without zoneinfo

	"meldbot/bot/orgfile"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = ""

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// exitError carries the process exit code of a failed sub-command.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }

// run executes a sub-command and returns the process exit code.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	cmd := "run"
	if len(args) > 0 && len(args[0]) > 0 && args[0][0] != '-' {
		cmd, args = args[0], args[1:]
	}
	if cmd == "help" && len(args) > 0 { // meldbot help export, meldbot help audit verify
		cmd, args = args[0], append(args[1:], "--help")
	}
	if wantsHelp(args) {
		switch cmd {
		case "run":
			fmt.Fprint(stdout, usage)
			return 0
		case "check-config", "example-config", "version":
			if helpWithoutFlags(cmd, stdout) {
				return 0
			}
		case "audit":
			// "audit verify --help" shows its flags; "audit --help" what
			// audit can do.
			if (len(args) == 0 || args[0] != "verify") && helpWithoutFlags(cmd, stdout) {
				return 0
			}
		}
		stderr = stdout // asked for, the usage goes to standard output
	}
	var err error
	switch cmd {
	case "run":
		err = runBot(args, stdin, stdout, stderr)
	case "check-config":
		err = checkConfig(args, stdout)
	case "calendar":
		err = printCalendar(args, stdout, stderr, time.Now())
	case "export":
		err = exportRegister(args, stdout, stderr)
	case "purge":
		err = purgeRegister(args, stdout, stderr)
	case "backup":
		err = backupCommand(args, stdout, stderr)
	case "verify":
		err = verifyCommand(args, stdout, stderr)
	case "audit":
		err = auditCommand(args, stdout, stderr)
	case "example-config":
		_, err = stdout.Write(orgfile.Example)
	case "version", "--version":
		fmt.Fprintln(stdout, "meldbot", buildVersion())
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
	default:
		fmt.Fprintf(stderr, "meldbot: unknown command %q\n\n%s", cmd, usage)
		return 2
	}
	if errors.Is(err, errHelpShown) {
		return 0
	}
	if err != nil {
		fmt.Fprintln(stderr, "meldbot:", err)
		var ee *exitError
		if errors.As(err, &ee) {
			return ee.code
		}
		return 1
	}
	return 0
}

const usage = `Usage:
  meldbot [run] [flags]          run the bot (console chat unless a Mattermost or Slack token is set)
  meldbot check-config [file]    check an organisation file and explain what to fix
  meldbot example-config         print the sample organisation file
  meldbot calendar [YEAR] [--config FILE]
                                 the year's working days, holidays and closed days
  meldbot export --from DATE --to DATE [--out FILE] [--format csv|xlsx] [--lang nl|en] [--personal]
                                 the register of a period: CSV for other software, or an
                                 Excel workbook to read (--format xlsx, or --out FILE.xlsx)
  meldbot purge [--dry-run]      remove personal data past the retention period
                                 (export and purge need the data file: stop meldbot first)
  meldbot backup [--out FILE]    a checked backup of the data file, also while meldbot runs: into
                                 the organisation file's backup directory, or into FILE
  meldbot verify [FILE]          check a data file or backup (read-only, on a copy); without FILE
                                 the data file, through the running meldbot when it runs
  meldbot audit verify [--data FILE]
                                 check that the audit trail is as meldbot wrote it
  meldbot version                print the version
  meldbot help [command]         this text, or a command's; so does meldbot <command> --help

Flags of run (--config and --data also for export, purge, backup and verify):
  --config FILE   organisation file (env MELDBOT_CONFIG; default ./meldbot.yaml, else the bundled sample)
  --data FILE     data file (env MELDBOT_DATA; default ./meldbot.db)
  --as NAME       console only: who types first (name, e-mail or role)
  --now MOMENT    console only: start the clock at this moment, e.g. "2026-12-04 16:00";
                  /tijd moves it forward
  --admin ADDR    admin listener: health, metrics, backups (env MELDBOT_ADMIN_LISTEN; default
                  127.0.0.1:9466 on Mattermost and Slack, none in the console; off turns it off)

Environment:
  MELDBOT_LOG_LEVEL    debug, info, warn or error (default info; warn in the console)
  MELDBOT_LOG_FORMAT   json or text (default: text on a terminal, json otherwise)

  Slack (chosen when MELDBOT_SLACK_BOT_TOKEN is set):
    MELDBOT_SLACK_BOT_TOKEN, MELDBOT_SLACK_MODE (socket or http), MELDBOT_SLACK_APP_TOKEN,
    MELDBOT_SLACK_SIGNING_SECRET, MELDBOT_SLACK_LISTEN
  Mattermost (chosen when MELDBOT_MATTERMOST_URL is set):
    MELDBOT_MATTERMOST_URL, MELDBOT_MATTERMOST_TOKEN, MELDBOT_MATTERMOST_TEAM,
    MELDBOT_MATTERMOST_LISTEN, MELDBOT_MATTERMOST_CALLBACK_URL, MELDBOT_SECRET,
    MELDBOT_SECRET_PREVIOUS (while changing MELDBOT_SECRET), MELDBOT_MATTERMOST_COMMAND_TOKEN
  See README.md for what each one is.
`
