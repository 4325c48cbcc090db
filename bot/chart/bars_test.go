package chart

import (
	"bytes"
	"fmt"
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

// A chart asked for again is the same picture; bars that differ in one
// count are a picture of their own, and the oldest picture makes room.
func TestTheCacheDrawsEachChartOnce(t *testing.T) {
	c := NewCache(2)
	bars := func(n int) Bars {
		return Bars{Title: "Kwartaal", Columns: []string{"jul", "aug"}, Series: []Series{{Label: "Verbaal", Counts: []int{n, 2}}}}
	}
	draw := func(b Bars) []byte {
		t.Helper()
		data, err := c.PNG(b)
		if err != nil {
			t.Fatal(err)
		}
		want, err := b.PNG()
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(data, want) {
			t.Fatalf("the cache gives another picture of %+v", b)
		}
		return data
	}
	first := draw(bars(1))
	first[0] = 'X' // the caller's own bytes: the cache keeps its copy
	draw(bars(1))
	draw(bars(3))
	draw(bars(4))
	if len(c.png) != 2 || c.order[0] != fmt.Sprintf("%#v", bars(3)) {
		t.Errorf("the cache holds %d pictures, oldest %s", len(c.png), c.order[0])
	}
}
