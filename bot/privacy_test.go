package bot_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"meldbot/bot"
	"meldbot/bot/bottest"
	"meldbot/bot/form"
)

// The one guard of personal data: an incident with an answer to every
// question of every form, and every personal field of its record filled,
// is purged after the retention period; its export "met
// persoonsgegevens" then has every personal column empty — whatever
// question is added later, since the forms say what is personal — and
// what is not personal is still there.
func TestAPurgedIncidentKeepsNoPersonalData(t *testing.T) {
	h := bottest.New(t)
	ctx := context.Background()
	reported := time.Date(2026, 3, 2, 10, 0, 0, 0, bottest.Amsterdam)
	report, recorded := form.Answers{}, form.Answers{}
	for _, q := range bot.Questions() {
		a := form.Answer{Keys: []string{"answer-of-" + q.ID}}
		switch q.Kind {
		case form.FreeText:
			a = form.Answer{Text: "de eigen woorden bij " + q.ID}
		case form.Moment, form.Until:
			a = bot.ReportAnswers(reported.Add(-time.Hour), nil)["when"]
		}
		if q.Form == "report" {
			report[q.ID] = a
		} else {
			recorded[q.ID] = a
		}
	}
	inc := bot.Incident{Number: "GIR-2026-0001", ReportedAt: reported, Reporter: "sanne.visser@voorbeeldrode.nl",
		ReporterName: "Sanne Visser", Subject: "tom.smit@voorbeeldrode.nl", SubjectName: "Tom Smit",
		Report: report, Recorded: recorded, FirstCareAt: reported.Add(10 * time.Minute), FirstCareBy: "peter.bakker@voorbeeldrode.nl"}
	if err := h.Store.Update(ctx, func(tx bot.Tx) error { return bottest.Import(tx, inc, nil, reported) }); err != nil {
		t.Fatal(err)
	}
	h.Clock.Set(reported.AddDate(6, 0, 0))
	if res, err := h.Bot.Purge(ctx, bot.PurgeOptions{}); err != nil || len(res.Purged) != 1 {
		t.Fatalf("purge: %+v, %v", res, err)
	}

	var csv strings.Builder
	if _, err := h.Bot.Export(ctx, &csv, reported.AddDate(0, -1, 0), reported.AddDate(0, 1, 0),
		bot.ExportOptions{Personal: true, By: "test"}, nil); err != nil {
		t.Fatal(err)
	}
	head, rows := readCSV(t, []byte(csv.String()))
	if len(rows) != 1 {
		t.Fatalf("%d rows in the export", len(rows))
	}
	personal := map[string]bool{}
	for _, c := range bot.ExportColumns() {
		personal[c.Name] = c.Personal
	}
	seen := 0
	for _, col := range head {
		switch v := rows[0][col]; {
		case personal[col]:
			seen++
			if v != "" {
				t.Errorf("after the purge the personal column %s holds %q", col, v)
			}
		case col == "categories" && v == "":
			t.Error("the purge removed what happened")
		}
	}
	if seen < 10 {
		t.Errorf("only %d personal columns in the export: %q", seen, head)
	}
	// Nor does anything personal stay in the record itself.
	var stored bot.Incident
	_ = h.Store.View(ctx, func(tx bot.Tx) (err error) { stored, err = tx.Incident(inc.Number); return err })
	for _, q := range bot.Questions() {
		answers := stored.Recorded
		if q.Form == "report" {
			answers = stored.Report
		}
		if _, kept := answers[q.ID]; kept == q.Record.Personal {
			t.Errorf("question %s of form %s (personal: %v) is kept: %v", q.ID, q.Form, q.Record.Personal, kept)
		}
	}
}
