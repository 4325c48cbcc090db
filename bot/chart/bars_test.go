package chart

import (
	"bytes"
	"image/color"
	"image/png"
	"testing"
)

// A chart is a PNG of the promised size, whatever the counts: none, one
// column, or bars stacked from several series.
func TestBarsArePictures(t *testing.T) {
	for name, b := range map[string]Bars{
		"empty":   {Title: "Niets", YLabel: "meldingen"},
		"one bar": {Title: "Eén", Columns: []string{"jan"}, Series: []Series{{Label: "Verbaal", Counts: []int{3}, Colour: color.RGBA{0xE6, 0x9F, 0, 0xFF}}}},
		"stacked": {Title: "Kwartaal", YLabel: "meldingen", Columns: []string{"jul", "aug", "sep"}, Series: []Series{
			{Label: "Verbaal", Counts: []int{3, 0, 12}, Colour: color.RGBA{0xE6, 0x9F, 0, 0xFF}},
			{Label: "Bedreiging", Counts: []int{1, 2}, Colour: color.RGBA{0xD5, 0x5E, 0, 0xFF}},
		}},
	} {
		data, err := b.PNG()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		img, err := png.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: not a PNG: %v", name, err)
		}
		if r := img.Bounds(); r.Dx() != 768 || r.Dy() != 432 {
			t.Errorf("%s: %d × %d pixels, want 768 × 432", name, r.Dx(), r.Dy())
		}
	}
}
