package e2e

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"meldbot/bot"
	"meldbot/bot/orgfile"
)

// The people of the sample organisation who take part: Sanne reports, Peter
// is her manager, Karin the coordinator, Tom an employee for the latency
// measurement.
const (
	sanne = "sanne.visser@voorbeeldrode.nl"
	peter = "peter.bakker@voorbeeldrode.nl"
	karin = "karin.devries@voorbeeldrode.nl"
	tom   = "tom.smit@voorbeeldrode.nl"
)

// world is everything the suite started: PostgreSQL, Mattermost, the seeded
// accounts, the meldbot binary and the driver.
type world struct {
	dir     string
	org     *bot.Organisation
	pg      *postgres
	mm      *mattermostServer
	s       *seeded
	d       *driver
	meldbot string // binary
	secret  string

	mu      sync.Mutex
	running *proc // the meldbot process, if one runs
	port    int   // meldbot's listener, the same across restarts
}

var (
	suite     *world
	setupOnce sync.Once
	setupErr  error
)

func TestMain(m *testing.M) {
	if os.Getenv("MELDBOT_E2E") != "1" {
		fmt.Println("e2e: set MELDBOT_E2E=1 to run the suite against a real Mattermost server")
	}
	code := m.Run()
	suite.close()
	os.Exit(code)
}

func logf(format string, args ...any) { fmt.Printf("e2e: "+format+"\n", args...) }

// need returns the running world, starting it the first time; it skips the
// test unless MELDBOT_E2E=1.
func need(t testing.TB) *world {
	t.Helper()
	if os.Getenv("MELDBOT_E2E") != "1" {
		t.Skip("set MELDBOT_E2E=1 to run against a real Mattermost server")
	}
	setupOnce.Do(func() { suite, setupErr = setup() })
	if setupErr != nil {
		t.Fatal(setupErr)
	}
	return suite
}

func setup() (w *world, err error) {
	w = &world{}
	defer func() {
		if err != nil {
			w.close()
		}
	}()
	if w.dir, err = os.MkdirTemp("", "meldbot-e2e-"); err != nil {
		return w, err
	}
	if err = os.Chmod(w.dir, 0o755); err != nil { // PostgreSQL's user must reach its data
		return w, err
	}
	logf("working in %s", w.dir)
	mmBin, err := mattermostBinary(logf)
	if err != nil {
		return w, err
	}
	if w.meldbot, err = meldbotBinary(w.dir); err != nil {
		return w, err
	}
	start := time.Now()
	if w.pg, err = startPostgres(filepath.Join(w.dir, "pg"), logf); err != nil {
		return w, err
	}
	if w.mm, err = startMattermost(mmBin, filepath.Join(w.dir, "mm"), w.pg); err != nil {
		return w, err
	}
	logf("PostgreSQL on port %d and Mattermost at %s up in %s", w.pg.port, w.mm.url, time.Since(start).Round(time.Millisecond))
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	org, err := orgfile.Parse(orgfile.ExampleName, orgfile.Example)
	if err != nil {
		return w, err
	}
	w.org = org
	// meldbot on a chat server needs its organisation file: the sample.
	if err := os.WriteFile(filepath.Join(w.dir, "meldbot.yaml"), orgfile.Example, 0o600); err != nil {
		return w, err
	}
	if w.s, err = seed(ctx, w.mm.url, org, []string{sanne, peter, karin, tom}, []string{"meldbot", "echo", "zonderrechten"}); err != nil {
		return w, err
	}
	if w.d, err = newDriver(ctx, w.mm.url, w.s, w.s.bots["meldbot"].user.Id); err != nil {
		return w, err
	}
	b := make([]byte, 24)
	_, _ = rand.Read(b)
	w.secret = hex.EncodeToString(b)
	if w.port, err = freePort(); err != nil {
		return w, err
	}
	return w, nil
}

// close stops everything the suite started, by process ID, and removes its
// files unless MELDBOT_E2E_KEEP is set.
func (w *world) close() {
	if w == nil {
		return
	}
	w.mu.Lock()
	if w.running != nil {
		w.running.stop(syscall.SIGTERM, 10*time.Second)
	}
	w.mu.Unlock()
	if w.d != nil {
		w.d.close()
	}
	w.mm.stop()
	w.pg.stop()
	if w.dir != "" && os.Getenv("MELDBOT_E2E_KEEP") == "" {
		_ = os.RemoveAll(w.dir)
	} else if w.dir != "" {
		logf("kept %s", w.dir)
	}
}

// callbackURL is where Mattermost reaches meldbot's listener.
func (w *world) callbackURL() string { return "http://127.0.0.1:" + strconv.Itoa(w.port) }

// meldbotCmd returns the command that runs meldbot as bot botName on data
// file data, listening on port, where Mattermost reaches it.
func (w *world) meldbotCmd(botName, data string, port int) *exec.Cmd {
	return w.meldbotCmdBehind(botName, data, port, port)
}

// meldbotCmdBehind is meldbotCmd for a meldbot listening on port, which
// Mattermost reaches at callbackPort.
func (w *world) meldbotCmdBehind(botName, data string, port, callbackPort int) *exec.Cmd {
	cmd := exec.Command(w.meldbot, "run", "--data", data)
	cmd.Dir = w.dir
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "MELDBOT_") {
			env = append(env, kv)
		}
	}
	cmd.Env = append(env,
		"MELDBOT_CONFIG="+filepath.Join(w.dir, "meldbot.yaml"),
		"MELDBOT_MATTERMOST_URL="+w.mm.url,
		"MELDBOT_MATTERMOST_TOKEN="+w.s.bots[botName].token,
		"MELDBOT_MATTERMOST_TEAM="+w.s.team.Name,
		"MELDBOT_MATTERMOST_LISTEN=127.0.0.1:"+strconv.Itoa(port),
		"MELDBOT_MATTERMOST_CALLBACK_URL=http://127.0.0.1:"+strconv.Itoa(callbackPort),
		"MELDBOT_SECRET="+w.secret,
		"MELDBOT_ADMIN_LISTEN=127.0.0.1:0", // its address is in the contact next to the data file
		"MELDBOT_LOG_FORMAT=json",
		"MELDBOT_LOG_LEVEL=info",
	)
	return cmd
}

// startMeldbot starts meldbot (when it does not run) and waits until it
// listens for direct messages.
func (w *world) startMeldbot(t testing.TB) *proc { return w.startMeldbotOn(t, w.port) }

// startMeldbotOn is startMeldbot for a meldbot listening on port, which
// Mattermost reaches at the usual callback URL (through something in
// between when port is not w.port).
func (w *world) startMeldbotOn(t testing.TB, port int) *proc {
	t.Helper()
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.running != nil && !w.running.exited() {
		return w.running
	}
	p, err := start("meldbot", w.meldbotCmdBehind("meldbot", filepath.Join(w.dir, "meldbot.db"), port, w.port), filepath.Join(w.dir, "meldbot.log"))
	if err != nil {
		t.Fatal(err)
	}
	w.running = p
	if err := p.waitFor("listening for direct messages", 60*time.Second); err != nil {
		t.Fatal(err)
	}
	return p
}

// stopMeldbot stops meldbot as an operator would (SIGTERM).
func (w *world) stopMeldbot() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.running != nil {
		w.running.stop(syscall.SIGTERM, 10*time.Second)
		w.running = nil
	}
}

// killMeldbot ends meldbot with SIGKILL, as a crash would.
func (w *world) killMeldbot() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.running != nil {
		w.running.kill()
		w.running = nil
	}
}
