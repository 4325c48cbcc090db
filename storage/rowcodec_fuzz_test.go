package storage

import (
	"reflect"
	"testing"
	"time"

	"meldbot/bot/register"
)

// FuzzRowCodec decodes any bytes as a register row: garbage is an error,
// never a panic, and a row it decodes encodes to bytes that decode to the
// same row.
//
//	go test ./storage -run '^$' -fuzz FuzzRowCodec -fuzztime 1m
func FuzzRowCodec(f *testing.F) {
	at := time.Date(2026, 11, 27, 15, 0, 0, 0, time.UTC)
	for _, r := range []register.Row{
		{Number: "GIR-2026-0001", Occurred: at, Reported: at.Add(time.Hour)},
		{Number: "GIR-2026-0002", Occurred: at, Reported: at, FirstCare: at.Add(10 * time.Minute), ClosedAt: at.AddDate(0, 2, 0),
			Serious: true, Purged: true, Categories: []register.Category{register.CatVerbal, register.CatPhysical}, Department: "publiekszaken",
			Location: "stadhuis", Police: "aangifte", Measure: "ban",
			Aftercare: []register.Deadline{{Due: at.Add(72 * time.Hour), Done: at.Add(24 * time.Hour)}, {Due: at.AddDate(0, 0, 14), NotNeeded: true}},
			Open:      []time.Time{at.AddDate(0, 0, 10)}},
	} {
		f.Add(encodeRow(r))
	}
	f.Add([]byte{1})
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := decodeRow(data)
		if err != nil {
			return
		}
		back, err := decodeRow(encodeRow(r))
		if err != nil {
			t.Fatalf("a row encoded from %x does not decode: %v", data, err)
		}
		if !reflect.DeepEqual(r, back) {
			t.Fatalf("decoded %x:\n%+v\nencoded and decoded again:\n%+v", data, r, back)
		}
	})
}
