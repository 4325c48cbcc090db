package main

import (
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// said is a line typed in a console session and what the console must
// print in answer; a want with a leading "!" must not be printed.
type said struct {
	line  string
	wants []string
}

// playConsole pipes a session into the console, its clock at start, checks
// what each line brought, and returns those answers.
func playConsole(t *testing.T, start string, script ...said) []string {
	t.Helper()
	var lines []string
	for _, s := range script {
		lines = append(lines, s.line)
	}
	chunks := splitSession(t, consoleSession(t, start, lines...), lines)[1:]
	for i, s := range script {
		for _, w := range s.wants {
			if no, ok := strings.CutPrefix(w, "!"); ok {
				if strings.Contains(chunks[i], no) {
					t.Errorf("%q brought %q:\n%s", s.line, no, chunks[i])
				}
			} else if !strings.Contains(chunks[i], w) {
				t.Errorf("%q did not bring %q:\n%s", s.line, w, chunks[i])
			}
		}
	}
	return chunks
}

// reported is Sanne's report of the README, typed into the console.
func reported() []said {
	var out []said
	for _, l := range reportLines {
		out = append(out, said{line: l})
	}
	out[len(out)-1].wants = []string{"GIR-2026-0001"}
	return out
}

// Playing each role in the console: the help lists what that role may do,
// and what it may not gets a refusal that fits it.
func TestConsoleCommandsFitEachRole(t *testing.T) {
	playConsole(t, "2026-11-27 16:00",
		said{"/incident help", []string{"Wat je kunt typen", "/incident mijn gegevens", "/incident taken",
			"!/incident export", "!/incident audit", "!/incident beleid", "!/incident overzicht"}},
		said{"/incident export", []string{"Een export van het register maakt alleen de coördinator", "Typ /incident mijn gegevens."}},
		said{"/incident beleid", []string{"Wat het beleid van jou als medewerker vraagt, zie je met /incident rol."}},
		said{"/incident audit", []string{"Wie jouw meldingen heeft gezien of er bericht van kreeg, en wanneer, zie je met /incident mijn gegevens."}},
		said{"/incident toon GIR-2026-0099", []string{"Je ziet de meldingen die je zelf deed en die over jou gaan.", "!leidinggevende"}},
		said{"/als karin", nil},
		said{"/incident help", []string{"/incident export 2026-Q3 — het register als Excel-bestand", "/incident audit", "/incident beleid"}},
		said{"/incident toon GIR-2026-0099", []string{"Er staat geen melding GIR-2026-0099 in het register.", "!leidinggevende"}},
		said{"/als peter", nil},
		said{"/incident help", []string{"/incident overzicht 2026-Q3 — overzicht van je afdeling", "!/incident export", "!/incident audit"}},
		said{"/incident export", []string{"De cijfers van je afdeling vraag je op met /incident overzicht"}},
		said{"/incident toon GIR-2026-0099", []string{"Als leidinggevende zie je de meldingen van je afdeling, Publiekszaken, en je eigen meldingen."}},
		said{"/als alex", nil},
		said{"/incident help", []string{"What you can type", "/incident my data", "!/incident export", "!/incident policy"}},
		said{"/incident export", []string{"Only the aggression and violence coordinator can export the register."}},
	)
}

// The checklist in the console: its numbers are the same items before and
// after a tick, each says what it will do, and a tick can be undone.
func TestConsoleChecklistKeepsItsNumbers(t *testing.T) {
	playConsole(t, "2026-11-27 16:00",
		said{"/als karin", nil},
		said{"/incident beleid", []string{"Inrichting (0 van 15 afgevinkt)", "   1. B1 afvinken\n   2. B2 afvinken\n", "15. G1 afvinken", "!✓ B1", "!1. ✓"}},
		said{"1", []string{"(bijgewerkt)", "Inrichting (1 van 15 afgevinkt)", "✓ B1 Stelt kaders vast", "   1. B1 terugzetten\n   2. B2 afvinken\n"}},
		said{"2", []string{"Inrichting (2 van 15 afgevinkt)", "✓ B2 Committeert zich", "   1. B1 terugzetten\n   2. B2 terugzetten\n   3. B3 afvinken"}},
		said{"B1 terugzetten", []string{"Inrichting (1 van 15 afgevinkt)", "   1. B1 afvinken\n   2. B2 terugzetten\n", "!✓ B1"}},
		said{"/als jan", nil},
		said{"/incident beleid", []string{"Inrichting (1 van 15 afgevinkt)", "   1. B1 afvinken\n   2. B2 terugzetten\n   3. B3 afvinken\n   4. B4 afvinken", "!S1 afvinken"}},
	)
}

// savedFile returns the path of the file the console saved in a chunk.
func savedFile(t *testing.T, chunk string) string {
	t.Helper()
	m := regexp.MustCompile(`\[bestand bewaard: (.+)\]`).FindStringSubmatch(chunk)
	if m == nil {
		t.Fatalf("no file saved:\n%s", chunk)
	}
	return m[1]
}

// The coordinator's export in the console: an Excel workbook by default,
// a CSV file on request, and each whole in the audit trail; no message
// names a file of meldbot's source. The overview's chart counts reports.
func TestConsoleExportsAndTheirAuditLines(t *testing.T) {
	script := append(reported(),
		said{"/als karin", nil},
		said{"/incident export 2026-Q4", []string{"Hier is de export van Q4 2026 als Excel-bestand: 1 melding, met persoonsgegevens",
			"Het tabblad Toelichting legt elke kolom uit", "meldingen-2026-Q4.xlsx]", "!docs/", "!.md"}},
		said{"/incident export 2026-Q4 csv", []string{"als CSV-bestand, voor andere software: 1 melding", "meldingen-2026-Q4.csv]", "!docs/"}},
		said{"/incident export 2026-Q4 anoniem", []string{"1 melding, zonder persoonsgegevens", "meldingen-2026-Q4-anoniem.xlsx]"}},
		said{"/incident overzicht 2026-Q4", []string{"Meldingen Q4 2026: 1", "[afbeelding bewaard: "}},
		said{"/incident audit", []string{
			"Karin de Vries — export van 1 okt 2026 t/m 31 dec 2026 (Excel): 1 melding, met persoonsgegevens",
			"Karin de Vries — export van 1 okt 2026 t/m 31 dec 2026 (CSV): 1 melding, met persoonsgegevens",
			"Karin de Vries — export van 1 okt 2026 t/m 31 dec 2026 (Excel): 1 melding, zonder persoonsgegevens",
			"Karin de Vries — overzicht van Q4 2026", "!meldingen,", "!+personal"}},
	)
	chunks := playConsole(t, "2026-11-27 16:00", script...)
	book := savedFile(t, chunks[len(reportLines)+1])
	f, err := excelize.OpenFile(book)
	if err != nil {
		t.Fatalf("%s: %v", book, err)
	}
	defer f.Close()
	rows, err := f.GetRows("Meldingen")
	if err != nil || len(rows) != 2 {
		t.Fatalf("the workbook: %v, %q", err, rows)
	}
	row := map[string]string{}
	for i, v := range rows[1] {
		row[rows[0][i]] = v
	}
	for col, want := range map[string]string{"Registratienummer": "GIR-2026-0001", "Gebeurd op": "26-11-2026 16:40",
		"Soort incident": "Bedreiging", "Afdeling": "Publiekszaken", "Melder": "Sanne Visser"} {
		if row[col] != want {
			t.Errorf("%s = %q, want %q", col, row[col], want)
		}
	}
	if sheets := f.GetSheetList(); len(sheets) != 2 || sheets[1] != "Toelichting" {
		t.Errorf("sheets %q", sheets)
	}
}

// Sanne, in the console, asks what meldbot keeps about her: her report,
// who saw or received it and when, in words; and /incident toon counts the
// tasks it lists, with her check-ins apart.
func TestConsoleMyDataAndTheTasksOfAReport(t *testing.T) {
	script := append(reported(),
		said{"/als peter", nil},
		said{"/tijd +10m", nil},
		said{"/incident toon GIR-2026-0001", []string{"in behandeling (0 van 8 taken afgerond)", "Taken (8)", "Check-ins (3; telt niet als taak)"}},
		said{"/als sanne", nil},
		said{"/incident mijn gegevens", []string{
			"Wat meldbot over je bewaart (op vr 27 nov 2026, 16:10)",
			"• Rol: medewerker\n   • Afdeling: Publiekszaken",
			"Meldingen door of over jou (1)",
			"Gezien of ontvangen door:",
			"– Karin de Vries (coördinator agressie en geweld): bericht van een nieuwe melding — 1 keer, vr 27 nov 2026, 16:00",
			"– Peter Bakker (afdelingsmanager): taak, de melding opgevraagd — 2 keer, vr 27 nov 2026, 16:00 – vr 27 nov 2026, 16:10",
			"Taken die je kreeg of waarvan je bericht kreeg (3)",
			"Hoe gaat het met je? (GIR-2026-0001) — gepland vanaf wo 2 dec 2026, 08:30",
			"meldbot-mijn-gegevens.json]", "!0001-01-01", "!publiekszaken"}},
	)
	playConsole(t, "2026-11-27 16:00", script...)
}
