package bot_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"os"
	"strings"
	"testing"

	"meldbot/bot"
	"meldbot/bot/bottest"
)

// readCSV parses an export into its header and rows by column name.
func readCSV(t *testing.T, data []byte) ([]string, []map[string]string) {
	t.Helper()
	if !bytes.HasPrefix(data, []byte("\ufeff")) {
		t.Error("the export has no byte-order mark; spreadsheets would garble the accents")
	}
	records, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatalf("the export is no CSV: %v", err)
	}
	var rows []map[string]string
	for _, r := range records[1:] {
		row := map[string]string{}
		for i, name := range records[0] {
			row[name] = r[i]
		}
		rows = append(rows, row)
	}
	return records[0], rows
}

// The coordinator exports the register of a period as CSV, with the
// documented columns, personal data included; the file comes in the chat.
func TestExportOfTheRegisterForTheCoordinator(t *testing.T) {
	h := sampleHarness(t)
	step(t, h, "karin", "/incident export 2026-Q3", "Hier is de export van Q3 2026: 11 meldingen, met persoonsgegevens", "docs/export.md")
	f := exported(t, h, "karin")
	if f.Name != "meldingen-2026-Q3.csv" || !strings.HasPrefix(f.ContentType, "text/csv") {
		t.Errorf("file %s of type %s", f.Name, f.ContentType)
	}
	head, rows := readCSV(t, f.Data)
	if len(head) != len(bot.ExportColumns()) || len(rows) != 11 {
		t.Fatalf("%d columns, %d rows", len(head), len(rows))
	}
	// In order of when they happened: the last one happened on 30 September
	// and was reported on 2 October.
	last := rows[len(rows)-1]
	for col, want := range map[string]string{
		"number": "GIR-2026-0110", "occurred": "2026-09-30 23:30", "occurred_precision": "minute", "reported_at": "2026-10-02 09:00",
		"categories": "verbal", "department": "publiekszaken", "department_name": "Publiekszaken", "location_name": "Stadhuis",
		"first_care_minutes": "100", "status": "open", "closed_at": "", "purged": "no",
		"reporter": "sample@voorbeeldrode.nl", "description": "Een gegenereerde melding.",
	} {
		if last[col] != want {
			t.Errorf("%s = %q, want %q", col, last[col], want)
		}
	}
	if rows[0]["number"] != "GIR-2026-0101" || rows[0]["categories"] != "verbal;threat" || rows[0]["serious"] != "yes" || rows[0]["measure"] != "warning_letter" {
		t.Errorf("first row: %v", rows[0])
	}
	// The police reference, as the report gave it or as the manager
	// recorded it afterwards.
	if got := rows[0]["police_ref"] + "|" + rows[3]["police_ref"]; got != "PV-GIR-2026-0101|ML-GIR-2026-0104" {
		t.Errorf("police references %s", got)
	}
	// The export is in the audit trails: of the register, and of every
	// incident whose personal data went out.
	step(t, h, "karin", "/incident audit", "Karin de Vries — export: 2026-07-01 – 2026-09-30: 11 meldingen, met persoonsgegevens")
	step(t, h, "karin", "/incident audit GIR-2026-0105", "Karin de Vries — bekeken (export)")

	// Without personal data on request; for nobody else at all.
	step(t, h, "karin", "/incident export 2026-Q3 anoniem", "zonder persoonsgegevens")
	head, rows = readCSV(t, exported(t, h, "karin").Data)
	for _, col := range head {
		for _, c := range bot.ExportColumns() {
			if c.Name == col && c.Personal {
				t.Errorf("the anonymous export has the column %s", col)
			}
		}
	}
	if len(rows) != 11 {
		t.Errorf("the anonymous export has %d rows", len(rows))
	}
	step(t, h, "peter", "/incident export 2026-Q3", "alleen de coördinator", "!Hier is de export")
	step(t, h, "karin", "/incident export gisteren", "Die periode ken ik niet")
}

// Free text that a spreadsheet would run as a formula is written so it
// stays text.
func TestExportKeepsFormulasOutOfSpreadsheets(t *testing.T) {
	h := bottest.New(t)
	h.Report(t, "sanne", map[string]string{"description": "=HYPERLINK(\"http://x\") riep de klant, en hij schold me uit."})
	step(t, h, "karin", "/incident export 2026-Q4", "1 melding,")
	_, rows := readCSV(t, exported(t, h, "karin").Data)
	if got := rows[0]["description"]; !strings.HasPrefix(got, "'=HYPERLINK") {
		t.Errorf("description = %q", got)
	}
}

// docs/export.md describes every column of the export.
func TestExportColumnsAreDocumented(t *testing.T) {
	doc, err := os.ReadFile("../docs/export.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range bot.ExportColumns() {
		if !strings.Contains(string(doc), "| `"+c.Name+"` |") {
			t.Errorf("docs/export.md does not describe the column %s", c.Name)
		}
	}
}

// An export that could not be handed over (the file not put in place)
// leaves no reads in the audit trail.
func TestAnExportNotHandedOverLeavesNoReads(t *testing.T) {
	h := sampleHarness(t)
	ctx := context.Background()
	from, to := period(t, "2026-Q3").From, period(t, "2026-Q3").To
	opts := bot.ExportOptions{Personal: true, By: "command line (test)"}
	var buf bytes.Buffer
	failed := errors.New("disk full")
	if _, err := h.Bot.Export(ctx, &buf, from, to, opts, func() error { return failed }); !errors.Is(err, failed) {
		t.Fatalf("export: %v, want the hand-over's error", err)
	}
	reads := func() int {
		var n int
		if err := h.Store.View(ctx, func(tx bot.Tx) error {
			es, err := tx.AuditBy(bot.Email(opts.By))
			n = len(es)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := reads(); n != 0 {
		t.Errorf("%d audit entries for an export not handed over", n)
	}
	if n, err := h.Bot.Export(ctx, &buf, from, to, opts, func() error { return nil }); err != nil || n != 11 {
		t.Fatalf("export: %d, %v", n, err)
	}
	if n := reads(); n != 12 {
		t.Errorf("%d audit entries after an export of 11 incidents, want one per incident and one for the export", n)
	}
}
