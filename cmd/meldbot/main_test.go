package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"meldbot/bot/bottest"
)

// TestMain lets the tests start this test binary as the meldbot command: with
// MELDBOT_TEST_MAIN=1 it runs main's code instead of the tests.
func TestMain(m *testing.M) {
	if os.Getenv("MELDBOT_TEST_MAIN") == "1" {
		os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// proc is a meldbot process with its console on a pipe.
type proc struct {
	t      testing.TB
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	stdout *bottest.Buffer
	stderr *bottest.Buffer
	done   chan struct{}
}

// startMeldbot starts meldbot with args in dir, with no platform tokens:
// this test binary, acting as the command.
func startMeldbot(t *testing.T, dir string, args ...string) *proc {
	t.Helper()
	return startBinary(t, os.Args[0], dir, args...)
}

// startBinary starts the meldbot binary bin with args in dir, with no
// platform tokens.
func startBinary(t testing.TB, bin, dir string, args ...string) *proc {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	cmd.Env = append(cleanEnv(), "MELDBOT_TEST_MAIN=1")
	p := &proc{t: t, cmd: cmd, stdout: &bottest.Buffer{}, stderr: &bottest.Buffer{}, done: make(chan struct{})}
	cmd.Stdout, cmd.Stderr = p.stdout, p.stderr
	var err error
	if p.stdin, err = cmd.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { _ = cmd.Wait(); close(p.done) }()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		<-p.done
	})
	return p
}

// cleanEnv is the environment without platform tokens or meldbot settings.
func cleanEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "MELDBOT_") {
			env = append(env, kv)
		}
	}
	return env
}

// say types a line and waits until the output since then contains want.
func (p *proc) say(line, want string) string {
	p.t.Helper()
	mark := len(p.stdout.String())
	if _, err := io.WriteString(p.stdin, line+"\n"); err != nil {
		p.t.Fatalf("typing %q: %v", line, err)
	}
	return p.waitFor(mark, want)
}

func (p *proc) waitFor(mark int, want string) string {
	p.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		if out := p.stdout.String()[mark:]; strings.Contains(out, want) {
			return out
		}
		select {
		case <-p.done:
			p.t.Fatalf("meldbot exited while waiting for %q\nstdout:\n%s\nstderr:\n%s", want, p.stdout.String()[mark:], p.stderr.String())
		case <-time.After(10 * time.Millisecond):
		}
	}
	p.t.Fatalf("no %q within 15s; output since:\n%s\nstderr:\n%s", want, p.stdout.String()[mark:], p.stderr.String())
	return ""
}

// TestMatrix_E7_CrashInTheMiddleOfAReport kills meldbot with SIGKILL halfway
// through a report. Started again on the same data file, the reporter
// continues at the same question with every earlier answer intact, and no
// question is asked twice.
func TestMatrix_E7_CrashInTheMiddleOfAReport(t *testing.T) {
	dir := t.TempDir()
	p := startMeldbot(t, dir, "--data", "meldbot.db")
	p.say("/incident", "Wat is er gebeurd?")
	p.say("2", "✓ Bedreiging")
	p.say("Verder", "Hoe was het contact?")
	p.say("Persoonlijk", "Wanneer gebeurde het?")
	p.say("gisteren 9:15", "Bedoel je")
	p.say("1", "Waar gebeurde het?")
	p.say("Wijkpost Noord", "Vertel in je eigen woorden")
	p.say("Een man bedreigde me bij de wijkpost met een stok toen ik de deur wilde sluiten.", "Wie was de andere partij?")

	if err := p.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-p.done

	// Delivery is at least once: a question printed just before the kill
	// but not yet marked delivered is shown again after the banner.
	p = startMeldbot(t, dir, "--data", "meldbot.db")
	start := p.waitFor(0, "Je bent nu")
	if !strings.HasPrefix(start, "meldbot — lokale chat") {
		t.Errorf("the restart does not open with the banner:\n%s", start)
	}
	mark := len(p.stdout.String())
	notice := "Je was al bezig met een melding"
	out := p.say("/incident", notice)
	p.waitFor(mark+strings.Index(out, notice), "Wie was de andere partij?")
	for _, q := range []string{"Wat is er gebeurd?", "Wanneer gebeurde het?", "Vertel in je eigen woorden"} {
		if strings.Contains(p.stdout.String(), q) {
			t.Errorf("after the restart %q was asked again:\n%s", q, p.stdout.String())
		}
	}
	p.say("Onbekend", "Om hoeveel personen ging het?")
	p.say("Eén persoon", "Was er een wapen")
	p.say("Ja", "Ben je gewond geraakt?")
	p.say("Nee", "afwezig van je werk")
	p.say("Nee", "materiële schade")
	p.say("Nee", "Hoeveel impact")
	p.say("Veel", "Waren er getuigen?")
	p.say("Geen getuigen", "Was er een beveiliger bij betrokken?")
	p.say("Nee", "Moet de werkplek worden aangepast?")
	p.say("Nee", "Wil je nu iemand spreken?")
	p.say("Ja, graag", "Doe je aangifte")
	p.say("Ja, ik doe aangifte", "Mag ik over een paar dagen vragen")
	// Wait for the whole summary: its last button.
	summary := p.say("Nee, dank je", ". Melding stoppen")
	for _, want := range []string{"Wat: Bedreiging", "Contact: Persoonlijk", ", 09:15", "Plaats: Wijkpost Noord",
		"Beschrijving: Een man bedreigde me bij de wijkpost met een stok", "Wapen: Ja", "ernstig"} {
		if !strings.Contains(summary, want) {
			t.Errorf("summary after the restart lacks %q:\n%s", want, summary)
		}
	}
	// The manager's first-care task is the last message of the turn.
	done := p.say("Versturen", "→ Peter Bakker: 🚨 Eerste opvang")
	if !strings.Contains(done, "→ Karin de Vries: 🚨 ERNSTIG") {
		t.Errorf("coordinator not told of the serious report:\n%s", done)
	}
	if want := fmt.Sprintf("Je melding is geregistreerd onder nummer GIR-%d-0001", time.Now().Year()); !strings.Contains(done, want) {
		t.Errorf("no %q in:\n%s", want, done)
	}
}

// TestSecondProcessOnTheSameDataFile shows that a second meldbot on a data
// file in use stops within seconds with a clear message instead of hanging.
func TestSecondProcessOnTheSameDataFile(t *testing.T) {
	dir := t.TempDir()
	first := startMeldbot(t, dir, "--data", "meldbot.db")
	first.waitFor(0, "Je bent nu")

	start := time.Now()
	second := startMeldbot(t, dir, "--data", "meldbot.db")
	select {
	case <-second.done:
	case <-time.After(10 * time.Second):
		t.Fatal("the second process still runs after 10s")
	}
	if took := time.Since(start); took > 8*time.Second {
		t.Errorf("the second process took %v to give up", took)
	}
	if code := second.cmd.ProcessState.ExitCode(); code != 1 {
		t.Errorf("exit code %d, want 1", code)
	}
	if msg := second.stderr.String(); !strings.Contains(msg, "in use by another process") || !strings.Contains(msg, "meldbot.db") {
		t.Errorf("stderr does not explain the lock:\n%s", msg)
	}
	// The first one is unaffected.
	first.say("/incident help", "Wat je kunt typen")
}

func TestCheckConfig(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "meldbot.yaml")
	os.WriteFile(bad, []byte("organisation: Test\ntimezone: Europe/Amsterdm\npeople:\n  - email: karin@test\n    roles: [coordinater]\n"), 0o600)
	var out, errOut bytes.Buffer
	code := run([]string{"check-config", bad}, nil, &out, &errOut)
	if code != 1 {
		t.Errorf("exit code %d, want 1", code)
	}
	for _, want := range []string{
		`line 2, column 11: unknown time zone "Europe/Amsterdm"`,
		`line 4, column 12: "karin@test" is not a valid e-mail address`,
		`line 5, column 13: unknown role "coordinater"`,
		`did you mean "coordinator"?`,
		"fix: use an IANA time zone name such as Europe/Amsterdam",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("check-config output lacks %q:\n%s", want, out.String())
		}
	}
	out.Reset()
	if code := run([]string{"check-config"}, nil, &out, &errOut); code != 0 || !strings.Contains(out.String(), "is valid: Gemeente Voorbeeldrode, 3 departments") {
		t.Errorf("bundled sample: code %d, output %s", code, out.String())
	}
}

func TestVersionAndUsage(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := run([]string{"version"}, nil, &out, &errOut); code != 0 || !strings.HasPrefix(out.String(), "meldbot ") {
		t.Errorf("version: %d %q", code, out.String())
	}
	if code := run([]string{"frobnicate"}, nil, &out, &errOut); code != 2 || !strings.Contains(errOut.String(), "Usage:") {
		t.Errorf("unknown command: %d %q", code, errOut.String())
	}
}
