package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"meldbot/adapters/admin"
	"meldbot/bot/orgfile"
	"meldbot/storage"
)

// orgWithBackups writes the sample organisation file with a backup
// directory into dir and returns the paths of both.
func orgWithBackups(t *testing.T, dir string) (config, backups string) {
	t.Helper()
	backups = filepath.Join(dir, "backups")
	config = filepath.Join(dir, "meldbot.yaml")
	text := string(orgfile.Example) + "\nbackup:\n  dir: " + backups + "\n  every: 24h\n  keep: 3\n"
	if err := os.WriteFile(config, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return config, backups
}

// contact waits until the meldbot on the data file has written how to
// reach its admin listener.
func (p *proc) contact(data string) admin.Contact {
	p.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		if c, err := admin.LoadContact(data); err == nil {
			return c
		}
		time.Sleep(10 * time.Millisecond)
	}
	p.t.Fatalf("no admin contact next to %s; stderr:\n%s", data, p.stderr.String())
	return admin.Contact{}
}

// scrape reads the metrics and returns the value of each series, by the
// series as written ("meldbot_events_handled_total{kind=\"command\"}").
func scrape(t *testing.T, url string) map[string]float64 {
	t.Helper()
	resp, err := http.Get(url + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	out := map[string]float64{}
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") {
			continue
		}
		if i := strings.LastIndexByte(line, ' '); i > 0 {
			if v, err := strconv.ParseFloat(line[i+1:], 64); err == nil {
				out[line[:i]] = v
			}
		}
	}
	return out
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// The admin listener of a running meldbot answers health checks and shows
// metrics that move: an event handled, a message delivered, a backup made.
// Backups and checks need the admin token, which `meldbot backup` reads
// next to the data file.
func TestAdminListenerOfARunningMeldbot(t *testing.T) {
	dir := t.TempDir()
	config, backups := orgWithBackups(t, dir)
	data := filepath.Join(dir, "meldbot.db")
	p := startMeldbot(t, dir, "--config", config, "--data", data, "--admin", "127.0.0.1:0")
	p.waitFor(0, "Je bent nu")
	c := p.contact(data)
	if code, body := get(t, c.URL+"/healthz"); code != 200 || body != "ok\n" {
		t.Errorf("/healthz: %d %q", code, body)
	}
	if code, body := get(t, c.URL+"/readyz"); code != 200 {
		t.Errorf("/readyz: %d %q", code, body)
	}

	before := scrape(t, c.URL)
	p.say("/incident", "Wat is er gebeurd?")
	moved := []string{`meldbot_events_handled_total{kind="command"}`, `meldbot_deliveries_total{result="delivered",what="message"}`,
		`meldbot_event_handling_seconds_count{kind="command"}`}
	// The reply shows while the counts are still being made: look again
	// for a moment.
	var after map[string]float64
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		after = scrape(t, c.URL)
		waiting := slices.ContainsFunc(moved, func(s string) bool { return after[s] == before[s] }) ||
			after["meldbot_backup_last_success_timestamp_seconds"] == 0 // the backup at start, made beside
		if !waiting || time.Now().After(deadline) {
			break
		}
	}
	for _, series := range moved {
		if after[series] != before[series]+1 {
			t.Errorf("%s went from %v to %v after one command and its reply, want one more", series, before[series], after[series])
		}
	}
	// The scheduled backup of the start shows as the last one made.
	if last := after["meldbot_backup_last_success_timestamp_seconds"]; time.Since(time.Unix(int64(last), 0)) > time.Minute {
		t.Errorf("last backup at %v, want the one made at start", time.Unix(int64(last), 0))
	}
	if after["meldbot_outbox_messages"] != 0 || after["meldbot_chat_connected"] != 1 {
		t.Errorf("outbox %v, connected %v", after["meldbot_outbox_messages"], after["meldbot_chat_connected"])
	}

	// Without the token nobody can have a copy of the register.
	for _, req := range []struct{ method, path string }{{"GET", "/backup"}, {"POST", "/backup"}, {"POST", "/check"}} {
		r, _ := http.NewRequest(req.method, c.URL+req.path, nil)
		r.Header.Set("Authorization", "Bearer wrong")
		resp, err := http.DefaultClient.Do(r)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("%s %s with a wrong token: %d", req.method, req.path, resp.StatusCode)
		}
	}

	// meldbot backup asks the running meldbot: into the directory, and
	// into a file of its own.
	var out, errOut bytes.Buffer
	if code := run([]string{"backup", "--data", data}, nil, &out, &errOut); code != 0 {
		t.Fatalf("meldbot backup: exit %d: %s%s", code, out.String(), errOut.String())
	}
	if !strings.Contains(out.String(), "Backup: "+backups+"/meldbot-") || !strings.Contains(out.String(), fmt.Sprintf("Check: OK — schema %d; 0 incidents, 0 tasks, 1 conversation in progress", storage.SchemaVersion)) {
		t.Errorf("meldbot backup printed:\n%s", out.String())
	}
	out.Reset()
	copyPath := filepath.Join(dir, "copy.db")
	if code := run([]string{"backup", "--data", data, "--out", copyPath}, nil, &out, &errOut); code != 0 {
		t.Fatalf("meldbot backup --out: exit %d: %s%s", code, out.String(), errOut.String())
	}
	if !strings.Contains(out.String(), "Backup: "+copyPath) || !strings.Contains(out.String(), "Check: OK") {
		t.Errorf("meldbot backup --out printed:\n%s", out.String())
	}
	if got := scrape(t, c.URL)["meldbot_backup_last_success_timestamp_seconds"]; got < after["meldbot_backup_last_success_timestamp_seconds"] {
		t.Errorf("the backups asked for do not show as the last one")
	}
	// meldbot verify without a file asks the running meldbot to check,
	// also its audit trail.
	out.Reset()
	if code := run([]string{"verify", "--data", data}, nil, &out, &errOut); code != 0 || !strings.Contains(out.String(), "in use by the running meldbot") ||
		!strings.Contains(out.String(), "Audit trail: intact") {
		t.Errorf("meldbot verify of the running data file: exit %d:\n%s%s", code, out.String(), errOut.String())
	}

	// Stopped, meldbot removes its contact; a backup is then made directly.
	if _, err := io.WriteString(p.stdin, ""); err == nil {
		p.stdin.Close()
	}
	<-p.done
	if _, err := admin.LoadContact(data); err == nil {
		t.Error("the admin contact outlives meldbot")
	}
	out.Reset()
	if code := run([]string{"backup", "--config", config, "--data", data}, nil, &out, &errOut); code != 0 || !strings.Contains(out.String(), "Check: OK") {
		t.Errorf("meldbot backup of a stopped data file: exit %d:\n%s%s", code, out.String(), errOut.String())
	}
}
