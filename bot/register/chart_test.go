package register

import (
	"testing"
	"time"

	"meldbot/bot/locale"
)

// rows is a RowSource of rows given in order of when they happened.
type rows []Row

func (rs rows) ScanFacts(from, to time.Time, fn func(*Facts) error) error {
	return ScanFactsOf(func(each func(Row) error) error {
		for _, r := range rs {
			if !r.Occurred.Before(from) && r.Occurred.Before(to) {
				if err := each(r); err != nil {
					return err
				}
			}
		}
		return nil
	}, fn)
}

// columnSums adds up the stacked bars of each column.
func columnSums(o Overview) []int {
	bars, ok := o.ChartBars()
	if !ok {
		return nil
	}
	sums := make([]int, len(bars.Columns))
	for _, s := range bars.Series {
		for i, n := range s.Counts {
			sums[i] += n
		}
	}
	return sums
}

// The chart counts reports: one report that names two kinds of incident is
// a bar of one, on an axis of reports; its bars are split into serious and
// not, which every report is exactly one of.
func TestTheChartCountsReportsPerMonth(t *testing.T) {
	c, err := locale.NewCatalog()
	if err != nil {
		t.Fatal(err)
	}
	tr := c.In(locale.Dutch)
	at := func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 10, 0, 0, 0, amsterdam) }
	src := rows{
		{Number: "GIR-2026-0001", Occurred: at(7, 3), Reported: at(7, 3), Categories: []Category{CatVerbal, CatThreat}},
		{Number: "GIR-2026-0002", Occurred: at(9, 1), Reported: at(9, 1), Categories: []Category{CatPhysical, CatThreat, CatDamage}, Serious: true},
		{Number: "GIR-2026-0003", Occurred: at(9, 2), Reported: at(9, 2), Categories: []Category{CatVerbal}},
	}
	p, err := ParsePeriod("2026-Q3", at(11, 27))
	if err != nil {
		t.Fatal(err)
	}
	o, err := NewOverview(src, p, Scope{}, at(11, 27), Reader{Texts: tr})
	if err != nil {
		t.Fatal(err)
	}
	if got := columnSums(o); len(got) != 3 || got[0] != 1 || got[1] != 0 || got[2] != 2 {
		t.Errorf("bars per month %v, want [1 0 2]: one per report", got)
	}
	bars, _ := o.ChartBars()
	if bars.YLabel != "meldingen" || bars.Title != "Meldingen per maand, ernstig en niet ernstig — Q3 2026" {
		t.Errorf("axis %q, title %q", bars.YLabel, bars.Title)
	}
	if len(bars.Series) != 2 || bars.Series[0].Label != "Ernstig" || bars.Series[0].Counts[2] != 1 || bars.Series[1].Label != "Niet ernstig" || bars.Series[1].Counts[2] != 1 {
		t.Errorf("series %+v, want serious and not", bars.Series)
	}
	if png, err := o.Chart(); err != nil || len(png) == 0 {
		t.Errorf("no chart drawn: %v", err)
	}

	// For a reader who sees no small groups, the months are one bar each
	// when split they would show a small group — or no chart at all.
	many := append(rows{}, src...)
	for i := range 6 {
		many = append(many, Row{Number: "x", Occurred: at(9, 10+i), Reported: at(9, 10+i), Categories: []Category{CatVerbal, CatThreat}})
	}
	september, err := ParsePeriod("2026-09", at(11, 27))
	if err != nil {
		t.Fatal(err)
	}
	o, err = NewOverview(many, september, Scope{}, at(11, 27), Reader{Texts: tr, Small: 5})
	if err != nil {
		t.Fatal(err)
	}
	bars, ok := o.ChartBars()
	if !ok || len(bars.Series) != 1 || bars.Series[0].Label != "Alle meldingen" || bars.Series[0].Counts[0] != 8 {
		t.Errorf("the summary's chart %+v, want one bar of the month's 8 reports", bars)
	}
}
