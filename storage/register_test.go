package storage

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"meldbot/bot"
	"meldbot/bot/bottest"
	"meldbot/bot/register"
)

// A data file from before the register (schema 3) gets a register row for
// every incident, and its incidents by person, when it is opened.
func TestMigrationGivesExistingIncidentsTheirRows(t *testing.T) {
	path := filepath.Join(t.TempDir(), "meldbot.db")
	s := openAt(t, path)
	occurred := bottest.Friday.Add(-2 * time.Hour)
	inc := bot.Incident{Number: "GIR-2026-0007", ReportedAt: bottest.Friday, Reporter: "a@x.nl", Subject: "a@x.nl",
		Report: bot.ReportAnswers(occurred, map[string]string{"categories": "threat", "department": "publiekszaken"}), Status: bot.StatusOpen}
	talk := bot.Task{ID: inc.Number + "/aftercare_talk", Kind: bot.TaskAftercareTalk, Incident: inc.Number, Assignee: "p@x.nl",
		Due: bottest.Friday.Add(72 * time.Hour), State: bot.TaskOpen}
	// An older incident whose only task was done: closed by the migration.
	done := bot.Incident{Number: "GIR-2026-0003", ReportedAt: bottest.Friday, Status: bot.StatusOpen,
		Report: bot.ReportAnswers(occurred, nil)}
	doneTask := bot.Task{ID: done.Number + "/first_care", Kind: bot.TaskFirstCare, Incident: done.Number, Due: bottest.Friday, State: bot.TaskDone,
		History: []bot.TaskEvent{{At: bottest.Friday, What: "done"}}}
	// Write the incident as schema 3 did, then take the file back to it.
	if err := s.db.Update(func(btx *bolt.Tx) error {
		for _, i := range []bot.Incident{inc, done} {
			data, _ := json.Marshal(i)
			key, _ := incidentKey(i.Number)
			if err := btx.Bucket(bucketIncidents).Put(key, data); err != nil {
				return err
			}
		}
		for _, task := range []bot.Task{talk, doneTask} {
			if err := (&tx{b: btx}).PutTask(task); err != nil {
				return err
			}
		}
		for _, b := range [][]byte{bucketRegister, bucketRegisterWhen, bucketIncidentPeople, bucketAudit, bucketAuditIncident, bucketAuditPerson} {
			if err := btx.DeleteBucket(b); err != nil {
				return err
			}
		}
		return btx.Bucket(bucketMeta).Put(keySchema, []byte(strconv.Itoa(3)))
	}); err != nil {
		t.Fatal(err)
	}
	s.Close()

	s = openAt(t, path)
	_ = s.View(context.Background(), func(tx bot.Tx) error {
		var rows []register.Row
		if err := tx.EachRow(occurred, occurred.Add(time.Minute), func(r register.Row) error { rows = append(rows, r); return nil }); err != nil {
			t.Fatal(err)
		}
		// The same moment: in order of number.
		if len(rows) != 2 || rows[1].Number != inc.Number || len(rows[1].Open) != 1 || len(rows[1].Aftercare) != 1 || rows[0].ClosedAt.IsZero() {
			t.Errorf("rows after the migration: %+v", rows)
		}
		if got, _ := tx.Incident(done.Number); got.Status != bot.StatusClosed {
			t.Errorf("the incident whose task was done is %s", got.Status)
		}
		if got, _ := tx.Incident(inc.Number); got.Status != bot.StatusOpen {
			t.Errorf("the incident with an open task is %s", got.Status)
		}
		mine, err := tx.IncidentsOf("a@x.nl")
		if err != nil || len(mine) != 1 {
			t.Errorf("incidents of the reporter after the migration: %v, %v", mine, err)
		}
		return nil
	})
}
