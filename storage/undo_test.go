package storage

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"meldbot/bot"
)

// The indexes keep keys without a value. A key one change of a shared
// commit wrote is there for the next change too: rewriting a record twice
// leaves one index entry, and a later change that fails and is undone does
// not take away what an earlier, acknowledged change wrote.
func TestIndexKeysWrittenEarlierInTheSameCommitAreKept(t *testing.T) {
	at := time.Date(2026, 11, 27, 15, 0, 0, 0, time.UTC)
	task := bot.Task{ID: "GIR-2026-0001/first_care", Kind: bot.TaskFirstCare, Incident: "GIR-2026-0001",
		Assignee: "peter.bakker@voorbeeldrode.nl", Start: at, Due: at.Add(time.Hour), State: bot.TaskOpen}
	later := task
	later.Due = at.Add(3 * time.Hour)
	put := func(tasks ...bot.Task) func(bot.Tx) error {
		return func(tx bot.Tx) error {
			for _, tk := range tasks {
				if err := tx.PutTask(tk); err != nil {
					return err
				}
			}
			return nil
		}
	}
	reference := func(tk bot.Task) map[string]string {
		s := openTemp(t)
		if err := s.Update(context.Background(), put(tk)); err != nil {
			t.Fatal(err)
		}
		return dump(t, s)
	}

	t.Run("a record rewritten in one change", func(t *testing.T) {
		s := openTemp(t)
		if err := s.Update(context.Background(), put(task, later)); err != nil {
			t.Fatal(err)
		}
		if diff := diffDumps(reference(later), dump(t, s)); diff != "" {
			t.Errorf("writing the task twice left:\n%s", diff)
		}
	})

	t.Run("a failed change after an acknowledged one", func(t *testing.T) {
		s := openTemp(t)
		release := holdWriter(t, s)
		boom := errors.New("boom")
		var wg sync.WaitGroup
		var firstErr, failedErr error
		wg.Go(func() { firstErr = s.Update(context.Background(), put(task)) })
		awaitQueued(t, s, 1)
		wg.Go(func() {
			failedErr = s.Update(context.Background(), func(tx bot.Tx) error {
				if err := put(later)(tx); err != nil {
					return err
				}
				return boom
			})
		})
		awaitQueued(t, s, 2)
		release()
		wg.Wait()
		if firstErr != nil || !errors.Is(failedErr, boom) {
			t.Fatalf("first %v, failed %v", firstErr, failedErr)
		}
		got := dump(t, s)
		delete(got, "marks/held")
		if diff := diffDumps(reference(task), got); diff != "" {
			t.Errorf("undoing the failed change took from the acknowledged one:\n%s", diff)
		}
	})
}
