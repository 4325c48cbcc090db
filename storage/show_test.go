package storage

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"meldbot/bot"
	"meldbot/bot/bottest"
)

// showBench is a data file with one incident of Sanne's, and a harness on
// it; the file is not synced to disk after each transaction, which costs
// the same for every command and would hide what the command itself does.
func showBench(b *testing.B) *bottest.Harness {
	s, err := Open(filepath.Join(b.TempDir(), "meldbot.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	s.db.NoSync = true
	h := bottest.New(b, bottest.WithStore(s))
	sanne := "sanne.visser@voorbeeldrode.nl"
	if err := s.Update(context.Background(), func(tx bot.Tx) error {
		return tx.PutIncident(bot.Incident{Number: "GIR-2026-0001", ReportedAt: bottest.Friday, Reporter: bot.Email(sanne), ReporterName: "Sanne Visser",
			Subject: bot.Email(sanne), SubjectName: "Sanne Visser", Report: bot.ReportAnswers(bottest.Friday.Add(-time.Hour), map[string]string{
				"categories": "verbal", "department": "publiekszaken", "location": "stadhuis",
				"description": "Een klant schold me uit aan de balie omdat zijn paspoort niet klaar was."}), Status: bot.StatusOpen})
	}); err != nil {
		b.Fatal(err)
	}
	return h
}

// benchShow times /incident toon of number by a colleague who may not see
// it.
func benchShow(b *testing.B, number string) {
	h := showBench(b)
	show := bot.Command{User: h.User("alex"), Args: "toon " + number}
	ctx := context.Background()
	for b.Loop() {
		if err := h.Bot.Handle(ctx, show); err != nil {
			b.Fatal(err)
		}
	}
}

// /incident toon of an incident one may not see, and of a number that does
// not exist, take the same time: compare
//
//	go test ./storage -run '^$' -bench 'Show(NotAllowed|Missing)' -count 5
func BenchmarkShowNotAllowed(b *testing.B) { benchShow(b, "GIR-2026-0001") }

// See BenchmarkShowNotAllowed.
func BenchmarkShowMissing(b *testing.B) { benchShow(b, "GIR-2026-0002") }
