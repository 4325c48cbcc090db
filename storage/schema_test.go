package storage

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"meldbot/bot"
)

func TestNewerSchemaIsRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "meldbot.db")
	s := openAt(t, path)
	_ = s.db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Put(keySchema, []byte("999")) })
	s.Close()
	if _, err := Open(path); err == nil || !strings.Contains(err.Error(), "newer meldbot") {
		t.Errorf("Open = %v, want a refusal naming the newer schema", err)
	}
}

// Opening a data file that is up to date only reads it: no write
// transaction, no disk sync, at every start and every maintenance command.
func TestOpeningACurrentFileWritesNothing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "meldbot.db")
	txid := func(s *Store) (id int) {
		_ = s.db.View(func(tx *bolt.Tx) error { id = tx.ID(); return nil })
		return id
	}
	s := openAt(t, path)
	created := txid(s)
	s.Close()
	s = openAt(t, path)
	if got := txid(s); got != created {
		t.Errorf("reopening wrote %d transaction(s)", got-created)
	}
}

// OpenCurrent opens a data file as it is: a file of an older schema is
// refused and left as it was, a missing one is not created, and read-only
// it refuses to write.
func TestOpenCurrentUpgradesNothing(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "meldbot.db")
	schema4File(t, path)
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, readOnly := range []bool{true, false} {
		if s, err := OpenCurrent(path, readOnly); !errors.Is(err, ErrOldSchema) || !strings.Contains(err.Error(), "schema 4") {
			if err == nil {
				s.Close()
			}
			t.Errorf("OpenCurrent(read-only %v) = %v, want ErrOldSchema naming schema 4", readOnly, err)
		}
	}
	if after, err := os.ReadFile(path); err != nil || !bytes.Equal(before, after) {
		t.Errorf("OpenCurrent changed the older file (%v)", err)
	}

	s := openAt(t, path) // upgrades it
	s.Close()
	s, err = OpenCurrent(path, true)
	if err != nil {
		t.Fatalf("OpenCurrent of a current file: %v", err)
	}
	if err := s.Update(context.Background(), func(bot.Tx) error { return nil }); err == nil {
		t.Error("a read-only store accepted an update")
	}
	s.Close()

	missing := filepath.Join(dir, "none.db")
	if _, err := OpenCurrent(missing, false); err == nil {
		t.Error("OpenCurrent of a missing file succeeded")
	}
	if _, err := os.Stat(missing); !os.IsNotExist(err) {
		t.Errorf("OpenCurrent created %s (%v)", missing, err)
	}
}

// Earlier versions closed an unanswered check-in as not needed; the
// migrations make it lapsed — open to a late answer, nobody's decision —
// and leave a check-in that was answered, or that someone really found not
// needed, as it is.
func TestLapsedCheckInsAreOpenedAgain(t *testing.T) {
	path := filepath.Join(t.TempDir(), "meldbot.db")
	at := time.Date(2026, 12, 9, 8, 30, 0, 0, time.UTC)
	lapsed := bot.Task{ID: "GIR-2026-0001/check_in/a@x.nl/1", Kind: bot.TaskCheckIn, Incident: "GIR-2026-0001",
		Assignee: "a@x.nl", State: bot.TaskNotNeeded,
		History: []bot.TaskEvent{{At: at.Add(-7 * 24 * time.Hour), What: "announced"}, {At: at, What: "lapsed", Note: "no answer"}}}
	answered := lapsed
	answered.ID, answered.State = "GIR-2026-0001/check_in/a@x.nl/2", bot.TaskDone
	answered.History = append(slices.Clone(lapsed.History), bot.TaskEvent{At: at.Add(time.Hour), By: "a@x.nl", What: "done", Note: "fine"})
	declined := lapsed
	declined.ID = "GIR-2026-0001/check_in/a@x.nl/3"
	declined.History = append(slices.Clone(lapsed.History), bot.TaskEvent{At: at.Add(time.Hour), By: "k@x.nl", What: "not_needed", Note: "verhuisd"})

	s := openAt(t, path)
	if err := s.Update(context.Background(), func(tx bot.Tx) error {
		for _, task := range []bot.Task{lapsed, answered, declined} {
			if err := tx.PutTask(task); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	_ = s.db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Put(keySchema, []byte("5")) })
	s.Close()

	s = openAt(t, path)
	want := map[string]bot.TaskState{lapsed.ID: bot.TaskLapsed, answered.ID: bot.TaskDone, declined.ID: bot.TaskNotNeeded}
	if err := s.View(context.Background(), func(tx bot.Tx) error {
		for id, state := range want {
			task, err := tx.Task(id)
			if err != nil {
				return err
			}
			if task.State != state {
				t.Errorf("%s: state %s, want %s", id, task.State, state)
			}
		}
		mine, err := tx.TasksOf("a@x.nl")
		if len(mine) != 3 {
			t.Errorf("tasks of the employee after the migration: %d", len(mine))
		}
		return err
	}); err != nil {
		t.Fatal(err)
	}
}

// Earlier versions stored the police reference a manager recorded where
// the report's own goes; the migration moves it to a field of its own, and
// leaves a reference the report gave where it is.
func TestRecordedPoliceReferencesAreSeparated(t *testing.T) {
	path := filepath.Join(t.TempDir(), "meldbot.db")
	s := openAt(t, path)
	// The incidents as schema 8 stored them: one field per answer.
	if err := s.db.Update(func(btx *bolt.Tx) error {
		for n, record := range map[string]string{
			"GIR-2026-0001": `{"number":"GIR-2026-0001","police":"undecided","police_outcome":"aangifte","police_ref":"PV-4711","status":"open"}`,
			"GIR-2026-0002": `{"number":"GIR-2026-0002","police":"done","police_ref":"PV-0815","status":"open"}`,
			"GIR-2026-0003": `{"number":"GIR-2026-0003","police":"no","status":"open"}`,
		} {
			key, _ := incidentKey(n)
			if err := btx.Bucket(bucketIncidents).Put(key, []byte(record)); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	_ = s.db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Put(keySchema, []byte("8")) })
	s.Close()

	s = openAt(t, path)
	_ = s.View(context.Background(), func(tx bot.Tx) error {
		for n, want := range map[string][2]string{"GIR-2026-0001": {"", "PV-4711"}, "GIR-2026-0002": {"PV-0815", ""}, "GIR-2026-0003": {"", ""}} {
			inc, err := tx.Incident(n)
			if err != nil {
				t.Fatal(err)
			}
			if got := [2]string{inc.Report.Text("police_ref"), inc.Recorded.Text("police_reference")}; got != want {
				t.Errorf("%s: reported %q, recorded %q; want %q", n, got[0], got[1], want)
			}
		}
		return nil
	})
}

// An incident stored with a field per answer (schema 9) is written anew
// with its answers by question, and reads the same: what was reported,
// what the follow-up recorded, and whether a yes/no question was asked.
func TestIncidentsKeepTheirAnswersByQuestion(t *testing.T) {
	path := filepath.Join(t.TempDir(), "meldbot.db")
	s := openAt(t, path)
	legacy := `{"number":"GIR-2026-0001","reported_at":"2026-11-27T15:00:00+01:00","reporter":"sanne.visser@voorbeeldrode.nl",` +
		`"subject":"sanne.visser@voorbeeldrode.nl","categories":["threat"],"channel":"in_person",` +
		`"occurred":{"time":"2026-11-27T14:00:00+01:00","precision":"minute"},"department":"publiekszaken","location":"",` +
		`"location_text":"bij de bushalte","description":"Een klant dreigde me op te wachten.","party":"citizen","party_name":"klant 123",` +
		`"party_count":"single","weapon":false,"injury":"none","absence":"no","damage":false,"impact":"some","talk_now":true,` +
		`"police":"undecided","workplace_measure":false,"wants_check_ins":true,"serious":false,"status":"open",` +
		`"police_outcome":"aangifte","recorded_police_ref":"PV-1","measure":{"kind":"ban","until":"2027-02-27T23:59:00+01:00","by":"peter"},` +
		`"analysis":"Te lang wachten."}`
	// A threat by phone: the form of the time asked about injury and the
	// place for every channel, and those answers stay.
	byPhone := `{"number":"GIR-2026-0002","reported_at":"2026-11-27T15:00:00+01:00","reporter":"sanne.visser@voorbeeldrode.nl",` +
		`"subject":"sanne.visser@voorbeeldrode.nl","categories":["threat"],"channel":"phone",` +
		`"occurred":{"time":"2026-11-27T14:00:00+01:00","precision":"minute"},"department":"publiekszaken","location":"stadhuis",` +
		`"description":"Een beller dreigde me op te wachten.","party":"unknown","party_count":"single","weapon":false,` +
		`"injury":"light","absence":"no","damage":false,"impact":"some","police":"undecided","serious":false,"status":"open"}`
	if err := s.db.Update(func(btx *bolt.Tx) error {
		for n, rec := range []string{legacy, byPhone} {
			key, _ := incidentKey(fmt.Sprintf("GIR-2026-%04d", n+1))
			if err := btx.Bucket(bucketIncidents).Put(key, []byte(rec)); err != nil {
				return err
			}
		}
		return btx.Bucket(bucketMeta).Put(keySchema, []byte("9"))
	}); err != nil {
		t.Fatal(err)
	}
	s.Close()

	s = openAt(t, path)
	var raw string
	_ = s.db.View(func(btx *bolt.Tx) error {
		key, _ := incidentKey("GIR-2026-0001")
		raw = string(btx.Bucket(bucketIncidents).Get(key))
		return nil
	})
	if !strings.Contains(raw, `"report":{`) || strings.Contains(raw, `"description":"`) {
		t.Errorf("stored after the upgrade: %s", raw)
	}
	var inc bot.Incident
	_ = s.View(context.Background(), func(tx bot.Tx) (err error) { inc, err = tx.Incident("GIR-2026-0001"); return err })
	for what, got := range map[string]string{
		"category": string(inc.Categories()[0]), "department": inc.Department(), "location": inc.Location() + "|" + inc.Report.Text("location_text"),
		"weapon": inc.Report.Key("weapon"), "talk now": fmt.Sprint(inc.TalkNow()), "police": string(inc.Police()),
		"outcome": inc.PoliceOutcome() + " " + inc.Recorded.Text("police_reference"), "measure": inc.Measure() + " " + inc.MeasureUntil().Format("2006-01-02"),
		"analysis": inc.Recorded.Text("conclusion"), "check-ins": fmt.Sprint(inc.WantsCheckIns()), "when": inc.Occurred().Time.Format("15:04"),
	} {
		want := map[string]string{"category": "threat", "department": "publiekszaken", "location": "|bij de bushalte", "weapon": "no",
			"talk now": "true", "police": "undecided", "outcome": "aangifte PV-1", "measure": "ban 2027-02-27", "analysis": "Te lang wachten.",
			"check-ins": "true", "when": "14:00"}[what]
		if got != want {
			t.Errorf("%s: %q, want %q", what, got, want)
		}
	}
	_ = s.View(context.Background(), func(tx bot.Tx) (err error) { inc, err = tx.Incident("GIR-2026-0002"); return err })
	if inc.Channel() != "phone" || inc.Report.Key("injury") != "light" || inc.Location() != "stadhuis" || inc.Report.Key("party_count") != "single" {
		t.Errorf("a report by phone lost answers: %+v", inc.Report)
	}
}
