// Package chart draws the pictures meldbot sends with an overview: bar
// charts as PNG, readable in a chat window and on a phone. It knows nothing
// of incidents; its callers say what the bars are.
package chart

import (
	"bytes"
	"fmt"
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

// Sizes: 8 × 4.5 inch at 96 dpi is 768 × 432 pixels.
const (
	width  = 8 * vg.Inch
	height = 4.5 * vg.Inch
)

// Bars is a bar chart of counts: one bar per column, each stacked from its
// series, bottom first, with a legend naming the series.
type Bars struct {
	Title  string
	YLabel string
	// Columns name the bars from left to right, e.g. the months.
	Columns []string
	Series  []Series
}

// Series is one layer of the stacked bars: a count per column.
type Series struct {
	Label  string
	Counts []int
	Colour color.RGBA
}

// PNG draws the chart. The y axis starts at zero, is marked at whole
// numbers only and leaves room above the highest bar for the legend. A
// chart without columns is an empty frame, and a series with fewer counts
// than there are columns counts zero for the rest.
func (b Bars) PNG() ([]byte, error) {
	p := plot.New()
	p.Title.Text = b.Title
	p.Y.Label.Text = b.YLabel
	p.Y.Min = 0
	p.Legend.Top = true
	p.Legend.Left = true
	highest := 0
	for i := range b.Columns {
		sum := 0
		for _, s := range b.Series {
			if i < len(s.Counts) {
				sum += s.Counts[i]
			}
		}
		highest = max(highest, sum)
	}
	// An empty chart still has an axis from 0 to 1, not a collapsed one.
	p.Y.Max = max(float64(highest)*1.25, 1)
	barWidth := vg.Points(min(60, 400/float64(max(len(b.Columns), 1))))
	var below *plotter.BarChart
	for _, s := range b.Series {
		values := make(plotter.Values, len(b.Columns))
		for i := range values {
			if i < len(s.Counts) {
				values[i] = float64(s.Counts[i])
			}
		}
		bars, err := plotter.NewBarChart(values, barWidth)
		if err != nil {
			return nil, fmt.Errorf("chart: %w", err)
		}
		bars.Color = s.Colour
		bars.LineStyle.Width = 0
		if below != nil {
			bars.StackOn(below)
		}
		below = bars
		p.Add(bars)
		p.Legend.Add(s.Label, bars)
	}
	if len(b.Columns) > 0 {
		p.NominalX(b.Columns...)
	} else {
		p.HideX()
	}
	p.Y.Tick.Marker = wholeTicks{}
	w, err := p.WriterTo(width, height, "png")
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
// thing as half a report.
type wholeTicks struct{}

// Ticks returns about five ticks on whole numbers between lo and hi.
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
