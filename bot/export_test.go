package bot_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"meldbot/bot"
	"meldbot/bot/bottest"
	"meldbot/bot/locale"
)

// readWorkbook opens an export as Excel would: the header and rows of its
// first sheet, by header, and the lines of the explanation sheet, their
// cells joined by "|". It fails the test when the first sheet's cells are
// not as the workbook promises: a moment is a date cell, never text.
func readWorkbook(t *testing.T, data []byte) ([]string, []map[string]string, []string) {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("the export is no workbook: %v", err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) != 2 {
		t.Fatalf("sheets %q, want the table and its explanation", sheets)
	}
	records, err := f.GetRows(sheets[0])
	if err != nil || len(records) == 0 {
		t.Fatalf("the table: %v, %d rows", err, len(records))
	}
	var rows []map[string]string
	for _, r := range records[1:] {
		row := map[string]string{}
		for i, name := range records[0] {
			if i < len(r) {
				row[name] = r[i]
			}
		}
		rows = append(rows, row)
	}
	about, err := f.GetRows(sheets[1])
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, r := range about {
		lines = append(lines, strings.Join(r, "|"))
	}
	return records[0], rows, lines
}

// cellType returns the type of a cell of the workbook's table, in the
// column with the header given, on the row given (1 is the header).
func cellType(t *testing.T, data []byte, header string, row int) excelize.CellType {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := f.GetSheetList()[0]
	head, _ := f.GetRows(sheet)
	for i, h := range head[0] {
		if h == header {
			cell, _ := excelize.CoordinatesToCellName(i+1, row)
			typ, err := f.GetCellType(sheet, cell)
			if err != nil {
				t.Fatal(err)
			}
			return typ
		}
	}
	t.Fatalf("no column %q in %q", header, head[0])
	return 0
}

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

// The coordinator exports the register of a period as CSV for other
// software, with the documented columns, personal data included; the file
// comes in the chat.
func TestExportOfTheRegisterForTheCoordinator(t *testing.T) {
	h := sampleHarness(t)
	step(t, h, "karin", "/incident export 2026-Q3 csv", "Hier is de export van Q3 2026 als CSV-bestand, voor andere software: 11 meldingen, met persoonsgegevens",
		"het Excel-bestand (/incident export 2026-Q3) legt op het tabblad *Toelichting* elke kolom uit")
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
	step(t, h, "karin", "/incident audit", "Karin de Vries — export van 1 jul 2026 t/m 30 sep 2026 (CSV): 11 meldingen, met persoonsgegevens")
	step(t, h, "karin", "/incident audit GIR-2026-0105", "Karin de Vries — bekeken (export)")

	// Without personal data on request; for nobody else at all.
	step(t, h, "karin", "/incident csv 2026-Q3 anoniem", "zonder persoonsgegevens", "(/incident export 2026-Q3 anoniem)")
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

// The coordinator's export in the chat is an Excel workbook for people:
// headers and labels in their language instead of column names and codes,
// moments as dates, a sheet that explains every column — the same columns
// as the CSV file, less the codes whose names another column shows.
func TestExportAsAWorkbookForPeople(t *testing.T) {
	h := sampleHarness(t)
	step(t, h, "karin", "/incident export 2026-Q3", "Hier is de export van Q3 2026 als Excel-bestand: 11 meldingen, met persoonsgegevens",
		"Het tabblad *Toelichting* legt elke kolom uit", "een CSV-bestand: /incident export 2026-Q3 csv.", "!docs/")
	f := exported(t, h, "karin")
	if f.Name != "meldingen-2026-Q3.xlsx" || f.ContentType != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {
		t.Errorf("file %s of type %s", f.Name, f.ContentType)
	}
	head, rows, about := readWorkbook(t, f.Data)
	if len(rows) != 11 {
		t.Fatalf("%d rows, want 11", len(rows))
	}
	want := []string{"Registratienummer", "Gebeurd op", "Tijdstip bekend", "Gemeld op", "Soort incident", "Contact", "Afdeling", "Locatie", "Ernstig"}
	if strings.Join(head[:len(want)], "|") != strings.Join(want, "|") {
		t.Errorf("headers %q, want them to start with %q", head, want)
	}
	if n := len(bot.ExportColumns()) - 2; len(head) != n {
		t.Errorf("%d columns, want %d: those of the CSV file less department_name and location_name", len(head), n)
	}
	first, last := rows[0], rows[len(rows)-1]
	for col, want := range map[string]string{
		"Registratienummer": "GIR-2026-0110", "Gebeurd op": "30-09-2026 23:30", "Tijdstip bekend": "tot op de minuut",
		"Gemeld op": "02-10-2026 09:00", "Soort incident": "Verbale agressie", "Afdeling": "Publiekszaken", "Locatie": "Stadhuis",
		"Minuten tot eerste opvang": "100", "Stand": "in behandeling", "Persoonsgegevens verwijderd": "Nee",
		"E-mailadres melder": "sample@voorbeeldrode.nl", "Beschrijving": "Een gegenereerde melding.",
	} {
		if last[col] != want {
			t.Errorf("%s = %q, want %q", col, last[col], want)
		}
	}
	for col, want := range map[string]string{
		"Soort incident": "Verbale agressie, Bedreiging", "Ernstig": "Ja", "Maatregel richting de dader": "Waarschuwingsbrief",
	} {
		if first[col] != want {
			t.Errorf("first row: %s = %q, want %q", col, first[col], want)
		}
	}
	for _, col := range []string{"Gebeurd op", "Gemeld op"} {
		if typ := cellType(t, f.Data, col, 2); typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
			t.Errorf("%s is text, not a date", col)
		}
	}
	explained := strings.Join(about, "\n")
	for _, want := range []string{
		"Register van meldingen van agressie en geweld — Gemeente Voorbeeldrode",
		"De incidenten die gebeurden van 1 jul 2026 tot en met 30 sep 2026",
		"Met persoonsgegevens",
		"Kolom|Betekenis|Naam in CSV",
		"Soort incident|Wat er gebeurde: verbale agressie, bedreiging",
		"Minuten tot eerste opvang|Het aantal minuten van de melding tot de eerste opvang.|first_care_minutes",
	} {
		if !strings.Contains(explained, want) {
			t.Errorf("the explanation lacks %q:\n%s", want, explained)
		}
	}
	for _, h := range head {
		if !strings.Contains(explained, "\n"+h+"|") {
			t.Errorf("the column %q is not explained", h)
		}
	}
	step(t, h, "karin", "/incident audit", "Karin de Vries — export van 1 jul 2026 t/m 30 sep 2026 (Excel): 11 meldingen, met persoonsgegevens")

	// In English for who reads English; without personal data on request.
	step(t, h, "karin", "/incident taal en")
	step(t, h, "karin", "/incident export 2026-Q3 anonymous", "Here is the export of Q3 2026 as an Excel file: 11 reports, without personal data",
		"/incident export 2026-Q3 anonymous csv")
	f = exported(t, h, "karin")
	head, rows, about = readWorkbook(t, f.Data)
	if f.Name != "meldingen-2026-Q3-anoniem.xlsx" || head[0] != "Register number" || rows[0]["Kind of incident"] != "Verbal aggression, Threat" {
		t.Errorf("%s: headers %q, first row %v", f.Name, head, rows[0])
	}
	if slices.Contains(head, "Description") || slices.Contains(head, "Reporter") || !strings.Contains(strings.Join(about, "\n"), "Without personal data") {
		t.Errorf("the anonymous workbook has personal columns: %q", head)
	}
	step(t, h, "karin", "/incident audit", "export of 1 Jul 2026 to 30 Sep 2026 (Excel): 11 reports, without personal data")
}

// Every column of the export has a header and an explanation for the
// workbook, in every language, each its own.
func TestEveryExportColumnHasAHeaderAndAnExplanation(t *testing.T) {
	c, err := locale.NewCatalog()
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range locale.Langs {
		headers := map[string]string{}
		for _, col := range bot.ExportColumns() {
			if !col.InWorkbook() {
				continue
			}
			header, meaning := c.T(lang, "export.column."+col.Name), c.T(lang, "export.explain."+col.Name)
			if strings.HasPrefix(header, "⟦") || strings.HasPrefix(meaning, "⟦") {
				t.Errorf("%s: the column %s has no header or no explanation", lang, col.Name)
			}
			if other, ok := headers[header]; ok {
				t.Errorf("%s: the columns %s and %s have the same header %q", lang, other, col.Name, header)
			}
			headers[header] = col.Name
		}
	}
}

// Free text that a spreadsheet would run as a formula is written so it
// stays text.
func TestExportKeepsFormulasOutOfSpreadsheets(t *testing.T) {
	h := bottest.New(t)
	h.Report(t, "sanne", map[string]string{"description": "=HYPERLINK(\"http://x\") riep de klant, en hij schold me uit."})
	step(t, h, "karin", "/incident export 2026-Q4 csv", "1 melding,")
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
