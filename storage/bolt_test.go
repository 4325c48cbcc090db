package storage

import (
	"context"
	"path/filepath"
	"testing"

	"meldbot/bot"
	"meldbot/bot/bottest"
)

// openTemp opens a new data file, closed when the test ends.
func openTemp(t *testing.T) *Store {
	t.Helper()
	return openAt(t, filepath.Join(t.TempDir(), "meldbot.db"))
}

// openAt opens the data file at path, closed when the test ends; a test
// that closes it itself, as a process that stops would, may.
func openAt(t *testing.T, path string) *Store {
	t.Helper()
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// withAReport opens a new data file in which Sanne has sent the report of
// bottest.ReportScript.
func withAReport(t *testing.T) *Store {
	t.Helper()
	s := openTemp(t)
	h := bottest.New(t, bottest.WithStore(s))
	bottest.Run(t, h, bottest.ReportScript, h.User)
	return s
}

func TestBoltContract(t *testing.T) {
	bottest.StoreContract(t, func(t *testing.T) bot.Store { return openTemp(t) })
}

// A task that moves to another row or incident is found only under the new
// one: every index entry of the old version goes when it is stored again.
func TestTaskIndexesFollowTheTask(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	task := bot.Task{ID: "t1", Row: "F2", Incident: "GIR-2026-0001", Assignee: "a@x.nl", Next: bottest.Friday}
	for _, put := range []bot.Task{task, {ID: "t1", Row: "F3", Incident: "GIR-2026-0002", Assignee: "b@x.nl"}} {
		if err := s.Update(ctx, func(tx bot.Tx) error { return tx.PutTask(put) }); err != nil {
			t.Fatal(err)
		}
	}
	_ = s.View(ctx, func(tx bot.Tx) error {
		byRow, _ := tx.TasksOfRow("F2")
		byInc, _ := tx.TasksOfIncident("GIR-2026-0001")
		byPerson, _ := tx.TasksOf("a@x.nl")
		due, _ := tx.DueTasks(bottest.Friday, 10)
		if len(byRow)+len(byInc)+len(byPerson)+len(due) != 0 {
			t.Errorf("the old version is still indexed: row %v, incident %v, person %v, due %v", byRow, byInc, byPerson, due)
		}
		if now, _ := tx.TasksOfRow("F3"); len(now) != 1 {
			t.Errorf("the new version is not indexed by row: %v", now)
		}
		return nil
	})
}
