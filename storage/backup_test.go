package storage

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"meldbot/bot"
	"meldbot/bot/bottest"
)

// typedReport is a whole report typed by someone the organisation file does
// not list (every member of staff may report): each line is one event.
var typedReport = []string{"/incident", "2", "Persoonlijk", "gisteren 09:15", "1", "1",
	"Een man schold me uit aan de balie en dreigde terug te komen.", "Onbekend", "Eén persoon", "Nee", "Nee", "Nee",
	"Nee", "Enigszins", "Geen getuigen", "Nee", "Nee", "Nee, nu niet", "Ik twijfel nog", "Nee, dank je", "Versturen"}

// event turns a typed line into the event a chat delivers.
func event(u bot.User, line string) bot.Event {
	if args, ok := bottest.CutCommand(line); ok {
		return bot.Command{User: u, Args: args}
	}
	return bot.Text{User: u, Body: line}
}

// stepsOfReport returns the step the conversation is at after each line of
// typedReport ("" after the last: the report is sent).
func stepsOfReport(t *testing.T) []string {
	t.Helper()
	h := bottest.New(t)
	u := h.User("proef@voorbeeldrode.nl")
	var steps []string
	for _, line := range typedReport {
		h.Handle(event(u, line))
		step := ""
		_ = h.Store.View(context.Background(), func(tx bot.Tx) error {
			if c, err := tx.Conversation(u.Email); err == nil {
				step = c.Step
			}
			return nil
		})
		steps = append(steps, step)
	}
	if steps[len(steps)-1] != "" {
		t.Fatalf("the typed report does not end in a sent report: %q", steps)
	}
	return steps
}

// A backup taken while 200 people report at once holds every report and
// every answer that was committed before it began, and opens as a data
// file of its own on which the conversations go on.
func TestBackupDuringTwoHundredConcurrentReports(t *testing.T) {
	steps := stepsOfReport(t)
	dir := t.TempDir()
	s := openAt(t, filepath.Join(dir, "meldbot.db"))
	// What a commit means to another transaction and to a backup does not
	// depend on the disk sync, which would make 4,200 commits slow here.
	s.db.NoSync = true
	h := bottest.New(t, bottest.WithStore(s))
	ctx := context.Background()

	const reporters = 200
	users := make([]bot.User, reporters)
	progress := make([]atomic.Int32, reporters) // lines handled and committed
	for i := range users {
		users[i] = h.User(fmt.Sprintf("medewerker%03d@voorbeeldrode.nl", i))
	}
	var wg sync.WaitGroup
	// The backup begins once 20 reports were sent, the others under way:
	// each reporter starts once the one before has answered a question,
	// so they are spread over the report.
	begin := make(chan struct{})
	var finished atomic.Int32
	var failed atomic.Value
	answered := make([]chan struct{}, reporters) // closed when reporter i answered a question
	for i := range answered {
		answered[i] = make(chan struct{})
	}
	for i := range users {
		wg.Go(func() {
			if i > 0 {
				<-answered[i-1]
			}
			signal := sync.OnceFunc(func() { close(answered[i]) })
			defer signal() // also when the report fails
			for l, line := range typedReport {
				if err := h.Bot.Handle(ctx, event(users[i], line)); err != nil {
					failed.Store(err)
					return
				}
				progress[i].Add(1)
				if l == 1 {
					signal()
				}
			}
			if finished.Add(1) == 20 {
				close(begin)
			}
		})
	}

	<-begin
	before := make([]int32, reporters) // what was committed before the backup began
	for i := range progress {
		before[i] = progress[i].Load()
	}
	backup := filepath.Join(dir, "backup.db")
	if _, err := s.BackupTo(ctx, backup); err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	if err, _ := failed.Load().(error); err != nil {
		t.Fatal(err)
	}
	s.Close()

	restored := openAt(t, backup)
	sent, midway := 0, 0
	var underway []bot.User // midway in the backup, which may hold more than was committed before it began
	_ = restored.View(ctx, func(tx bot.Tx) error {
		for i, u := range users {
			n := int(before[i])
			incs, err := tx.IncidentsOf(u.Email)
			if err != nil {
				t.Fatal(err)
			}
			c, convErr := tx.Conversation(u.Email)
			if convErr == nil && len(incs) == 0 {
				underway = append(underway, u)
			}
			switch {
			case n == len(typedReport):
				sent++
				if len(incs) != 1 {
					t.Errorf("%s sent a report before the backup began; the backup holds %d", u.Email, len(incs))
				}
			case n > 0 && len(incs) == 0:
				midway++
				if convErr != nil {
					t.Errorf("%s answered %d questions before the backup began; the backup has no conversation: %v", u.Email, n, convErr)
				} else if at := indexOf(steps, c.Step); at < n-1 {
					t.Errorf("%s was at %q before the backup began; the backup has them back at %q", u.Email, steps[n-1], c.Step)
				}
			}
		}
		return nil
	})
	t.Logf("committed before the backup began: %d reports sent, %d under way", sent, midway)
	if sent+midway == 0 {
		t.Fatal("nothing was committed before the backup began: the test tested nothing")
	}

	// A fresh meldbot on the restored file: someone whose report was under
	// way goes on at their question.
	if len(underway) == 0 {
		t.Fatal("nobody is midway in the backup: the test tested nothing")
	}
	again := bottest.New(t, bottest.WithStore(restored))
	again.Flush() // what waited in the outbox
	again.Type(underway[0], "/incident")
	if _, err := again.Await(underway[0], "Je was al bezig met een melding"); err != nil {
		t.Error(err)
	}
}

// indexOf returns the position of step in steps, or -1.
func indexOf(steps []string, step string) int {
	for i, s := range steps {
		if s == step {
			return i
		}
	}
	return -1
}

// Scheduled backups keep the newest few, each checked; one that fails its
// check is set apart and pushes no good backup out.
func TestBackupsRotateAndADamagedOneIsSetApart(t *testing.T) {
	dir := t.TempDir()
	s := openAt(t, filepath.Join(dir, "meldbot.db"))
	generateRegister(t, s, 300)
	b := Backups{Dir: filepath.Join(dir, "backups"), Keep: 3}
	at := time.Date(2026, 12, 6, 4, 0, 0, 0, time.UTC)
	for i := range 5 {
		bk, err := b.Take(context.Background(), s, at.Add(time.Duration(i)*time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		if bk.Report.Counts.Incidents != 300 || !bk.Report.OK() {
			t.Errorf("backup %d checked as %+v", i, bk.Report)
		}
	}
	all, err := b.List()
	if err != nil || len(all) != 3 || !all[0].At.Equal(at.Add(2*time.Hour)) {
		t.Fatalf("after five backups with keep 3: %v, %v", all, err)
	}
	if latest, ok, _ := b.Latest(); !ok || filepath.Base(latest.Path) != "meldbot-20261206T080000Z.db" {
		t.Errorf("latest = %v", latest.Path)
	}

	// Damage a page of the data file in use: the next backup copies the
	// damage, fails its check and is set apart.
	var root int64
	_ = s.db.View(func(tx *bolt.Tx) error { root = int64(tx.Bucket(bucketIncidents).RootPage()); return nil })
	overwrite(t, s.Path(), root*int64(s.db.Info().PageSize), make([]byte, s.db.Info().PageSize))
	bk, err := b.Take(context.Background(), s, at.Add(9*time.Hour))
	if !errors.Is(err, ErrBackupDamaged) || !strings.HasSuffix(bk.Path, ".damaged") {
		t.Fatalf("backup of a damaged file: %v, %v", bk.Path, err)
	}
	if all, _ := b.List(); len(all) != 3 {
		t.Errorf("a damaged backup pushed out a good one: %v", all)
	}
	if _, err := os.Stat(bk.Path); err != nil {
		t.Errorf("the damaged backup is not kept apart: %v", err)
	}
}

// A backup killed while it wrote leaves its temporary file, as large as the
// data file; the next backup removes it, but not one another backup may
// still be writing.
func TestABackupRemovesWhatAKilledBackupLeftUnfinished(t *testing.T) {
	dir := t.TempDir()
	s := openAt(t, filepath.Join(dir, "meldbot.db"))
	b := Backups{Dir: filepath.Join(dir, "backups"), Keep: 3}
	if err := os.MkdirAll(b.Dir, 0o700); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 12, 6, 4, 0, 0, 0, time.UTC)
	left := filepath.Join(b.Dir, ".meldbot-20261206T020000Z.db.123.tmp")
	writing := filepath.Join(b.Dir, ".meldbot-20261206T035500Z.db.456.tmp")
	for f, mtime := range map[string]time.Time{left: at.Add(-2 * time.Hour), writing: at.Add(-5 * time.Minute)} {
		if err := os.WriteFile(f, []byte("half a backup"), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(f, mtime, mtime); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := b.Take(context.Background(), s, at); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(left); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the unfinished backup of two hours ago is still there: %v", err)
	}
	if _, err := os.Stat(writing); err != nil {
		t.Errorf("a backup that may still be writing was removed: %v", err)
	}
}

// BenchmarkBackup100k takes a backup of a data file of 100,000 incidents
// into a directory and checks it, as a scheduled backup does.
func BenchmarkBackup100k(b *testing.B) {
	s := benchStore(b)
	dir := b.TempDir()
	at := time.Date(2026, 12, 6, 4, 0, 0, 0, time.UTC)
	i := 0
	for b.Loop() {
		i++
		if _, err := (Backups{Dir: dir, Keep: 2}).Take(context.Background(), s, at.Add(time.Duration(i)*time.Second)); err != nil {
			b.Fatal(err)
		}
	}
	if fi, err := os.Stat(benchPath); err == nil {
		b.ReportMetric(float64(fi.Size())/(1<<20), "datafile-MB")
	}
}
