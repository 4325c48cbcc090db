package storage

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"meldbot/bot"
	"meldbot/bot/bottest"
	"meldbot/bot/register"
)

// A report of Thursday 24 December 2026, 16:00, as meldbot stored it at
// schema 12, before the working calendar timed tasks: first care taken up
// at 16:20 and done at 17:10; the aftercare talk planned from Monday 08:30
// but due on Sunday 16:00 (72 hours after the report), not announced yet;
// the reaction toward the offender announced, due on Saturday 16:00.
const (
	schema12Incident = `{"number":"GIR-2026-0001","reported_at":"2026-12-24T16:00:00+01:00",` +
		`"reporter":"sanne.visser@voorbeeldrode.nl","reporter_name":"Sanne Visser",` +
		`"subject":"sanne.visser@voorbeeldrode.nl","subject_name":"Sanne Visser",` +
		`"report":{"categories":{"keys":["verbal"]},"channel":{"keys":["in_person"]},` +
		`"when":{"moment":{"time":"2026-12-24T15:30:00+01:00","precision":"minute"}},` +
		`"department":{"keys":["publiekszaken"]},"location":{"keys":["stadhuis"]},` +
		`"description":{"text":"Een klant schold me uit aan de balie."},"party":{"keys":["citizen"]}},` +
		`"serious":false,"status":"open",` +
		`"first_care_at":"2026-12-24T16:20:00+01:00","first_care_by":"peter.bakker@voorbeeldrode.nl"}`
	schema12FirstCare = `{"id":"GIR-2026-0001/first_care","kind":"first_care","incident":"GIR-2026-0001","row":"M5",` +
		`"assignee":"peter.bakker@voorbeeldrode.nl","fallback":["fatima.elamrani@voorbeeldrode.nl","karin.devries@voorbeeldrode.nl"],` +
		`"watchers":["peter.bakker@voorbeeldrode.nl"],"created":"2026-12-24T16:00:00+01:00",` +
		`"start":"2026-12-24T16:00:00+01:00","due":"2026-12-28T10:30:00+01:00","state":"done","reminded":true,` +
		`"history":[{"at":"2026-12-24T16:00:00+01:00","what":"announced"},` +
		`{"at":"2026-12-24T16:20:00+01:00","by":"peter.bakker@voorbeeldrode.nl","what":"acknowledged"},` +
		`{"at":"2026-12-24T17:10:00+01:00","by":"peter.bakker@voorbeeldrode.nl","what":"done"}]}`
	schema12Talk = `{"id":"GIR-2026-0001/aftercare_talk","kind":"aftercare_talk","incident":"GIR-2026-0001","row":"M7",` +
		`"assignee":"peter.bakker@voorbeeldrode.nl","fallback":["fatima.elamrani@voorbeeldrode.nl","karin.devries@voorbeeldrode.nl"],` +
		`"created":"2026-12-24T16:00:00+01:00","start":"2026-12-28T08:30:00+01:00","due":"2026-12-27T16:00:00+01:00",` +
		`"state":"scheduled","next":"2026-12-28T08:30:00+01:00",` +
		`"history":[{"at":"2026-12-24T16:00:00+01:00","what":"scheduled"}]}`
	schema12Offender = `{"id":"GIR-2026-0001/offender","kind":"offender","incident":"GIR-2026-0001","row":"M10",` +
		`"assignee":"peter.bakker@voorbeeldrode.nl","fallback":["fatima.elamrani@voorbeeldrode.nl","karin.devries@voorbeeldrode.nl"],` +
		`"watchers":["peter.bakker@voorbeeldrode.nl"],"created":"2026-12-24T16:00:00+01:00",` +
		`"start":"2026-12-24T17:00:00+01:00","due":"2026-12-26T16:00:00+01:00","note":"citizen",` +
		`"state":"open","next":"2026-12-26T16:00:00+01:00",` +
		`"history":[{"at":"2026-12-24T16:00:00+01:00","what":"scheduled"},{"at":"2026-12-24T17:00:00+01:00","what":"announced"}]}`
)

// schema12File writes a data file as meldbot wrote it at schema 12: the
// records above, their indexes, and the register row in its first binary
// form (without care given).
func schema12File(t *testing.T, path string) {
	t.Helper()
	s := openAt(t, path)
	err := s.db.Update(func(btx *bolt.Tx) error {
		tx := &tx{b: btx}
		key, _ := incidentKey("GIR-2026-0001")
		if err := btx.Bucket(bucketIncidents).Put(key, []byte(schema12Incident)); err != nil {
			return err
		}
		var inc bot.Incident
		if err := json.Unmarshal([]byte(schema12Incident), &inc); err != nil {
			return err
		}
		var tasks []bot.Task
		for _, record := range []string{schema12FirstCare, schema12Talk, schema12Offender} {
			var task bot.Task
			if err := json.Unmarshal([]byte(record), &task); err != nil {
				return err
			}
			if err := tx.PutTask(task); err != nil { // the record and its indexes
				return err
			}
			if err := btx.Bucket(bucketTasks).Put([]byte(task.ID), []byte(record)); err != nil { // as written then
				return err
			}
			tasks = append(tasks, task)
		}
		row := bot.RowOf(inc, tasks)
		wk := append(whenKey(row.Occurred), key...)
		if err := btx.Bucket(bucketRegisterWhen).Put(wk, encodeRowV1(row)); err != nil {
			return err
		}
		if err := btx.Bucket(bucketRegister).Put(key, wk); err != nil {
			return err
		}
		return btx.Bucket(bucketMeta).Put(keySchema, []byte("12"))
	})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
}

// encodeRowV1 writes a row in the first binary form: no care given.
func encodeRowV1(r register.Row) []byte {
	b := encodeRow(r)
	v2, err := decodeRow(b)
	if err != nil || v2.Number != r.Number {
		panic("a row that does not read back")
	}
	// The form of version 2 with the care given moment left out.
	out := append([]byte{1}, b[1:]...)
	d := rowDecoder{b: out[1:]}
	d.string()
	for range 4 {
		d.varint()
	}
	at := len(out) - len(d.b)
	_, n := binary.Varint(d.b)
	return append(out[:at:at], d.b[n:]...)
}

// A data file of schema 12 upgrades: first care that was done gets the
// moment it was given, the register row holds it, and the stored tasks keep
// working under the working calendar — the aftercare talk due on the Sunday
// before it started is planned anew when it is announced on Monday, and
// nothing is sent outside working hours.
func TestAFileOfSchema12KeepsItsTasksWorking(t *testing.T) {
	path := filepath.Join(t.TempDir(), "meldbot.db")
	schema12File(t, path)

	s := openAt(t, path)
	var inc bot.Incident
	var row register.Row
	if err := s.View(context.Background(), func(tx bot.Tx) error {
		var err error
		if inc, err = tx.Incident("GIR-2026-0001"); err != nil {
			return err
		}
		row, err = tx.Row("GIR-2026-0001")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if d, ok := inc.TimeToCareGiven(); !ok || d != 70*time.Minute || inc.CareGivenBy != "peter.bakker@voorbeeldrode.nl" {
		t.Errorf("care given %v after the report (%v) by %q, want 70 minutes by Peter", d, ok, inc.CareGivenBy)
	}
	if d, ok := row.CareGivenTime(); !ok || d != 70*time.Minute || row.CareOpen {
		t.Errorf("row: care given %v (%v), still open %v", d, ok, row.CareOpen)
	}
	_ = s.db.View(func(btx *bolt.Tx) error {
		key, _ := incidentKey("GIR-2026-0001")
		if v := btx.Bucket(bucketRegisterWhen).Get(btx.Bucket(bucketRegister).Get(key)); len(v) == 0 || v[0] != rowVersion {
			t.Errorf("the row was not written anew in form %d", rowVersion)
		}
		return nil
	})

	// meldbot runs on it from Christmas Day on.
	ams := bottest.Amsterdam
	h := bottest.New(t, bottest.WithStore(s), bottest.WithClock(bottest.NewClock(time.Date(2026, 12, 25, 10, 0, 0, 0, ams))))
	h.Advance(time.Date(2026, 12, 30, 17, 0, 0, 0, ams).Sub(h.Clock.Now()))
	var sent []string
	for _, d := range h.Received() {
		sent = append(sent, d.Text)
	}
	all := strings.Join(sent, "\n---\n")
	// The reaction toward the offender, due on Boxing Day, is reminded on
	// Monday morning, not on Saturday.
	if !strings.Contains(all, "Herinnering") || !strings.Contains(all, "Reactie richting de dader") {
		t.Errorf("the stored reaction toward the offender was not reminded:\n%s", all)
	}
	talk := taskOf(t, s, "GIR-2026-0001/aftercare_talk")
	want := time.Date(2026, 12, 29, 17, 0, 0, 0, ams)
	if !talk.Due.Equal(want) || !talk.Given.Equal(time.Date(2026, 12, 28, 8, 30, 0, 0, ams)) {
		t.Errorf("aftercare talk given %v, due %v; want given Monday 08:30, due %v", talk.Given, talk.Due, want)
	}
	if !strings.Contains(all, "Graag uiterlijk di 29 dec 2026, 17:00") {
		t.Errorf("the aftercare talk was not announced with its new deadline:\n%s", all)
	}
	for _, ev := range talk.History {
		if (ev.What == bot.EventReminded || ev.What == bot.EventEscalated) && !ev.At.After(want) {
			t.Errorf("the aftercare talk was %s at %v, before its new deadline", ev.What, ev.At)
		}
	}
	offender := taskOf(t, s, "GIR-2026-0001/offender")
	cal := h.Bot.Calendar()
	for _, task := range []bot.Task{talk, offender} {
		for _, ev := range task.History {
			if ev.At.After(h.Clock.Now().Add(-6*24*time.Hour)) && ev.What != bot.EventScheduled && !cal.IsWorkingTime(ev.At) {
				t.Errorf("%s: %s at %v, outside working hours", task.ID, ev.What, ev.At)
			}
		}
	}
}

func taskOf(t *testing.T, s *Store, id string) bot.Task {
	t.Helper()
	var task bot.Task
	if err := s.View(context.Background(), func(tx bot.Tx) error {
		var err error
		task, err = tx.Task(id)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return task
}
