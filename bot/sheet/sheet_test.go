package sheet

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// A workbook holds the table as given — text as text even when it looks
// like a formula, moments as dates in their own clock reading, numbers as
// numbers — and a second sheet that explains each column.
func TestWorkbookOfATableAndItsExplanation(t *testing.T) {
	amsterdam, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		t.Fatal(err)
	}
	b := Book{Data: "Meldingen", About: "Toelichting", DateFormat: "dd-mm-yyyy hh:mm",
		Intro:       []string{"Register van meldingen", "Periode: Q3 2026"},
		AboutHeader: [3]string{"Kolom", "Betekenis", "Naam in CSV"},
		Columns: []Column{
			{Header: "Registratienummer", Meaning: "Het nummer in het register.", Name: "number"},
			{Header: "Gebeurd op", Meaning: "Wanneer het incident gebeurde.", Name: "occurred"},
			{Header: "Minuten tot eerste opvang", Meaning: "Van melding tot opvang.", Name: "first_care_minutes"},
			{Header: "Beschrijving", Meaning: "Wat er gebeurde.", Name: "description"},
		}}
	var buf bytes.Buffer
	err = b.Write(&buf, func(add func([]any) error) error {
		if err := add([]any{"GIR-2026-0001", time.Date(2026, 7, 3, 14, 30, 0, 0, amsterdam), 55, "=SUM(A1) riep hij"}); err != nil {
			return err
		}
		return add([]any{"GIR-2026-0002", time.Time{}, nil, ""})
	})
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatalf("not a workbook: %v", err)
	}
	defer f.Close()
	if got := f.GetSheetList(); len(got) != 2 || got[0] != "Meldingen" || got[1] != "Toelichting" {
		t.Fatalf("sheets %q", got)
	}
	rows, err := f.GetRows("Meldingen")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || strings.Join(rows[0], "|") != "Registratienummer|Gebeurd op|Minuten tot eerste opvang|Beschrijving" {
		t.Fatalf("rows %q", rows)
	}
	if rows[1][1] != "03-07-2026 14:30" {
		t.Errorf("the moment shows as %q, want 03-07-2026 14:30 (Amsterdam's clock)", rows[1][1])
	}
	if typ, _ := f.GetCellType("Meldingen", "B2"); typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
		t.Errorf("the moment is stored as text")
	}
	raw, _ := f.GetCellValue("Meldingen", "B2", excelize.Options{RawCellValue: true})
	if want := "46206.604166666"; !strings.HasPrefix(raw, want) {
		t.Errorf("the moment is stored as %q, want Excel's day number %s…", raw, want)
	}
	if raw, _ := f.GetCellValue("Meldingen", "C2", excelize.Options{RawCellValue: true}); raw != "55" {
		t.Errorf("the number is %q", raw)
	}
	if formula, _ := f.GetCellFormula("Meldingen", "D2"); formula != "" || rows[1][3] != "=SUM(A1) riep hij" {
		t.Errorf("text that looks like a formula became %q (formula %q)", rows[1][3], formula)
	}
	if len(rows[2]) > 1 && strings.Join(rows[2][1:], "") != "" {
		t.Errorf("empty values are not empty cells: %q", rows[2])
	}
	about, err := f.GetRows("Toelichting")
	if err != nil {
		t.Fatal(err)
	}
	text := ""
	for _, r := range about {
		text += strings.Join(r, "|") + "\n"
	}
	for _, want := range []string{"Register van meldingen\n", "Kolom|Betekenis|Naam in CSV\n",
		"Gebeurd op|Wanneer het incident gebeurde.|occurred\n", "Beschrijving|Wat er gebeurde.|description\n"} {
		if !strings.Contains(text, want) {
			t.Errorf("the explanation lacks %q:\n%s", want, text)
		}
	}
}

// A table without rows is still a workbook with its header and
// explanation.
func TestWorkbookWithoutRows(t *testing.T) {
	b := Book{Data: "Reports", About: "Explanation", DateFormat: "yyyy-mm-dd hh:mm",
		Columns: []Column{{Header: "Number", Meaning: "The register number.", Name: "number"}}}
	var buf bytes.Buffer
	if err := b.Write(&buf, func(func([]any) error) error { return nil }); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if rows, _ := f.GetRows("Reports"); len(rows) != 1 || rows[0][0] != "Number" {
		t.Errorf("rows %q", rows)
	}
}
