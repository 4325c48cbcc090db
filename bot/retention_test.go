package bot_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"meldbot/bot"
	"meldbot/bot/bottest"
)

// Five years after an incident is closed its personal data goes; the
// anonymous counts stay, so every overview says exactly what it said before.
func TestPurgeRemovesPersonalDataAndKeepsEveryOverviewTheSame(t *testing.T) {
	h := sampleHarness(t)
	ctx := context.Background()
	h.Clock.Set(time.Date(2031, 10, 1, 12, 0, 0, 0, bottest.Amsterdam)) // closed before 1 October 2026 is past

	periods := []string{"2025", "2026", "2025-Q3", "2026-Q2", "2026-Q3", "2026-H1", "2026-Q3 Sociaal Domein", "2026-Q3 Wijkpost Noord"}
	overviews := func() map[string]string {
		out := map[string]string{}
		for _, p := range periods {
			out[p] = step(t, h, "karin", "/incident overzicht "+p, "📊")
			out[p+" (clerk)"] = step(t, h, "els", "/incident overzicht "+strings.Fields(p)[0])
		}
		return out
	}
	figures := func() string {
		var out []string
		for _, p := range []string{"2025", "2026"} {
			f := count(t, h.Store, p, bot.OverviewScope{})
			out = append(out, fmt.Sprintf("%+v", f))
		}
		return strings.Join(out, "\n")
	}
	beforeText, beforeFigures := overviews(), figures()

	// A dry run says what would go, and changes nothing.
	dry, err := h.Bot.Purge(ctx, bot.PurgeOptions{DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(dry.Purged) != 28 || len(dry.StillOpen) != 4 || !dry.Before.Equal(time.Date(2026, 10, 1, 12, 0, 0, 0, bottest.Amsterdam)) {
		t.Errorf("dry run: %d to purge, %d still open, before %v", len(dry.Purged), len(dry.StillOpen), dry.Before)
	}
	if got := strings.Join(dry.StillOpen, ","); got != "GIR-2026-0105,GIR-2026-0111,GIR-2026-0109,GIR-2026-0110" {
		t.Errorf("still open: %s", got)
	}
	if inc := incident(t, h, "GIR-2026-0101"); inc.Description == "" || !inc.PurgedAt.IsZero() {
		t.Fatal("a dry run removed data")
	}

	res, err := h.Bot.Purge(ctx, bot.PurgeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(res.Purged, ",") != strings.Join(dry.Purged, ",") {
		t.Errorf("purged %v, the dry run said %v", res.Purged, dry.Purged)
	}
	inc := incident(t, h, "GIR-2026-0101")
	if inc.Reporter+inc.ReporterName+inc.Subject+inc.SubjectName+inc.Description+inc.FirstCareBy != "" || inc.PurgedAt.IsZero() ||
		inc.Measure == nil || inc.Measure.By != "" || inc.Measure.Kind != "warning_letter" {
		t.Errorf("after the purge: %+v", inc)
	}
	if inc := incident(t, h, "GIR-2026-0109"); inc.Description == "" {
		t.Error("an incident with an open task lost its data")
	}
	_ = h.Store.View(ctx, func(tx bot.Tx) error {
		if tasks, _ := tx.TasksOfIncident("GIR-2026-0101"); len(tasks) != 0 {
			t.Errorf("the tasks of a purged incident stay: %v", tasks)
		}
		if mine, _ := tx.IncidentsOf("sample@voorbeeldrode.nl"); len(mine) != 4 {
			t.Errorf("the reporter is still found in %d incidents, want the 4 kept", len(mine))
		}
		return nil
	})

	afterText, afterFigures := overviews(), figures()
	for _, p := range periods {
		for _, k := range []string{p, p + " (clerk)"} {
			if beforeText[k] != afterText[k] {
				t.Errorf("the overview of %s changed:\n%s\n--- after ---\n%s", k, beforeText[k], afterText[k])
			}
		}
	}
	if beforeFigures != afterFigures {
		t.Errorf("the figures changed:\n%s\n--- after ---\n%s", beforeFigures, afterFigures)
	}

	// What is gone is gone, and says so; a second purge finds nothing.
	step(t, h, "karin", "/incident toon GIR-2026-0101", "persoonsgegevens van deze melding zijn verwijderd op wo 1 okt 2031", "!Beschrijving", "!Sample")
	step(t, h, "karin", "/incident audit GIR-2026-0101", "meldbot — persoonsgegevens verwijderd (bewaartermijn)")
	again, err := h.Bot.Purge(ctx, bot.PurgeOptions{})
	if err != nil || len(again.Purged) != 0 {
		t.Errorf("a second purge: %v, %v", again.Purged, err)
	}
}

// An incident is closed once every duty is done or not needed, from the
// latest of the last one closing and the last deadline. A check-in left
// unanswered keeps nothing open.
func TestWhenAnIncidentCountsAsClosed(t *testing.T) {
	reported := time.Date(2026, 3, 2, 10, 0, 0, 0, bottest.Amsterdam)
	inc := bot.Incident{Number: "GIR-2026-0001", ReportedAt: reported}
	done := func(kind bot.TaskKind, due, at time.Duration) bot.Task {
		return bot.Task{Kind: kind, Due: reported.Add(due), State: bot.TaskDone,
			History: []bot.TaskEvent{{At: reported.Add(at), What: "done", By: "p@x.nl"}}}
	}
	followUp := done(bot.TaskFollowUp, 49*24*time.Hour, 40*24*time.Hour) // done early
	talk := done(bot.TaskAftercareTalk, 72*time.Hour, 80*time.Hour)      // done late
	checkIn := bot.Task{Kind: bot.TaskCheckIn, Due: reported.Add(100 * 24 * time.Hour), State: bot.TaskOpen}
	open := bot.Task{Kind: bot.TaskAnalysis, Due: reported.Add(10 * 24 * time.Hour), State: bot.TaskEscalated}

	if r := bot.RowOf(inc, nil); !r.ClosedAt.Equal(reported) {
		t.Errorf("without tasks: closed at %v", r.ClosedAt)
	}
	if r := bot.RowOf(inc, []bot.Task{talk, followUp, checkIn}); !r.ClosedAt.Equal(reported.Add(49 * 24 * time.Hour)) {
		t.Errorf("closed at %v, want the last follow-up's deadline", r.ClosedAt)
	}
	if r := bot.RowOf(inc, []bot.Task{talk, followUp, open}); !r.ClosedAt.IsZero() || len(r.Open) != 1 {
		t.Errorf("with a duty open: closed at %v, open %v", r.ClosedAt, r.Open)
	}
	late := done(bot.TaskLegal, 24*time.Hour, 60*24*time.Hour)
	if r := bot.RowOf(inc, []bot.Task{talk, followUp, late}); !r.ClosedAt.Equal(reported.Add(60 * 24 * time.Hour)) {
		t.Errorf("closed at %v, want when the last task was done", r.ClosedAt)
	}
}
