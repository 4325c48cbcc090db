package storage

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"meldbot/bot"
	"meldbot/bot/bottest"
	"meldbot/bot/register"
)

// A data file from before the register kept its days (schema 13) gets
// them when it is opened: the overviews count what its rows hold.
func TestAFileWithoutDaysGetsThemFromItsRows(t *testing.T) {
	path := filepath.Join(t.TempDir(), "meldbot.db")
	s := openAt(t, path)
	rows := bottest.RandomRows(rand.New(rand.NewPCG(13, 14)), bottest.Amsterdam, 300)
	if err := s.Update(context.Background(), func(tx bot.Tx) error {
		for _, r := range rows {
			if err := tx.PutRow(r); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	want := countAll(t, s)
	if err := s.db.Update(func(btx *bolt.Tx) error {
		if err := btx.DeleteBucket(bucketRegisterDays); err != nil {
			return err
		}
		return btx.Bucket(bucketMeta).Put(keySchema, []byte("13"))
	}); err != nil {
		t.Fatal(err)
	}
	s.Close()

	s = openAt(t, path)
	if got := countAll(t, s); got != want {
		t.Errorf("after the upgrade:\n%s\nbefore:\n%s", got, want)
	}
	if r, err := s.Check(context.Background()); err != nil || len(r.Unreadable) != 0 {
		t.Errorf("check after the upgrade: %+v, %v", r, err)
	}
}

// countAll returns the figures of 2025 and 2026 as text, for the whole
// organisation and a department.
func countAll(t *testing.T, s *Store) string {
	t.Helper()
	var out []string
	now := time.Date(2027, 2, 1, 12, 0, 0, 0, bottest.Amsterdam)
	for _, key := range []string{"2025", "2026", "2026-Q2"} {
		p, err := register.ParsePeriod(key, now)
		if err != nil {
			t.Fatal(err)
		}
		for _, sc := range []register.Scope{{}, {Department: "sociaal"}} {
			if err := s.View(context.Background(), func(tx bot.Tx) error {
				f, err := register.Count(tx, p, sc, now)
				out = append(out, fmt.Sprintf("%+v", f))
				return err
			}); err != nil {
				t.Fatal(err)
			}
		}
	}
	return strings.Join(out, "\n")
}

// A day that does not hold the facts of its rows (changed behind the
// register's back) is named by the check of the data file.
func TestADayThatDiffersFromItsRowsIsNamedByTheCheck(t *testing.T) {
	s := openTemp(t)
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	if err := s.Update(context.Background(), func(tx bot.Tx) error {
		for i := range 3 {
			r := register.Row{Number: bot.IncidentNumber(2026, i+1), Occurred: at.AddDate(0, 0, i), Reported: at, Department: "sociaal"}
			if err := tx.PutRow(r); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if r, err := s.Check(context.Background()); err != nil || len(r.Unreadable) != 0 {
		t.Fatalf("check of a sound file: %+v, %v", r, err)
	}
	if err := s.db.Update(func(btx *bolt.Tx) error {
		rows, err := decodeDay(btx.Bucket(bucketRegisterDays).Get(dayOf(at)))
		if err != nil || len(rows) != 1 {
			return fmt.Errorf("the day of %v holds %d rows: %v", at, len(rows), err)
		}
		rows[0].row.Department = "publiekszaken"
		return btx.Bucket(bucketRegisterDays).Put(dayOf(at), encodeDay(rows))
	}); err != nil {
		t.Fatal(err)
	}
	r, err := s.Check(context.Background())
	if err != nil || len(r.Unreadable) != 1 || !strings.Contains(r.Unreadable[0], "register_days/") {
		t.Errorf("check = %+v, %v; want the day of 2 March named", r, err)
	}
}

// A day missing while the register has rows of it (removed behind the
// register's back) is named by the check too: the overviews would not
// count those rows.
func TestADayMissingForItsRowsIsNamedByTheCheck(t *testing.T) {
	s := openTemp(t)
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	if err := s.Update(context.Background(), func(tx bot.Tx) error {
		return tx.PutRow(register.Row{Number: bot.IncidentNumber(2026, 1), Occurred: at, Reported: at})
	}); err != nil {
		t.Fatal(err)
	}
	if err := s.db.Update(func(btx *bolt.Tx) error {
		return btx.Bucket(bucketRegisterDays).Delete(dayOf(at))
	}); err != nil {
		t.Fatal(err)
	}
	r, err := s.Check(context.Background())
	if err != nil || len(r.Unreadable) != 1 || !strings.Contains(r.Unreadable[0], "register_days/") {
		t.Errorf("check = %+v, %v; want the day of 2 March named", r, err)
	}
}

// A day that does not read (a damaged page) keeps no incident of it from
// being changed: the rows are the record, and the day is made anew from
// them when a row of it is stored.
func TestARowIsStoredOnADayThatDoesNotRead(t *testing.T) {
	s := openTemp(t)
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	first := register.Row{Number: bot.IncidentNumber(2026, 1), Occurred: at, Reported: at, Department: "sociaal"}
	if err := s.Update(context.Background(), func(tx bot.Tx) error { return tx.PutRow(first) }); err != nil {
		t.Fatal(err)
	}
	if err := s.db.Update(func(btx *bolt.Tx) error {
		return btx.Bucket(bucketRegisterDays).Put(dayOf(at), []byte{dayForm, 7, 7, 7})
	}); err != nil {
		t.Fatal(err)
	}
	first.Serious = true
	second := register.Row{Number: bot.IncidentNumber(2026, 2), Occurred: at.Add(time.Hour), Reported: at, Department: "sociaal"}
	if err := s.Update(context.Background(), func(tx bot.Tx) error {
		if err := tx.PutRow(first); err != nil {
			return err
		}
		return tx.PutRow(second)
	}); err != nil {
		t.Fatalf("storing rows of a day that does not read: %v", err)
	}
	if r, err := s.Check(context.Background()); err != nil || len(r.Unreadable) != 0 {
		t.Errorf("check after the rows were stored: %+v, %v", r, err)
	}
	wantCountedInMonth(t, s, at, 2, 1)
}

// A row is stored again also when the register's entry of its old place
// is damaged (too short to hold a moment): its day is made anew from the
// rows, the check finds it in step with them, and the overview counts the
// row once, as it is now.
func TestARowIsStoredOverADamagedEntryOfItsPlace(t *testing.T) {
	s := openTemp(t)
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	r := register.Row{Number: bot.IncidentNumber(2026, 1), Occurred: at, Reported: at}
	if err := s.Update(context.Background(), func(tx bot.Tx) error { return tx.PutRow(r) }); err != nil {
		t.Fatal(err)
	}
	key, _ := incidentKey(r.Number)
	if err := s.db.Update(func(btx *bolt.Tx) error { return btx.Bucket(bucketRegister).Put(key, []byte{1, 2}) }); err != nil {
		t.Fatal(err)
	}
	r.Serious = true
	if err := s.Update(context.Background(), func(tx bot.Tx) error { return tx.PutRow(r) }); err != nil {
		t.Fatalf("storing a row over a damaged entry of its place: %v", err)
	}
	if rep, err := s.Check(context.Background()); err != nil || len(rep.Unreadable) != 0 {
		t.Errorf("check after the row was stored: %+v, %v", rep, err)
	}
	wantCountedInMonth(t, s, at, 1, 1)
}

// wantCountedInMonth checks that the overview of the month of at counts
// total incidents, serious of them serious.
func wantCountedInMonth(t *testing.T, s *Store, at time.Time, total, serious int) {
	t.Helper()
	p, err := register.ParsePeriod(at.Format("2006-01"), at)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.View(context.Background(), func(tx bot.Tx) error {
		f, err := register.Count(tx, p, register.Scope{}, at)
		if f.Total != total || f.Serious != serious {
			t.Errorf("the overview counts %d incidents, %d serious; want %d, %d", f.Total, f.Serious, total, serious)
		}
		return err
	}); err != nil {
		t.Fatal(err)
	}
}
