package register

import (
	"fmt"
	"image/color"

	"meldbot/bot/chart"
	"meldbot/bot/locale"
)

// categoryColours give each category its own colour, the same in every
// chart, distinguishable for most people with a colour vision deficiency
// (the Okabe–Ito palette, with grey for "other").
var categoryColours = map[Category]color.RGBA{
	CatVerbal:         {0xE6, 0x9F, 0x00, 0xFF},
	CatThreat:         {0xD5, 0x5E, 0x00, 0xFF},
	CatIntimidation:   {0xCC, 0x79, 0xA7, 0xFF},
	CatSexual:         {0x88, 0x22, 0x55, 0xFF},
	CatDiscrimination: {0x56, 0xB4, 0xE9, 0xFF},
	CatPhysical:       {0x00, 0x00, 0x00, 0xFF},
	CatDamage:         {0x00, 0x72, 0xB2, 0xFF},
	CatUnsafe:         {0x00, 0x9E, 0x73, 0xFF},
	CatOther:          {0x99, 0x99, 0x99, 0xFF},
}

// monthChart draws the incidents per month of a period as bars stacked by
// category, with a legend, and returns it as a PNG. With split false every
// month is one bar of its total (for summaries where a category per month
// would be too small a group to show).
func monthChart(f Figures, tr locale.Texts, title string, split bool) ([]byte, error) {
	bars := chart.Bars{Title: title, YLabel: tr.T("overview.chart.y")}
	for _, m := range f.PerMonth {
		// A period lies within one calendar year: the title names it,
		// the bars only need the month.
		bars.Columns = append(bars.Columns, tr.T(fmt.Sprintf("time.month.%d", m.Month.Month())))
	}
	if !split {
		all := chart.Series{Label: tr.T("overview.chart.all"), Colour: categoryColours[CatDamage]}
		for _, m := range f.PerMonth {
			all.Counts = append(all.Counts, m.Total)
		}
		bars.Series = []chart.Series{all}
		return bars.PNG()
	}
	for _, c := range Categories {
		s := chart.Series{Label: tr.T("opt.categories." + string(c)), Colour: categoryColours[c]}
		any := false
		for _, m := range f.PerMonth {
			s.Counts = append(s.Counts, m.ByCategory[c])
			any = any || m.ByCategory[c] > 0
		}
		if any {
			bars.Series = append(bars.Series, s)
		}
	}
	return bars.PNG()
}
