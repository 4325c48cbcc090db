package storage

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"meldbot/bot"
	"meldbot/bot/bottest"
	"meldbot/bot/register"
)

// The facts a scan reads from the register's days are those of its rows,
// and so are the figures counted from them, for every scope and moment: on
// random rows, rows whose personal data was removed, rows stored again
// after they changed (on another day or the same), and days read from a
// moment in the middle of them.
func TestScannedFactsAreThoseOfTheDecodedRows(t *testing.T) {
	rng := rand.New(rand.NewPCG(16, 2))
	zone := bottest.Amsterdam
	s := openTemp(t)
	ctx := context.Background()
	rows := bottest.RandomRows(rng, zone, 600)
	if err := s.Update(ctx, func(btx bot.Tx) error {
		t := btx.(*tx)
		for i, r := range rows {
			if err := t.PutRow(r); err != nil {
				return err
			}
			switch i % 5 {
			case 0: // changed since: stored again, mostly at another moment
				r.Occurred, r.Serious, r.Open = bottest.Moments(rng, zone), !r.Serious, nil
				if err := t.PutRow(r); err != nil {
					return err
				}
			case 1: // taken out of its day and put back, as the same row
				key, _ := incidentKey(r.Number)
				when := t.b.Bucket(bucketRegister).Get(key)
				if err := t.moveDayRow(when, nil, r); err != nil {
					return err
				}
				if err := t.moveDayRow(nil, when, r); err != nil {
					return err
				}
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	var scanned, decoded []string
	if err := s.View(ctx, func(tx bot.Tx) error {
		if err := tx.ScanFacts(time.Time{}, time.Time{}, func(f *register.Facts) error {
			scanned = append(scanned, bottest.FactsText(f))
			return nil
		}); err != nil {
			return err
		}
		return wholeRows{tx}.ScanFacts(time.Time{}, time.Time{}, func(f *register.Facts) error {
			decoded = append(decoded, bottest.FactsText(f))
			return nil
		})
	}); err != nil {
		t.Fatal(err)
	}
	if len(scanned) != len(rows) {
		t.Fatalf("%d rows scanned, want %d", len(scanned), len(rows))
	}
	for i := range scanned {
		if scanned[i] != decoded[i] {
			t.Fatalf("row %d:\n scanned %s\n decoded %s", i, scanned[i], decoded[i])
		}
	}
	if r, err := s.Check(ctx); err != nil || len(r.Unreadable) != 0 {
		t.Errorf("the check after the changes: %+v, %v", r, err)
	}
	for range 100 {
		now := bottest.Moments(rng, zone).Add(time.Duration(rng.IntN(2)) * 500 * time.Millisecond)
		key := []string{"2026", "2025", "2025-Q1", "2026-Q4", "2025-H2", "2026-03", "2025-12"}[rng.IntN(7)]
		p, err := register.ParsePeriod(key, now)
		if err != nil {
			t.Fatal(err)
		}
		sc := []register.Scope{{}, {Department: "sociaal"}, {Department: "afdeling-die-niet-meer-bestaat"}, {Location: "wijkpost"},
			{Department: "publiekszaken", Location: "stadhuis"}}[rng.IntN(5)]
		if err := s.View(ctx, func(tx bot.Tx) error {
			fast, err1 := register.Count(tx, p, sc, now)
			whole, err2 := register.Count(wholeRows{tx}, p, sc, now)
			if err1 != nil || err2 != nil {
				return fmt.Errorf("%w; %w", err1, err2)
			}
			if a, b := fmt.Sprintf("%+v", fast), fmt.Sprintf("%+v", whole); a != b {
				t.Errorf("%s %+v at %v:\n scanned %s\n decoded %s", key, sc, now, a, b)
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	}
}

// wholeRows scans a store's rows decoded whole (EachRow).
type wholeRows struct{ tx bot.Tx }

func (w wholeRows) ScanFacts(from, to time.Time, fn func(*register.Facts) error) error {
	return register.ScanFactsOf(func(each func(register.Row) error) error { return w.tx.EachRow(from, to, each) }, fn)
}
