package bot

import (
	"bytes"
	"fmt"
	"image/color"
	"meldbot/bot/locale"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

// Chart sizes: 8 × 4.5 inch at 96 dpi is 768 × 432 pixels, readable in a
// chat window and on a phone.
const (
	chartWidth  = 8 * vg.Inch
	chartHeight = 4.5 * vg.Inch
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
	p := plot.New()
	p.Title.Text = title
	p.Y.Label.Text = tr.T("overview.chart.y")
	p.Y.Min = 0
	p.Legend.Top = true
	p.Legend.Left = true

	// A period lies within one calendar year: the title names it, the
	// bars only need the month.
	var names []string
	highest := 0
	for _, m := range f.PerMonth {
		names = append(names, tr.T(fmt.Sprintf("time.month.%d", m.Month.Month())))
		highest = max(highest, m.Total)
	}
	p.Y.Max = float64(highest) * 1.25 // room for the legend
	width := vg.Points(min(60, 400/float64(max(len(names), 1))))
	var below *plotter.BarChart
	add := func(label string, values plotter.Values, c color.Color) error {
		bars, err := plotter.NewBarChart(values, width)
		if err != nil {
			return fmt.Errorf("chart: %w", err)
		}
		bars.Color = c
		bars.LineStyle.Width = 0
		if below != nil {
			bars.StackOn(below)
		}
		below = bars
		p.Add(bars)
		p.Legend.Add(label, bars)
		return nil
	}
	if split {
		for _, c := range Categories {
			values := make(plotter.Values, len(f.PerMonth))
			any := false
			for i, m := range f.PerMonth {
				values[i] = float64(m.ByCategory[c])
				any = any || m.ByCategory[c] > 0
			}
			if !any {
				continue
			}
			if err := add(tr.T("opt.categories."+string(c)), values, categoryColours[c]); err != nil {
				return nil, err
			}
		}
	} else {
		values := make(plotter.Values, len(f.PerMonth))
		for i, m := range f.PerMonth {
			values[i] = float64(m.Total)
		}
		if err := add(tr.T("overview.chart.all"), values, categoryColours[CatDamage]); err != nil {
			return nil, err
		}
	}
	p.NominalX(names...)
	p.Y.Tick.Marker = wholeTicks{}

	w, err := p.WriterTo(chartWidth, chartHeight, "png")
	if err != nil {
		return nil, fmt.Errorf("chart: %w", err)
	}
	var buf bytes.Buffer
	if _, err := w.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("chart: %w", err)
	}
	return buf.Bytes(), nil
}

// wholeTicks marks the y axis at whole numbers only: there is no such
// thing as half an incident.
type wholeTicks struct{}

// Ticks returns about five ticks on whole numbers between min and max.
func (wholeTicks) Ticks(lo, hi float64) []plot.Tick {
	step := 1
	for float64(step)*6 < hi-lo {
		switch {
		case fmt.Sprint(step)[0] == '2':
			step = step / 2 * 5
		default:
			step *= 2
		}
	}
	var ticks []plot.Tick
	for v := 0; float64(v) <= hi; v += step {
		if float64(v) >= lo {
			ticks = append(ticks, plot.Tick{Value: float64(v), Label: fmt.Sprint(v)})
		}
	}
	return ticks
}
