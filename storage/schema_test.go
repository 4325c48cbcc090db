package storage

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"meldbot/bot"
)

func TestNewerSchemaIsRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "meldbot.db")
	s := openAt(t, path)
	_ = s.db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Put(keySchema, []byte("999")) })
	s.Close()
	if _, err := Open(path); err == nil || !strings.Contains(err.Error(), "newer meldbot") {
		t.Errorf("Open = %v, want a refusal naming the newer schema", err)
	}
}

// Opening a data file that is up to date only reads it: no write
// transaction, no disk sync, at every start and every maintenance command.
func TestOpeningACurrentFileWritesNothing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "meldbot.db")
	txid := func(s *Store) (id int) {
		_ = s.db.View(func(tx *bolt.Tx) error { id = tx.ID(); return nil })
		return id
	}
	s := openAt(t, path)
	created := txid(s)
	s.Close()
	s = openAt(t, path)
	if got := txid(s); got != created {
		t.Errorf("reopening wrote %d transaction(s)", got-created)
	}
}

// OpenCurrent opens a data file as it is: a file of an older schema is
// refused and left as it was, a missing one is not created, and read-only
// it refuses to write.
func TestOpenCurrentUpgradesNothing(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "meldbot.db")
	schema4File(t, path)
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, readOnly := range []bool{true, false} {
		if s, err := OpenCurrent(path, readOnly); !errors.Is(err, ErrOldSchema) || !strings.Contains(err.Error(), "schema 4") {
			if err == nil {
				s.Close()
			}
			t.Errorf("OpenCurrent(read-only %v) = %v, want ErrOldSchema naming schema 4", readOnly, err)
		}
	}
	if after, err := os.ReadFile(path); err != nil || !bytes.Equal(before, after) {
		t.Errorf("OpenCurrent changed the older file (%v)", err)
	}

	s := openAt(t, path) // upgrades it
	s.Close()
	s, err = OpenCurrent(path, true)
	if err != nil {
		t.Fatalf("OpenCurrent of a current file: %v", err)
	}
	if err := s.Update(context.Background(), func(bot.Tx) error { return nil }); err == nil {
		t.Error("a read-only store accepted an update")
	}
	s.Close()

	missing := filepath.Join(dir, "none.db")
	if _, err := OpenCurrent(missing, false); err == nil {
		t.Error("OpenCurrent of a missing file succeeded")
	}
	if _, err := os.Stat(missing); !os.IsNotExist(err) {
		t.Errorf("OpenCurrent created %s (%v)", missing, err)
	}
}

// Earlier versions closed an unanswered check-in as not needed; the
// migration opens it again, and leaves a check-in that was answered, or
// that someone really found not needed, as it is.
func TestLapsedCheckInsAreOpenedAgain(t *testing.T) {
	path := filepath.Join(t.TempDir(), "meldbot.db")
	at := time.Date(2026, 12, 9, 8, 30, 0, 0, time.UTC)
	lapsed := bot.Task{ID: "GIR-2026-0001/check_in/a@x.nl/1", Kind: bot.TaskCheckIn, Incident: "GIR-2026-0001",
		Assignee: "a@x.nl", State: bot.TaskNotNeeded,
		History: []bot.TaskEvent{{At: at.Add(-7 * 24 * time.Hour), What: "announced"}, {At: at, What: "lapsed", Note: "no answer"}}}
	answered := lapsed
	answered.ID, answered.State = "GIR-2026-0001/check_in/a@x.nl/2", bot.TaskDone
	answered.History = append(slices.Clone(lapsed.History), bot.TaskEvent{At: at.Add(time.Hour), By: "a@x.nl", What: "done", Note: "fine"})
	declined := lapsed
	declined.ID = "GIR-2026-0001/check_in/a@x.nl/3"
	declined.History = append(slices.Clone(lapsed.History), bot.TaskEvent{At: at.Add(time.Hour), By: "k@x.nl", What: "not_needed", Note: "verhuisd"})

	s := openAt(t, path)
	if err := s.Update(context.Background(), func(tx bot.Tx) error {
		for _, task := range []bot.Task{lapsed, answered, declined} {
			if err := tx.PutTask(task); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	_ = s.db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Put(keySchema, []byte("5")) })
	s.Close()

	s = openAt(t, path)
	want := map[string]bot.TaskState{lapsed.ID: bot.TaskOpen, answered.ID: bot.TaskDone, declined.ID: bot.TaskNotNeeded}
	if err := s.View(context.Background(), func(tx bot.Tx) error {
		for id, state := range want {
			task, err := tx.Task(id)
			if err != nil {
				return err
			}
			if task.State != state {
				t.Errorf("%s: state %s, want %s", id, task.State, state)
			}
		}
		mine, err := tx.TasksOf("a@x.nl")
		if len(mine) != 3 {
			t.Errorf("tasks of the employee after the migration: %d", len(mine))
		}
		return err
	}); err != nil {
		t.Fatal(err)
	}
}

// Earlier versions stored the police reference a manager recorded where
// the report's own goes; the migration moves it to a field of its own, and
// leaves a reference the report gave where it is.
func TestRecordedPoliceReferencesAreSeparated(t *testing.T) {
	path := filepath.Join(t.TempDir(), "meldbot.db")
	recorded := bot.Incident{Number: "GIR-2026-0001", Police: "undecided", PoliceOutcome: "aangifte", PoliceRef: "PV-4711", Status: bot.StatusOpen}
	reported := bot.Incident{Number: "GIR-2026-0002", Police: "done", PoliceRef: "PV-0815", Status: bot.StatusOpen}
	none := bot.Incident{Number: "GIR-2026-0003", Police: "no", Status: bot.StatusOpen}
	s := openAt(t, path)
	if err := s.Update(context.Background(), func(tx bot.Tx) error {
		return errors.Join(tx.PutIncident(recorded), tx.PutIncident(reported), tx.PutIncident(none))
	}); err != nil {
		t.Fatal(err)
	}
	_ = s.db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Put(keySchema, []byte("8")) })
	s.Close()

	s = openAt(t, path)
	_ = s.View(context.Background(), func(tx bot.Tx) error {
		for n, want := range map[string][2]string{"GIR-2026-0001": {"", "PV-4711"}, "GIR-2026-0002": {"PV-0815", ""}, "GIR-2026-0003": {"", ""}} {
			inc, err := tx.Incident(n)
			if err != nil {
				t.Fatal(err)
			}
			if got := [2]string{inc.PoliceRef, inc.RecordedPoliceRef}; got != want {
				t.Errorf("%s: reported %q, recorded %q; want %q", n, got[0], got[1], want)
			}
		}
		return nil
	})
}
