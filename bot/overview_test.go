package bot_test

import (
	"bytes"
	"context"
	"image/png"
	"strings"
	"testing"
	"time"

	"meldbot/bot"
	"meldbot/bot/bottest"
	"meldbot/bot/register"
)

// sampleHarness is a harness on the generated register, on 27 November
// 2026 (bottest.SampleRegister holds the known answers).
func sampleHarness(t *testing.T) *bottest.Harness {
	t.Helper()
	h := bottest.New(t, bottest.WithClock(bottest.NewClock(bottest.SampleNow)))
	bottest.SampleRegister(t, h.Store)
	return h
}

// image returns the chart sent to who with the latest action.
func image(t *testing.T, h *bottest.Harness, who string) *bot.Image {
	t.Helper()
	for _, d := range h.To(who) {
		if d.Image != nil {
			return d.Image
		}
	}
	return nil
}

// checkChart checks that a chart is a PNG of a size that reads well in a
// chat window.
func checkChart(t *testing.T, img *bot.Image) {
	t.Helper()
	if img == nil {
		t.Fatal("no chart")
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(img.PNG))
	if err != nil {
		t.Fatalf("the chart is no PNG: %v", err)
	}
	if cfg.Width < 600 || cfg.Width > 1600 || cfg.Height < 300 || cfg.Height > cfg.Width {
		t.Errorf("chart of %d × %d pixels", cfg.Width, cfg.Height)
	}
	if _, err := png.Decode(bytes.NewReader(img.PNG)); err != nil {
		t.Errorf("the chart does not decode: %v", err)
	}
	if !strings.HasSuffix(img.Name, ".png") {
		t.Errorf("chart named %q", img.Name)
	}
}

// C6: the coordinator makes an overview of all reports from the register:
// counts by kind, department, location and severity, against the quarter
// before and the same quarter a year earlier, the follow-up, and a chart.
func TestMatrix_C6_QuarterlyOverviewWithTrendsAndChart(t *testing.T) {
	h := sampleHarness(t)
	got := step(t, h, "karin", "/incident overzicht", // the last complete quarter: Q3 2026
		"📊 *Meldingen Q3 2026*: 11",
		"Vorige periode (Q2 2026): 8 (nu 38% meer) · een jaar eerder (Q3 2025): 11 (nu evenveel)",
		"Geteld naar de datum waarop het incident gebeurde. Pas na afloop van de periode gemeld: 1.",
		"*Naar soort* (Q3 2026 · Q2 2026 · Q3 2025)",
		"• Verbale agressie: 10 · 5 · 11", "• Bedreiging: 2 · 3 · 0", "• Fysiek geweld: 1 · 0 · 0",
		"Een melding kan onder meerdere soorten tegelijk vallen",
		"• Publiekszaken: 10 · 5 · 11", "• Sociaal Domein: 1 · 0 · 0", "• Openbare Ruimte: 0 · 3 · 0",
		"• Stadhuis: 7 · 5 · 11", "• Wijkpost Noord: 4 · 0 · 0", "• Gemeentewerf: 0 · 3 · 0",
		"• Ernstig: 3 · 0 · 0", "• Niet ernstig: 8 · 8 · 11",
		"Aangifte bij de politie: 4 van de 11 (36%); alleen een politiemelding: 1",
		"Eerste opvang gegeven: mediaan 1 uur 30 min na de melding, in 90% van de gevallen binnen 3 uur 20 min (9 gemeten); opgepakt na mediaan 55 min; nog niet gegeven: 1",
		"Nazorggesprekken op tijd: 6 van de 9 (67%); te laat gevoerd: 2; nog open en over de termijn: 1; nog niet aan de beurt: 1",
		"Maatregelen richting de dader: Waarschuwingsbrief 2 · Bezoek- of gebouwverbod 1 · Geen maatregel 1",
		"Openstaande taken: 4, waarvan 2 over de termijn",
		"!< 5", "!Sample", "!@")
	if strings.Contains(got, "Geen grafiek") {
		t.Error("the coordinator's overview says it has no chart")
	}
	img := image(t, h, "karin")
	checkChart(t, img)
	if img.Name != "meldingen-2026-Q3.png" {
		t.Errorf("chart named %q", img.Name)
	}
	// An empty quarter says so; a quarter still running says that.
	step(t, h, "karin", "/incident overzicht 2024-Q1", "📊 *Meldingen Q1 2024*: 0",
		"Er zijn geen incidenten gemeld die in Q1 2024 gebeurden", "!Naar soort")
	if image(t, h, "karin") != nil {
		t.Error("a chart of nothing")
	}
	step(t, h, "karin", "/incident overzicht 2026-Q4", "Deze periode loopt nog")
	step(t, h, "karin", "/incident overzicht 2027", "2027 is nog niet begonnen")
	step(t, h, "karin", "/incident overzicht 2026-Q5", "Die periode ken ik niet")
	step(t, h, "karin", "/incident overzicht 2026-Q3 Zwembad", "Ik ken geen afdeling of locatie \"Zwembad\"")
	step(t, h, "karin", "/incident overzicht 2026-Q3 Wijkpost Noord", "📊 *Meldingen Q3 2026* — Wijkpost Noord: 4", "!Naar locatie")
	// The overviews are in the register's audit trail.
	step(t, h, "karin", "/incident audit", "Logboek van het register", "Karin de Vries — overzicht van Q3 2026\n",
		"Karin de Vries — overzicht van Q3 2026, Wijkpost Noord\n")
}

// C7: departments hear about trends, without any colleague being
// recognisable: counts below 5 show as "< 5", and nothing that gives them
// away (percentages, a chart of small groups). This is what the policy
// cycle sends each manager every quarter.
func TestMatrix_C7_DepartmentTrendsHideSmallNumbers(t *testing.T) {
	h := sampleHarness(t)
	q3, _ := register.ParsePeriod("2026-Q3", h.Clock.Now())
	if err := h.Bot.SendOverview(context.Background(), "ingrid.mulder@voorbeeldrode.nl", q3, register.Scope{Department: "sociaal"}); err != nil {
		t.Fatal(err)
	}
	h.Flush()
	got := h.Expect(t, "ingrid", "📊 *Meldingen Q3 2026* — Sociaal Domein: < 5")
	for _, want := range []string{"Aantallen onder de 5 staan er als \"< 5\"", "• Fysiek geweld: < 5 · 0 · 0", "• Ernstig: < 5 · 0 · 0",
		"Aangifte bij de politie: < 5 van de < 5;", "Geen grafiek deze keer"} {
		if !strings.Contains(got.Text, want) {
			t.Errorf("the trends of Sociaal Domein lack %q:\n%s", want, got.Text)
		}
	}
	for _, leak := range []string{"Publiekszaken", "Verbale agressie", "Naar afdeling", "%", ": 1 "} {
		if strings.Contains(got.Text, leak) {
			t.Errorf("the trends of Sociaal Domein show %q:\n%s", leak, got.Text)
		}
	}
	if got.Image != nil {
		t.Error("a chart of a department with a single incident")
	}

	// A larger department shows its real totals and trend; its small
	// groups stay hidden.
	step(t, h, "peter", "/incident overzicht 2026-Q3",
		"📊 *Meldingen Q3 2026* — Publiekszaken: 10",
		"Vorige periode (Q2 2026): 5 (nu 100% meer)",
		"• Verbale agressie: 10 · 5 · 11", "• Bedreiging: < 5 · 0 · 0", "• Wijkpost Noord: < 5 · 0 · 0",
		"!Sociaal Domein", "!Openbare Ruimte", "!Naar afdeling")
	// A manager sees only their own department.
	step(t, h, "henk", "/incident overzicht 2026-Q3 Publiekszaken", "het overzicht van je eigen afdeling", "!📊")
	step(t, h, "henk", "/incident overzicht 2026-Q3", "📊 *Meldingen Q3 2026* — Openbare Ruimte: 0")
	// An employee gets no overview at all.
	step(t, h, "sanne", "/incident overzicht", "Overzichten uit het register zijn voor", "!📊")
}

// C3: the coordinator reports to the board and the management team every
// quarter. The cycle sends the overview with the duty (Bot.SendOverview);
// it is the overview the coordinator can ask for, and an export without
// personal data can go with the report.
func TestMatrix_C3_QuarterlyReportMaterialForBoardAndManagement(t *testing.T) {
	h := sampleHarness(t)
	asked := step(t, h, "karin", "/incident overzicht 2026-Q3")
	q3, _ := register.ParsePeriod("", h.Clock.Now())
	if err := h.Bot.SendOverview(context.Background(), "karin.devries@voorbeeldrode.nl", q3, register.Scope{}); err != nil {
		t.Fatal(err)
	}
	h.Flush()
	sent := h.Expect(t, "karin", "📊 *Meldingen Q3 2026*")
	if !strings.Contains(asked, sent.Text) {
		t.Errorf("the overview the cycle sends differs from the one asked for:\n%s\n---\n%s", sent.Text, asked)
	}
	checkChart(t, sent.Image)

	step(t, h, "karin", "/incident export 2026-Q3 anoniem csv", "Hier is de export van Q3 2026 als CSV-bestand, voor andere software: 11 meldingen, zonder persoonsgegevens")
	csv := exported(t, h, "karin")
	if csv.Name != "meldingen-2026-Q3-anoniem.csv" || strings.Contains(string(csv.Data), "sample@") || strings.Contains(string(csv.Data), "description") {
		t.Errorf("the anonymous export %s holds personal data:\n%s", csv.Name, csv.Data)
	}
}

// S8: the town clerk follows the progress of the policy every half-year,
// with small numbers hidden; quarters are the coordinator's.
func TestMatrix_S8_HalfYearlyOverviewForTheTownClerk(t *testing.T) {
	h := sampleHarness(t)
	step(t, h, "els", "/incident overzicht", // the last complete half-year
		"📊 *Meldingen eerste helft 2026*: 9",
		"Vorige periode (tweede helft 2025): 12 (nu 25% minder) · een jaar eerder (eerste helft 2025): 0",
		"Aantallen onder de 5",
		// 9 = verbal + threat: with verbal shown, the threats could be
		// worked out, so verbal is left out too.
		"• Verbale agressie: × · 12 · 0", "• Bedreiging: < 5 · 0 · 0",
		"!Sample")
	step(t, h, "els", "/incident overzicht 2026-Q3", "halfjaar- en jaaroverzichten", "!📊")
}

// S7: the town clerk reports to the board once a year, on the yearly
// overview.
func TestMatrix_S7_YearlyOverviewForTheTownClerk(t *testing.T) {
	h := sampleHarness(t)
	got := step(t, h, "els", "/incident overzicht 2025",
		"📊 *Meldingen 2025*: 12",
		"Vorige periode (2024): 0",
		"*Naar soort* (2025 · 2024)",
		"• Verbale agressie: 12 · 0",
		"Geen grafiek deze keer")
	if strings.Contains(got, "een jaar eerder") {
		t.Errorf("a year is compared with the year before twice:\n%s", got)
	}
}

// B6: the board follows how the policy is carried out, from the yearly
// overview: how fast first care came, whether aftercare was in time, what
// is still open.
func TestMatrix_B6_BoardFollowsThePolicyFromTheYearlyOverview(t *testing.T) {
	h := sampleHarness(t)
	step(t, h, "jan", "/incident overzicht 2026",
		"📊 *Meldingen 2026*: 20",
		"Eerste opvang gegeven: mediaan 1 uur 30 min na de melding", "nog niet gegeven: < 5",
		"Nazorggesprekken op tijd: 6 van de 9 (67%)",
		"Openstaande taken: < 5, waarvan < 5 over de termijn",
		"!Sample", "!@voorbeeldrode")
}

// B10 and S12: the board and the town clerk stay ultimately responsible.
// They follow the policy through its figures, never through the people in
// it: no single report, no export, no audit trail.
func TestMatrix_B10_S12_UltimatelyResponsibleThroughFiguresNotNames(t *testing.T) {
	h := sampleHarness(t)
	for _, who := range []string{"jan", "els"} {
		step(t, h, who, "/incident overzicht 2026-H2", "📊 *Meldingen tweede helft 2026*: 11", "Deze periode loopt nog")
		step(t, h, who, "/incident toon GIR-2026-0111", "kan ik je niet laten zien", "!Fysiek")
		step(t, h, who, "/incident export 2026", "alleen de coördinator", "!Hier is de export")
		step(t, h, who, "/incident audit GIR-2026-0111", "alleen de coördinator", "!Logboek van")
	}
}

// A chart asked for again is the picture drawn before while the figures are
// the same, and a new one as soon as an incident is added to the period.
func TestARepeatedOverviewRedrawsItsChartOnlyWhenTheFiguresChange(t *testing.T) {
	h := sampleHarness(t)
	chartOf := func(want string) []byte {
		t.Helper()
		step(t, h, "karin", "/incident overzicht 2026-Q3", want)
		img := image(t, h, "karin")
		checkChart(t, img)
		return img.PNG
	}
	first := chartOf("📊 *Meldingen Q3 2026*: 11")
	if again := chartOf("📊 *Meldingen Q3 2026*: 11"); !bytes.Equal(again, first) {
		t.Error("the same figures give another chart")
	}
	at := time.Date(2026, 8, 12, 10, 0, 0, 0, bottest.Amsterdam)
	if err := h.Store.Update(context.Background(), func(tx bot.Tx) error {
		return bottest.Import(tx, bot.Incident{Number: "GIR-2026-0900", ReportedAt: at, Serious: true,
			Report: bot.ReportAnswers(at, map[string]string{"categories": "verbal", "department": "sociaal"})}, nil, at)
	}); err != nil {
		t.Fatal(err)
	}
	if later := chartOf("📊 *Meldingen Q3 2026*: 12"); bytes.Equal(later, first) {
		t.Error("the chart still shows the figures before the new incident")
	}
}
