package storage

import (
	"fmt"
	"testing"
	"time"

	"meldbot/bot/bottest"
	"meldbot/bot/register"
)

// A register row survives its binary form, and damaged bytes are refused,
// never half read.
func TestRegisterRowBinaryForm(t *testing.T) {
	at := time.Date(2026, 7, 3, 14, 30, 0, 0, time.UTC)
	in := register.Row{Number: "GIR-2026-0042", Occurred: at, Reported: at.Add(time.Hour), Categories: []register.Category{register.CatThreat, "new_kind"},
		Department: "publiekszaken", Location: "stadhuis", Serious: true, Police: "melding", Measure: "talk", FirstCare: at.Add(2 * time.Hour),
		Aftercare: []register.Deadline{{Due: at.Add(72 * time.Hour), Done: at.Add(70 * time.Hour)}, {Due: at.Add(300 * time.Hour), NotNeeded: true}},
		Open:      []time.Time{at.Add(400 * time.Hour)}, Purged: true}
	data := encodeRow(in)
	out, err := decodeRow(data)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := fmt.Sprintf("%+v", bottest.RowInUTC(out)), fmt.Sprintf("%+v", in); got != want {
		t.Errorf("round trip:\n got %s\nwant %s", got, want)
	}
	for n := range len(data) {
		if _, err := decodeRow(data[:n]); err == nil {
			t.Errorf("the first %d of %d bytes read as a row", n, len(data))
		}
	}
	if _, err := decodeRow(append([]byte{99}, data[1:]...)); err == nil {
		t.Error("an unknown version read as a row")
	}
}
