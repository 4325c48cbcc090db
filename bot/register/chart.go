package register

import (
	"fmt"
	"image/color"

	"meldbot/bot/chart"
	"meldbot/bot/locale"
)

// The colours of the bars, distinguishable for most people with a colour
// vision deficiency (from the Okabe–Ito palette).
var (
	seriousColour    = color.RGBA{0xD5, 0x5E, 0x00, 0xFF}
	notSeriousColour = color.RGBA{0x00, 0x72, 0xB2, 0xFF}
)

// monthBars are the reports per month of a period: one bar per month, as
// high as the reports that happened in it — a report counts once, however
// many kinds of incident it names. With split the bars are stacked into
// the serious reports and the others, each report in exactly one of the
// two; without, every month is one bar of its total (for summaries where
// the serious ones of a month would be too small a group to show).
func monthBars(f Figures, tr locale.Texts, title string, split bool) chart.Bars {
	bars := chart.Bars{Title: title, YLabel: tr.T("overview.chart.y")}
	for _, m := range f.PerMonth {
		// A period lies within one calendar year: the title names it,
		// the bars only need the month.
		bars.Columns = append(bars.Columns, tr.T(fmt.Sprintf("time.month.%d", m.Month.Month())))
	}
	if !split {
		all := chart.Series{Label: tr.T("overview.chart.all"), Colour: notSeriousColour}
		for _, m := range f.PerMonth {
			all.Counts = append(all.Counts, m.Total)
		}
		bars.Series = []chart.Series{all}
		return bars
	}
	serious := chart.Series{Label: tr.T("overview.serious"), Colour: seriousColour}
	other := chart.Series{Label: tr.T("overview.not_serious"), Colour: notSeriousColour}
	for _, m := range f.PerMonth {
		serious.Counts = append(serious.Counts, m.Serious)
		other.Counts = append(other.Counts, m.Total-m.Serious)
	}
	bars.Series = []chart.Series{serious, other}
	return bars
}
