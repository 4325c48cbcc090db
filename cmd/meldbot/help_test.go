package main

import (
	"bytes"
	"os"
	"regexp"
	"strings"
	"testing"
)

// Asking for help is no error: meldbot --help, and --help or -h after any
// sub-command, print the usage on standard output and exit 0.
func TestHelpIsAnAnswerNotAnError(t *testing.T) {
	for _, args := range [][]string{
		{"--help"}, {"-h"}, {"help"}, {"run", "--help"}, {"--data", "x.db", "--help"},
		{"check-config", "--help"}, {"example-config", "--help"}, {"version", "--help"},
		{"export", "--help"}, {"purge", "-h"}, {"help", "export"}, {"audit", "--help"}, {"help", "audit"},
	} {
		var stdout, stderr bytes.Buffer
		code := run(args, strings.NewReader(""), &stdout, &stderr)
		if code != 0 || stderr.Len() > 0 || !strings.HasPrefix(stdout.String(), "Usage:\n") {
			t.Errorf("meldbot %s: exit %d\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), code, stdout.String(), stderr.String())
		}
	}
	var stdout, stderr bytes.Buffer
	run([]string{"export", "--help"}, nil, &stdout, &stderr)
	if out := stdout.String(); !strings.Contains(out, "meldbot export --from DATE --to DATE") || !strings.Contains(out, "-personal") {
		t.Errorf("export --help shows neither its usage nor its flags:\n%s", out)
	}
	// A wrong flag is still an error, with the usage on standard error.
	stdout.Reset()
	stderr.Reset()
	if code := run([]string{"purge", "--bogus"}, nil, &stdout, &stderr); code != 2 || !strings.Contains(stderr.String(), "meldbot purge [--dry-run]") {
		t.Errorf("purge --bogus: exit %d\n%s", code, stderr.String())
	}
}

// Every command the usage names answers --help, and meldbot help with its
// name, with its own lines of the usage: a command added later is covered
// by being named there.
func TestEveryCommandInTheUsageHasHelp(t *testing.T) {
	commands := []string{"[run]"}
	for _, m := range regexp.MustCompile(`(?m)^  meldbot ([a-z][a-z-]*(?: [a-z]+)*)`).FindAllStringSubmatch(usage, -1) {
		commands = append(commands, m[1])
	}
	if len(commands) < 10 {
		t.Fatalf("only %d commands found in the usage: %q", len(commands), commands)
	}
	for _, command := range commands {
		words := strings.Fields(strings.Trim(command, "[]"))
		for _, args := range [][]string{append(words, "--help"), append([]string{"help"}, words...)} {
			var stdout, stderr bytes.Buffer
			code := run(args, strings.NewReader(""), &stdout, &stderr)
			if out := stdout.String(); code != 0 || stderr.Len() > 0 || !strings.HasPrefix(out, "Usage:\n") || !strings.Contains(out, "meldbot "+command) {
				t.Errorf("meldbot %s: exit %d\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), code, out, stderr.String())
			}
		}
	}
	// audit verify, a command with flags, shows them too.
	var stdout bytes.Buffer
	run([]string{"audit", "verify", "-h"}, nil, &stdout, &bytes.Buffer{})
	if !strings.Contains(stdout.String(), "-data") {
		t.Errorf("audit verify -h shows no flags:\n%s", stdout.String())
	}
}

// --now moves the console's clock; a chat server runs on the real one.
func TestNowIsForTheConsoleOnly(t *testing.T) {
	t.Setenv("MELDBOT_SLACK_BOT_TOKEN", "xoxb-test")
	var stderr bytes.Buffer
	if code := run([]string{"--now", "2026-12-04 16:00"}, strings.NewReader(""), &bytes.Buffer{}, &stderr); code != 2 || !strings.Contains(stderr.String(), "--now is for the console only") {
		t.Errorf("exit %d: %s", code, stderr.String())
	}
	t.Setenv("MELDBOT_SLACK_BOT_TOKEN", "")
	stderr.Reset()
	data := t.TempDir() + "/x.db"
	if code := run([]string{"--data", data, "--now", "vrijdag"}, strings.NewReader(""), &bytes.Buffer{}, &stderr); code != 2 || !strings.Contains(stderr.String(), `--now "vrijdag"`) {
		t.Errorf("exit %d: %s", code, stderr.String())
	}
	if _, err := os.Stat(data); err == nil {
		t.Error("a wrong --now made a data file")
	}
}
