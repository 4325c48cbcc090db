package storage

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"meldbot/bot"
	"meldbot/bot/bottest"
)

// Tasks survive a restart: meldbot stopped before a task was due and
// started after fires it once, late, and says so; never twice.
func TestTasksSurviveARestartAndFireOnceLate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "meldbot.db")
	s := openAt(t, path)
	clock := bottest.NewClock(bottest.Friday) // Friday 15:00
	h := bottest.New(t, bottest.WithStore(s), bottest.WithClock(clock))
	bottest.Run(t, h, bottest.ReportScript, h.User)
	s.Close() // stopped before first care is due (Monday 10:30)

	// Started again on Monday at 11:00: the reminder is half an hour late.
	clock.Set(time.Date(2026, 11, 30, 11, 0, 0, 0, h.Org.TimeZone))
	for restart := range 3 {
		s = openAt(t, path)
		h = bottest.New(t, bottest.WithStore(s), bottest.WithClock(clock))
		h.Fire()
		var firstCare []bottest.Delivery
		for _, d := range h.Received() {
			if d.To == "peter.bakker@voorbeeldrode.nl" && strings.Contains(d.Text, "Eerste opvang") {
				firstCare = append(firstCare, d)
			}
		}
		switch {
		case restart == 0 && len(firstCare) != 1:
			t.Fatalf("first start: %d first-care messages, want 1:\n%s", len(firstCare), bottest.FormatDeliveries(h.Received()))
		case restart == 0:
			for _, want := range []string{"later dan gepland", "Herinnering: de termijn van *Eerste opvang* is verstreken"} {
				if !strings.Contains(firstCare[0].Text, want) {
					t.Errorf("the late reminder lacks %q:\n%s", want, firstCare[0].Text)
				}
			}
		case len(firstCare) != 0:
			t.Errorf("restart %d sent first care again:\n%s", restart, bottest.FormatDeliveries(firstCare))
		}
		s.Close()
	}

	// A task whose reminder and escalation both passed while meldbot was
	// down is escalated once, not reminded and escalated in a burst.
	clock.Set(time.Date(2026, 12, 2, 9, 0, 0, 0, h.Org.TimeZone))
	s = openAt(t, path)
	h = bottest.New(t, bottest.WithStore(s), bottest.WithClock(clock))
	h.Fire()
	var got []string
	for _, d := range h.Received() {
		if strings.Contains(d.Text, "Eerste opvang") && strings.Contains(d.Text, "heeft *Eerste opvang* nog niet opgepakt") {
			got = append(got, string(d.To))
		}
	}
	if strings.Join(got, ",") != "fatima.elamrani@voorbeeldrode.nl,karin.devries@voorbeeldrode.nl" {
		t.Errorf("escalation after downtime went to %v", got)
	}
	if h.Fire(); len(h.Received()) != 0 {
		t.Errorf("firing again sent:\n%s", bottest.FormatDeliveries(h.Received()))
	}
	var state bot.TaskState
	_ = s.View(t.Context(), func(tx bot.Tx) error {
		task, err := tx.Task("GIR-2026-0001/first_care")
		state = task.State
		return err
	})
	if state != bot.TaskEscalated {
		t.Errorf("first care is %s, want escalated", state)
	}
}
