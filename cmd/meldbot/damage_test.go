package main

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"meldbot/storage"
)

// zeroPage overwrites the root page of a bucket of a closed data file with
// zeros: a page in use, damaged.
func zeroPage(t *testing.T, path, bucket string) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	var root int64
	_ = db.View(func(tx *bolt.Tx) error { root = int64(tx.Bucket([]byte(bucket)).RootPage()); return nil })
	size := db.Info().PageSize
	db.Close()
	if root == 0 {
		t.Fatalf("bucket %s has no page of its own", bucket)
	}
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteAt(make([]byte, size), root*int64(size)); err != nil {
		t.Fatal(err)
	}
}

// noCrash fails the test when output shows a panic or a fault instead of
// an explanation.
func noCrash(t *testing.T, what, output string) {
	t.Helper()
	for _, crash := range []string{"goroutine ", "panic:", "fatal error", "SIGSEGV", "SIGBUS"} {
		if strings.Contains(output, crash) {
			t.Errorf("%s crashed instead of explaining:\n%s", what, output)
			return
		}
	}
}

// An existing empty data file is refused by meldbot and by every
// maintenance command, each saying to restore the latest backup, and it
// stays empty: no register is started again at number 0001.
func TestAnEmptyDataFileIsRefusedEverywhere(t *testing.T) {
	dir := t.TempDir()
	config, _ := orgWithBackups(t, dir)
	data := filepath.Join(dir, "meldbot.db")
	if err := os.WriteFile(data, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"run", "--config", config, "--data", data},
		{"export", "--config", config, "--data", data, "--from", "2026-01-01", "--to", "2026-12-31"},
		{"purge", "--dry-run", "--config", config, "--data", data},
		{"purge", "--config", config, "--data", data},
		{"verify", data},
	} {
		var out, errOut bytes.Buffer
		code := run(args, strings.NewReader(""), &out, &errOut)
		all := out.String() + errOut.String()
		if code == 0 || !strings.Contains(all, "empty") || strings.Contains(all, "bad file descriptor") {
			t.Errorf("meldbot %s: exit %d:\n%s", strings.Join(args, " "), code, all)
		}
		if args[0] != "verify" && !strings.Contains(all, "restore the latest backup") {
			t.Errorf("meldbot %s does not say to restore the latest backup:\n%s", args[0], all)
		}
		if fi, err := os.Stat(data); err != nil || fi.Size() != 0 {
			t.Fatalf("meldbot %s wrote to the empty data file (%v bytes)", strings.Join(args, " "), fi.Size())
		}
	}
}

// meldbot started on a damaged data file says so and names the latest
// backup to restore, instead of a stack trace or a memory fault; verify
// names the damage.
func TestADamagedDataFileNamesTheBackupToRestore(t *testing.T) {
	dir := t.TempDir()
	config, backups := orgWithBackups(t, dir)
	data := sampleDataFile(t, dir)
	var out, errOut bytes.Buffer
	if code := run([]string{"backup", "--config", config, "--data", data}, nil, &out, &errOut); code != 0 {
		t.Fatalf("backup: %d %s%s", code, out.String(), errOut.String())
	}
	latest, _ := filepath.Glob(filepath.Join(backups, "meldbot-*.db"))
	if len(latest) != 1 {
		t.Fatalf("backups: %v", latest)
	}
	zeroPage(t, data, "incidents")

	p := startMeldbot(t, dir, "--config", config, "--data", data)
	<-p.done
	stderr := p.stderr.String()
	if p.cmd.ProcessState.ExitCode() != 1 || !strings.Contains(stderr, "the data file is damaged; restore the latest backup ("+latest[0]) {
		t.Errorf("meldbot on a damaged data file: exit %d:\n%s", p.cmd.ProcessState.ExitCode(), stderr)
	}
	noCrash(t, "meldbot", stderr)

	out.Reset()
	errOut.Reset()
	code := run([]string{"verify", data}, nil, &out, &errOut)
	if code != 1 || !strings.Contains(out.String(), "Check: DAMAGED") {
		t.Errorf("verify of the damaged file: exit %d:\n%s%s", code, out.String(), errOut.String())
	}
	noCrash(t, "verify", out.String()+errOut.String())
	// The backup is good, and verify says so without changing it.
	before, _ := os.ReadFile(latest[0])
	out.Reset()
	if code := run([]string{"verify", latest[0]}, nil, &out, &errOut); code != 0 || !strings.Contains(out.String(), fmt.Sprintf("Check: OK — schema %d;", storage.SchemaVersion)) {
		t.Errorf("verify of the backup: exit %d:\n%s%s", code, out.String(), errOut.String())
	}
	if after, _ := os.ReadFile(latest[0]); !bytes.Equal(before, after) {
		t.Error("verify changed the file it checked")
	}
}

// An incident whose record cannot be read — bytes that are no record, or
// another incident's record under its key — is left out of the export and
// named, instead of failing the whole export.
func TestExportLeavesOutARecordThatCannotBeRead(t *testing.T) {
	useSample(t)
	key := []byte("2026/00000110") // GIR-2026-0110, 30 September
	for name, damage := range map[string]func(b *bolt.Bucket) error{
		"not a record": func(b *bolt.Bucket) error { return b.Put(key, bytes.Repeat([]byte{'#'}, len(b.Get(key)))) },
		"another's":    func(b *bolt.Bucket) error { return b.Put(key, b.Get([]byte("2026/00000109"))) },
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			data := sampleDataFile(t, dir)
			alterDataFile(t, data, func(tx *bolt.Tx) error { return damage(tx.Bucket([]byte("incidents"))) })
			out := filepath.Join(dir, "q3.csv")
			var stdout, stderr bytes.Buffer
			if code := run([]string{"export", "--data", data, "--from", "2026-07-01", "--to", "2026-09-30", "--out", out}, nil, &stdout, &stderr); code != 0 {
				t.Fatalf("exit %d: %s", code, stderr.String())
			}
			for _, want := range []string{"Left out GIR-2026-0110: its record cannot be read", "Exported 10 incidents", "Not in the export, as they could not be read: 1 incident (GIR-2026-0110)"} {
				if !strings.Contains(stderr.String(), want) {
					t.Errorf("stderr lacks %q:\n%s", want, stderr.String())
				}
			}
			if file, _ := os.ReadFile(out); strings.Count(string(file), "GIR-2026-0109") != 1 || strings.Contains(string(file), "GIR-2026-0110") {
				t.Errorf("the export holds the unreadable incident or not the others once:\n%s", file)
			}
		})
	}
}

// On a chat server meldbot serves before the whole data file is checked;
// when the check it makes meanwhile finds a damaged page, meldbot stops and
// names the backup to restore, as it does on the console before it starts.
func TestOnAChatServerADamagedDataFileStopsMeldbot(t *testing.T) {
	dir := t.TempDir()
	config, _ := orgWithBackups(t, dir)
	data := sampleDataFile(t, dir)
	zeroPage(t, data, "incidents")
	mm := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "onderhoud", http.StatusServiceUnavailable)
	}))
	defer mm.Close()
	cmd := exec.Command(os.Args[0], "run", "--config", config, "--data", data, "--admin", "off")
	cmd.Dir = dir
	cmd.Env = append(cleanEnv(), "MELDBOT_TEST_MAIN=1",
		"MELDBOT_MATTERMOST_URL="+mm.URL, "MELDBOT_MATTERMOST_TOKEN=bottoken", "MELDBOT_MATTERMOST_TEAM=gemeente",
		"MELDBOT_MATTERMOST_CALLBACK_URL=http://127.0.0.1:8066", "MELDBOT_MATTERMOST_LISTEN=127.0.0.1:0",
		"MELDBOT_SECRET=een-lang-geheim-van-32-tekens!!!")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	done := make(chan error, 1)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(time.Minute):
		_ = cmd.Process.Kill()
		<-done
		t.Fatalf("meldbot on a damaged data file still runs after a minute:\n%s", stderr.String())
	}
	out := stderr.String()
	if cmd.ProcessState.ExitCode() != 1 || !strings.Contains(out, "the data file is damaged; restore the latest backup") {
		t.Errorf("meldbot on a chat server with a damaged data file: exit %d:\n%s", cmd.ProcessState.ExitCode(), out)
	}
	noCrash(t, "meldbot", out)
}
