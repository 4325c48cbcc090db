package bot_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"meldbot/bot"
	"meldbot/bot/bottest"
	"meldbot/bot/register"
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
			f := count(t, h.Store, p, register.Scope{})
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
	if inc := incident(t, h, "GIR-2026-0101"); inc.Report.Text("description") == "" || !inc.PurgedAt.IsZero() {
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
	if string(inc.Reporter)+inc.ReporterName+string(inc.Subject)+inc.SubjectName+inc.Report.Text("description")+string(inc.FirstCareBy) != "" || inc.PurgedAt.IsZero() ||
		inc.Measure() != "warning_letter" {
		t.Errorf("after the purge: %+v", inc)
	}
	for _, n := range []string{"GIR-2026-0101", "GIR-2026-0104"} {
		if inc := incident(t, h, n); inc.Report.Text("police_ref")+inc.Recorded.Text("police_reference") != "" {
			t.Errorf("%s keeps its police reference: %q %q", n, inc.Report.Text("police_ref"), inc.Recorded.Text("police_reference"))
		}
	}
	if inc := incident(t, h, "GIR-2026-0109"); inc.Report.Text("description") == "" {
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

// A witness's request for a talk is kept off the incident, so their own
// manager does not see it; it goes with the incident's other tasks when
// the incident's personal data is removed.
func TestPurgeRemovesAWitnesssTalkRequest(t *testing.T) {
	h := bottest.New(t)
	ctx := context.Background()
	n := h.Report(t, "sanne", map[string]string{"witnesses": "Tom Smit stond ernaast"})
	step(t, h, "tom", "[Ja, graag]", "ik vraag het je over een paar dagen")
	advanceTo(h, at(h, 2026, 12, 2, 8, 30))
	step(t, h, "tom", "[Ik wil graag een gesprek]")
	h.Expect(t, "henk", "Tom Smit wil graag een gesprek")

	// Every duty of the incident is done, and five years pass.
	if err := h.Store.Update(ctx, func(tx bot.Tx) error {
		tasks, err := tx.TasksOfIncident(n)
		if err != nil {
			return err
		}
		for i := range tasks {
			tasks[i].State, tasks[i].Next = bot.TaskDone, time.Time{}
			tasks[i].History = append(tasks[i].History, bot.TaskEvent{At: h.Clock.Now(), By: "peter.bakker@voorbeeldrode.nl", What: "done"})
			if err := tx.PutTask(tasks[i]); err != nil {
				return err
			}
		}
		inc, err := tx.Incident(n)
		if err != nil {
			return err
		}
		return tx.PutRow(bot.RowOf(inc, tasks))
	}); err != nil {
		t.Fatal(err)
	}
	h.Clock.Set(at(h, 2032, 6, 1, 12, 0))
	res, err := h.Bot.Purge(ctx, bot.PurgeOptions{})
	if err != nil || strings.Join(res.Purged, ",") != n {
		t.Fatalf("purged %v, %v; want %s", res.Purged, err, n)
	}
	if err := h.Store.View(ctx, func(tx bot.Tx) error {
		left, err := tx.TasksWithPrefix(n + "/")
		if len(left) != 0 {
			t.Errorf("tasks of the purged incident left: %+v", left)
		}
		henk, _ := tx.TasksOf("henk.deboer@voorbeeldrode.nl")
		tom, _ := tx.TasksOf("tom.smit@voorbeeldrode.nl")
		if len(henk)+len(tom) != 0 {
			t.Errorf("tasks of the manager %v and the witness %v left", henk, tom)
		}
		return err
	}); err != nil {
		t.Fatal(err)
	}
}

// reopening is a store where an incident reopens (a task of it is opened
// again) just after the first read-only transaction: between the purge's
// look over the register and its changes.
type reopening struct {
	bot.Store
	t      *testing.T
	number string
	done   bool
}

func (s *reopening) View(ctx context.Context, fn func(bot.Tx) error) error {
	if err := s.Store.View(ctx, fn); err != nil || s.done {
		return err
	}
	s.done = true
	return s.Store.Update(ctx, func(tx bot.Tx) error {
		inc, err := tx.Incident(s.number)
		if err != nil {
			return err
		}
		tasks, err := tx.TasksOfIncident(s.number)
		if err != nil || len(tasks) == 0 {
			s.t.Fatalf("tasks of %s: %v, %v", s.number, tasks, err)
		}
		tasks[0].State = bot.TaskOpen
		if err := tx.PutTask(tasks[0]); err != nil {
			return err
		}
		return tx.PutRow(bot.RowOf(inc, tasks))
	})
}

// An incident that reopens while the purge runs keeps its data: each is
// checked again in the transaction that would purge it.
func TestPurgeLeavesAnIncidentThatReopenedMeanwhile(t *testing.T) {
	h := sampleHarness(t)
	h.Clock.Set(time.Date(2031, 10, 1, 12, 0, 0, 0, bottest.Amsterdam))
	store := &reopening{Store: h.Store, t: t, number: "GIR-2026-0101"}
	b, err := bot.New(bot.Config{Org: h.Org, Store: store, Clock: h.Clock, Log: zerolog.Nop()})
	if err != nil {
		t.Fatal(err)
	}
	res, err := b.Purge(context.Background(), bot.PurgeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Purged) != 27 || strings.Contains(strings.Join(res.Purged, ","), "GIR-2026-0101") ||
		!strings.Contains(strings.Join(res.StillOpen, ","), "GIR-2026-0101") {
		t.Errorf("purged %d: %v; still open %v", len(res.Purged), res.Purged, res.StillOpen)
	}
	if inc := incident(t, h, "GIR-2026-0101"); inc.Report.Text("description") == "" || !inc.PurgedAt.IsZero() {
		t.Error("the reopened incident lost its data")
	}
}
