package storage

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"meldbot/bot"
	"meldbot/bot/bottest"
)

// A crash after an answer is saved but before the reply is sent loses
// nothing: the reply waits in the outbox of the data file and goes out when
// meldbot starts again.
func TestCrashBetweenSaveAndSend(t *testing.T) {
	path := filepath.Join(t.TempDir(), "meldbot.db")
	s := openAt(t, path)
	h := bottest.New(t, bottest.WithStore(s))
	sanne := h.User("sanne")
	// Handle without flushing: the process dies before the dispatcher runs.
	if err := h.Bot.Handle(context.Background(), bot.Command{User: sanne}); err != nil {
		t.Fatal(err)
	}
	s.Close()

	s = openAt(t, path)
	h = bottest.New(t, bottest.WithStore(s))
	h.Flush()
	if _, err := h.Await(sanne, "Wat is er gebeurd?"); err != nil {
		t.Fatal(err)
	}
	if n := len(h.Received()); n != 1 {
		t.Errorf("%d messages after the restart, want the one reply", n)
	}
	// And the conversation is where the reply says it is.
	h.Type(sanne, "1, 2")
	if _, err := h.Await(sanne, "Hoe was het contact?"); err != nil {
		t.Error(err)
	}
}

// A crash in the middle of a transaction leaves nothing half-written: bbolt
// commits all of a transaction or none of it.
func TestCrashInsideATransaction(t *testing.T) {
	path := filepath.Join(t.TempDir(), "meldbot.db")
	s := openAt(t, path)
	func() {
		defer func() { _ = recover() }()
		_ = s.Update(context.Background(), func(tx bot.Tx) error {
			if _, err := tx.NextIncidentSeq(2026); err != nil {
				return err
			}
			if err := tx.PutIncident(bot.Incident{Number: "GIR-2026-0001"}); err != nil {
				return err
			}
			panic("power cut")
		})
	}()
	s.Close()
	s = openAt(t, path)
	_ = s.View(context.Background(), func(tx bot.Tx) error {
		if _, err := tx.Incident("GIR-2026-0001"); !errors.Is(err, bot.ErrNotFound) {
			t.Errorf("half a transaction survived: %v", err)
		}
		return nil
	})
	var seq int
	_ = s.Update(context.Background(), func(tx bot.Tx) error { var err error; seq, err = tx.NextIncidentSeq(2026); return err })
	if seq != 1 {
		t.Errorf("sequence = %d after the failed transaction, want 1", seq)
	}
}

func TestReportSurvivesReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "meldbot.db")
	s := openAt(t, path)
	h := bottest.New(t, bottest.WithStore(s))
	bottest.Run(t, h, bottest.ReportScript, h.User)
	s.Close()
	s = openAt(t, path)
	_ = s.View(context.Background(), func(tx bot.Tx) error {
		inc, err := tx.Incident("GIR-2026-0001")
		if err != nil || !strings.Contains(inc.Report.Text("description"), "paspoort") {
			t.Errorf("after reopening: %+v, %v", inc, err)
		}
		return nil
	})
}

func TestSecondOpenTimesOut(t *testing.T) {
	path := openTemp(t).Path()
	start := time.Now()
	_, err := open(path, 200*time.Millisecond, true)
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("second open = %v, want ErrLocked", err)
	}
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("second open took %v", took)
	}
	if !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "already running") {
		t.Errorf("message does not help: %v", err)
	}
}
