package storage

import (
	"context"
	"encoding/binary"
	"fmt"
	"testing"
	"time"

	"meldbot/bot"
	"meldbot/bot/bottest"
	"meldbot/bot/register"
)

// A register row survives its binary form, and damaged bytes are refused,
// never half read.
func TestRegisterRowBinaryForm(t *testing.T) {
	at := time.Date(2026, 7, 3, 14, 30, 0, 0, time.UTC)
	in := register.Row{Number: "GIR-2026-0042", Occurred: at, Reported: at.Add(time.Hour), Categories: []register.Category{register.CatThreat, "new_kind"},
		Department: "publiekszaken", Location: "stadhuis", Serious: true, Police: "melding", Measure: "talk", FirstCare: at.Add(2 * time.Hour),
		CareGiven: at.Add(3 * time.Hour), CareOpen: true,
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

// A row in the first binary form, written before rows held when first care
// was given, still reads: without care given.
func TestRegisterRowOfTheFirstVersionStillReads(t *testing.T) {
	at := time.Date(2026, 7, 3, 14, 30, 0, 0, time.UTC)
	// The bytes version 1 wrote for this row (GIR-2026-0007, reported an
	// hour after it happened, first care taken up two hours after that,
	// serious, one category, no department, location, police, measure,
	// aftercare or open deadlines).
	v1 := []byte{1, 13, 'G', 'I', 'R', '-', '2', '0', '2', '6', '-', '0', '0', '0', '7'}
	for _, s := range []int64{at.Unix(), at.Add(time.Hour).Unix(), at.Add(3 * time.Hour).Unix(), 0} {
		v1 = binary.AppendVarint(v1, s)
	}
	v1 = append(v1, rowSerious, 1, 6, 't', 'h', 'r', 'e', 'a', 't', 0, 0, 0, 0, 0, 0)
	r, err := decodeRow(v1)
	if err != nil {
		t.Fatal(err)
	}
	want := register.Row{Number: "GIR-2026-0007", Occurred: at, Reported: at.Add(time.Hour), FirstCare: at.Add(3 * time.Hour),
		Categories: []register.Category{register.CatThreat}, Serious: true}
	if got := bottest.RowInUTC(r); fmt.Sprintf("%+v", got) != fmt.Sprintf("%+v", want) {
		t.Errorf("version 1:\n got %+v\nwant %+v", got, want)
	}
	if d, ok := r.CareGivenTime(); ok {
		t.Errorf("a version 1 row has care given after %v", d)
	}
}

// A scan lends facts whose departments and locations are right however
// many different ones there are, however many a day holds.
func TestAScanReadsManyDifferentDepartments(t *testing.T) {
	s := openTemp(t)
	at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	const n = 200
	if err := s.Update(context.Background(), func(tx bot.Tx) error {
		for i := range n {
			r := register.Row{Number: bot.IncidentNumber(2026, i+1), Occurred: at.Add(time.Duration(i) * time.Minute),
				Department: fmt.Sprintf("afdeling-%d", i), Location: fmt.Sprintf("locatie-%d", i%3)}
			if err := tx.PutRow(r); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	i := 0
	if err := s.View(context.Background(), func(tx bot.Tx) error {
		return tx.ScanFacts(time.Time{}, time.Time{}, func(f *register.Facts) error {
			dept, loc := f.Names[f.Department], f.Names[f.Location]
			if want := fmt.Sprintf("afdeling-%d", i); dept != want || loc != fmt.Sprintf("locatie-%d", i%3) {
				t.Errorf("row %d: department %q, location %q", i, dept, loc)
			}
			i++
			return nil
		})
	}); err != nil {
		t.Fatal(err)
	}
	if i != n {
		t.Errorf("the facts of %d rows lent, want %d", i, n)
	}
}
