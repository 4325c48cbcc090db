package storage

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"meldbot/bot/bottest"
	"meldbot/bot/register"
)

// FuzzDayCodec reads any bytes as a day of the register: garbage is an
// error, never a panic; the scan an overview makes refuses what decodeDay
// refuses, and reads the facts of the rows decodeDay reads; those rows
// encode to a day that decodes to the same rows; and a row taken out of the
// day's bytes and put in again leaves the others as they were.
//
//	go test ./storage -run '^$' -fuzz FuzzDayCodec -fuzztime 1m
func FuzzDayCodec(f *testing.F) {
	rng := rand.New(rand.NewPCG(4, 16))
	for _, n := range []int{0, 1, 3, 20} {
		var rows []dayRow
		for _, r := range bottest.RandomRows(rng, bottest.Amsterdam, n) {
			key, _ := incidentKey(r.Number)
			rows = append(rows, dayRow{when: append(whenKey(r.Occurred), key...), row: r})
		}
		f.Add(encodeDay(rows))
	}
	f.Add([]byte{dayForm})
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, err := decodeDay(data)
		var scanned []string
		s := newFactScan()
		_, serr := s.day(data, nil, nil, true, func(f *register.Facts) error {
			scanned = append(scanned, bottest.FactsText(f))
			return nil
		})
		if (err == nil) != (serr == nil) {
			t.Fatalf("%x: decodeDay says %v, the scan %v", data, err, serr)
		}
		if err != nil {
			return
		}
		var decoded []string
		_ = register.ScanFactsOf(func(each func(register.Row) error) error {
			for _, dr := range rows {
				if err := each(dr.row); err != nil {
					return err
				}
			}
			return nil
		}, func(f *register.Facts) error { decoded = append(decoded, bottest.FactsText(f)); return nil })
		if fmt.Sprint(scanned) != fmt.Sprint(decoded) {
			t.Fatalf("%x:\n scanned %v\n decoded %v", data, scanned, decoded)
		}
		again, err := decodeDay(encodeDay(rows))
		if err != nil || fmt.Sprintf("%+v", again) != fmt.Sprintf("%+v", rows) {
			t.Fatalf("%x: encoded and decoded again: %v\n%+v\nwant\n%+v", data, err, again, rows)
		}
		if len(rows) == 0 {
			return
		}
		// A row taken out of the day's bytes, and put in again: the
		// other rows stay as they were.
		last := rows[len(rows)-1]
		edited, n, err := editDay(data, last.when, nil, register.Row{})
		out, derr := decodeDay(edited)
		first := slices.IndexFunc(rows, func(dr dayRow) bool { return bytes.Equal(dr.when, last.when) })
		want := slices.Delete(slices.Clone(rows), first, first+1)
		if err != nil || derr != nil || n != len(want) || fmt.Sprintf("%+v", out) != fmt.Sprintf("%+v", want) {
			t.Fatalf("%x without its row %x: %v %v, %d rows\n%+v\nwant\n%+v", data, last.when, err, derr, n, out, want)
		}
		edited, n, err = editDay(edited, nil, last.when, last.row)
		out, derr = decodeDay(edited)
		if err != nil || derr != nil || n != len(rows) || !slices.ContainsFunc(out, func(dr dayRow) bool {
			return fmt.Sprintf("%+v", dr) == fmt.Sprintf("%+v", last)
		}) {
			t.Fatalf("%x with its row %x put back: %v %v, %d rows\n%+v", data, last.when, err, derr, n, out)
		}
	})
}
