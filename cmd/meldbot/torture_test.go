package main

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"meldbot/bot"
	"meldbot/bot/bottest"
	"meldbot/storage"
)

// tortureReport is a report typed in the console, line by line, each with
// what meldbot asks next. Every answer can be given twice without harm
// ("2, 3" is a whole answer, not a toggle), so a line typed again after a
// crash cannot change an answer.
var tortureReport = []struct{ line, next string }{
	{"/incident", "Wat is er gebeurd?"},
	{"2, 3", "Hoe was het contact?"},
	{"Persoonlijk", "Wanneer gebeurde het?"},
	{"gisteren 09:15", "Waar gebeurde het?"},
	{"Wijkpost Noord", "Vertel in je eigen woorden"},
	{"Een man bedreigde me bij de wijkpost toen ik de deur wilde sluiten.", "Wie was de andere partij?"},
	{"Onbekend", "Om hoeveel personen ging het?"},
	{"Eén persoon", "Was er een wapen"},
	{"Nee", "Ben je gewond geraakt?"},
	{"Nee", "afwezig van je werk"},
	{"Nee", "materiële schade"},
	{"Nee", "Hoeveel impact"},
	{"Enigszins", "Waren er getuigen?"},
	{"Geen getuigen", "Was er een beveiliger bij betrokken?"},
	{"Nee", "Moet de werkplek worden aangepast?"},
	{"Nee", "Wil je nu iemand spreken?"},
	{"Nee, nu niet", "Doe je aangifte"},
	{"Ik twijfel nog", "Mag ik over een paar dagen vragen"},
	{"Nee, dank je", ". Melding stoppen"},
	{"Versturen", "Je melding is geregistreerd onder nummer"},
}

var girNumber = regexp.MustCompile(`GIR-\d{4}-\d{4}`)

// TestCrashTorture starts the real meldbot binary in the console again and
// again on one data file, types reports into it and kills it with SIGKILL
// at a random moment: right after a line, before or after its reply came.
// After every restart the report in progress must resume at the question
// after the last answer meldbot took — the last one whose reply was seen, or
// the one typed just before the kill — and at the end every report meldbot
// confirmed must be in the register, numbered without gaps or duplicates.
//
// It runs only when MELDBOT_TORTURE is set: to the number of kills (1 means
// 50), within MELDBOT_TORTURE_FOR (default 10m); MELDBOT_TORTURE_SEED
// repeats a run.
func TestCrashTorture(t *testing.T) {
	kills, limit, seed := tortureSettings(t)
	t.Logf("%d kills within %s, seed %d (MELDBOT_TORTURE_SEED=%d repeats this run)", kills, limit, seed, seed)
	rng := rand.New(rand.NewPCG(seed, seed))
	dir := t.TempDir()
	bin := buildMeldbot(t, dir)
	data := filepath.Join(dir, "meldbot.db")
	deadline := time.Now().Add(limit)

	var (
		confirmed   []string // numbers meldbot gave
		unconfirmed int      // reports sent when meldbot was killed, whose number was not seen
		pos         int      // the next line of tortureReport to type
		done        int
	)
	for ; done < kills && time.Now().Before(deadline); done++ {
		p := startBinary(t, bin, dir, "--data", data)
		p.waitFor(0, "Je bent nu")
		if done > 0 {
			pos = resume(t, p, pos, &unconfirmed)
		}
		// Type a random number of lines, the last one without waiting
		// for its reply, and kill meldbot a random moment later.
		n := 1 + rng.IntN(len(tortureReport)-pos)
		for i := range n {
			step := tortureReport[pos]
			if i < n-1 {
				out := p.say(step.line, step.next)
				confirmed = appendNumber(confirmed, out)
				pos = next(pos)
				continue
			}
			mark := len(p.stdout.String())
			if _, err := io.WriteString(p.stdin, step.line+"\n"); err != nil {
				t.Fatal(err)
			}
			time.Sleep(time.Duration(rng.IntN(30)) * time.Millisecond)
			_ = p.cmd.Process.Signal(syscall.SIGKILL)
			<-p.done
			if out := p.stdout.String()[mark:]; strings.Contains(out, step.next) {
				confirmed = appendNumber(confirmed, out) // the reply came before the kill
				pos = next(pos)
			} else {
				pos = -1 - pos // typed, not known to be taken: resume decides
			}
		}
	}
	if pos < 0 {
		// The line typed at the last kill may or may not have been taken
		// (a report sent, say): one more start tells.
		p := startBinary(t, bin, dir, "--data", data)
		p.waitFor(0, "Je bent nu")
		resume(t, p, pos, &unconfirmed)
		p.stdin.Close()
		<-p.done
	}
	t.Logf("%d kills; %d reports confirmed, %d sent without their number seen", done, len(confirmed), unconfirmed)
	if done < min(kills, 50) {
		t.Fatalf("only %d kills within %s; want at least %d", done, limit, min(kills, 50))
	}
	checkRegister(t, data, confirmed, unconfirmed)
}

// tortureSettings reads the environment, or skips the test.
func tortureSettings(t *testing.T) (kills int, limit time.Duration, seed uint64) {
	v := os.Getenv("MELDBOT_TORTURE")
	if v == "" {
		t.Skip("set MELDBOT_TORTURE=1 (or a number of kills) to kill meldbot at random points of reports")
	}
	kills, err := strconv.Atoi(v)
	if err != nil || kills < 1 {
		t.Fatalf("MELDBOT_TORTURE=%q is not a number of kills", v)
	}
	if kills == 1 {
		kills = 50
	}
	limit = 10 * time.Minute
	if d, err := time.ParseDuration(os.Getenv("MELDBOT_TORTURE_FOR")); err == nil {
		limit = d
	}
	seed = uint64(time.Now().UnixNano())
	if s, err := strconv.ParseUint(os.Getenv("MELDBOT_TORTURE_SEED"), 10, 64); err == nil {
		seed = s
	}
	return kills, limit, seed
}

// buildMeldbot builds the meldbot command into dir.
func buildMeldbot(t testing.TB, dir string) string {
	t.Helper()
	bin := filepath.Join(dir, "meldbot")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	if out, err := exec.CommandContext(ctx, "go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("building meldbot: %v\n%s", err, out)
	}
	return bin
}

// next is the line after pos; after the last, a new report begins.
func next(pos int) int { return (pos + 1) % len(tortureReport) }

// appendNumber adds the GIR number a reply confirms, if it does.
func appendNumber(confirmed []string, out string) []string {
	if i := strings.Index(out, "Je melding is geregistreerd onder nummer"); i >= 0 {
		if n := girNumber.FindString(out[i:]); n != "" {
			return append(confirmed, n)
		}
	}
	return confirmed
}

// resume asks meldbot, just started again, where the report stands, checks
// it against what was typed before the kill, and returns the next line to
// type. pos is that line, or -1-i when line i was typed at the kill and
// its reply not seen: then meldbot may or may not have taken it.
func resume(t *testing.T, p *proc, pos int, unconfirmed *int) int {
	t.Helper()
	inflight := -1
	if pos < 0 {
		inflight = -1 - pos
	}
	mark := len(p.stdout.String())
	if _, err := io.WriteString(p.stdin, "/incident\n"); err != nil {
		t.Fatal(err)
	}
	out := p.waitForAny(mark, "Je was al bezig met een melding", "Goed dat je dit meldt")
	if !strings.Contains(out, "Je was al bezig met een melding") {
		// No report in progress: /incident began a new one. Right only
		// when none had begun, or the last one was sent.
		switch {
		case pos == 0:
		case inflight == 0: // "/incident" typed at the kill, not taken
		case inflight == len(tortureReport)-1: // "Versturen" taken at the kill
			*unconfirmed++
		default:
			t.Fatalf("after the restart the report in progress is gone: it was at line %d (%q)\n%s", max(pos, inflight), lineAt(pos, inflight), out)
		}
		p.waitFor(mark, tortureReport[0].next)
		return 1
	}
	notice := mark + strings.Index(out, "Je was al bezig met een melding")
	at := -1 // the line the resumed question waits for
	deadline := time.Now().Add(15 * time.Second)
	for at < 0 && time.Now().Before(deadline) {
		shown := p.stdout.String()[notice:]
		for i, step := range tortureReport[:len(tortureReport)-1] {
			if strings.Contains(shown, step.next) {
				at = i + 1
				break
			}
		}
		time.Sleep(5 * time.Millisecond)
	}
	var want []int
	if pos >= 0 {
		want = []int{pos}
	} else {
		want = []int{inflight, next(inflight)} // not taken, or taken
	}
	if !slices.Contains(want, at) {
		t.Fatalf("after the restart the report resumed at line %d; want line %v (line %d typed at the kill: %q)\n%s",
			at, want, inflight, lineAt(pos, inflight), p.stdout.String()[mark:])
	}
	return at
}

// lineAt names the line a report was at.
func lineAt(pos, inflight int) string {
	if pos < 0 {
		return tortureReport[inflight].line
	}
	return tortureReport[pos].line
}

// waitForAny waits until the output since mark contains one of wants, and
// returns it.
func (p *proc) waitForAny(mark int, wants ...string) string {
	p.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		out := p.stdout.String()[mark:]
		for _, w := range wants {
			if strings.Contains(out, w) {
				return out
			}
		}
		time.Sleep(5 * time.Millisecond)
	}
	p.t.Fatalf("none of %q within 15s; output since:\n%s\nstderr:\n%s", wants, p.stdout.String()[mark:], p.stderr.String())
	return ""
}

// checkRegister checks the register after the torture: every confirmed
// report is in it, and the numbers run from 0001 without gaps or
// duplicates, one for each report sent.
func checkRegister(t *testing.T, data string, confirmed []string, unconfirmed int) {
	t.Helper()
	s, err := storage.OpenCurrent(data, false) // the follow-ups left are done (checkFollowedUp)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var numbers []string
	_ = s.View(context.Background(), func(tx bot.Tx) error {
		incs, err := tx.IncidentsOf("sanne.visser@voorbeeldrode.nl")
		for _, inc := range incs {
			numbers = append(numbers, inc.Number)
		}
		return err
	})
	for _, n := range confirmed {
		if !slices.Contains(numbers, n) {
			t.Errorf("%s was confirmed to the reporter but is not in the register", n)
		}
	}
	if len(numbers) != len(confirmed)+unconfirmed {
		t.Errorf("the register holds %d reports; %d were confirmed and %d sent at a kill", len(numbers), len(confirmed), unconfirmed)
	}
	for i, n := range numbers {
		year, seq, ok := bot.ParseIncidentNumber(n)
		if !ok || seq != i+1 || (i > 0 && !strings.HasPrefix(numbers[i-1], fmt.Sprintf("GIR-%d-", year))) {
			t.Errorf("register numbers %v: number %d is %s, want no gaps or duplicates", numbers, i+1, n)
			break
		}
	}
	checkFollowedUp(t, s, numbers)
}

// checkFollowedUp checks that every report was followed up — its tasks
// made — or is once the due tasks run, as they do when meldbot starts:
// a kill between a report and its follow-up leaves the follow-up due.
func checkFollowedUp(t *testing.T, s *storage.Store, numbers []string) {
	t.Helper()
	ctx := context.Background()
	withoutTasks := func() (out []string) {
		_ = s.View(ctx, func(tx bot.Tx) error {
			for _, n := range numbers {
				if tasks, err := tx.TasksOfIncident(n); err != nil || len(tasks) == 0 {
					out = append(out, n)
				}
			}
			return nil
		})
		return out
	}
	before := withoutTasks()
	b, err := bot.New(bot.Config{Org: bottest.SampleOrg(t), Store: s, Log: zerolog.Nop()})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.FireDue(ctx); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d of %d reports were followed up at the next start", len(before), len(numbers))
	if left := withoutTasks(); len(left) > 0 {
		t.Errorf("reports without tasks after the due tasks ran: %v", left)
	}
}
