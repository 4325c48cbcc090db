package storage

import (
	"encoding/json"
	"fmt"
	"strconv"

	"meldbot/bot"

	bolt "go.etcd.io/bbolt"
)

// The buckets of the data file.
var (
	bucketMeta          = []byte("meta")
	bucketConversations = []byte("conversations")
	bucketIncidents     = []byte("incidents")
	bucketCounters      = []byte("counters")
	bucketOutbox        = []byte("outbox")
	bucketPrefs         = []byte("prefs")
	bucketTasks         = []byte("tasks")
	bucketTaskNext      = []byte("task_next")     // next firing time + id
	bucketTaskPeople    = []byte("task_people")   // person + 0 + id
	bucketTaskIncident  = []byte("task_incident") // incident number + 0 + id
	bucketSentRefs      = []byte("sent_refs")     // message tag → delivered copies
	bucketTaskRow       = []byte("task_row")      // matrix row + 0 + id
	bucketChecks        = []byte("checks")        // ticked-off set-up items
	bucketCycle         = []byte("cycle")         // state of the policy cycle

	bucketRegister       = []byte("register")        // incident key → its key in register_when
	bucketRegisterWhen   = []byte("register_when")   // moment it happened + incident key → row
	bucketRegisterDays   = []byte("register_days")   // day it happened → facts of its rows (days.go)
	bucketIncidentPeople = []byte("incident_people") // person + 0 + incident key
	bucketAudit          = []byte("audit")           // sequence → audit entry
	bucketAuditIncident  = []byte("audit_incident")  // incident number + 0 + sequence
	bucketAuditPerson    = []byte("audit_person")    // person + 0 + sequence

	bucketMarks = []byte("marks") // the adapters' key → value (bot.MarkTx)

	bucketInbox     = []byte("inbox")      // handled event ID → when (bot.InboxTx)
	bucketInboxWhen = []byte("inbox_when") // when + handled event ID

	bucketTaskOpen = []byte("task_open") // kind + 0 + deadline + id of each outstanding task
)

var keySchema = []byte("schema")

// migrations bring a data file from one schema version to the next:
// migrations[i] upgrades version i to i+1. Append, never edit.
var migrations = []func(*bolt.Tx) error{
	// 0 → 1: the first layout.
	func(tx *bolt.Tx) error {
		for _, b := range [][]byte{bucketConversations, bucketIncidents, bucketCounters, bucketOutbox, bucketPrefs} {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		return nil
	},
	// 1 → 2: tasks and the references of delivered task messages.
	func(tx *bolt.Tx) error {
		for _, b := range [][]byte{bucketTasks, bucketTaskNext, bucketTaskPeople, bucketTaskIncident, bucketSentRefs} {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		return nil
	},
	// 2 → 3: the policy cycle: tasks by matrix row, the set-up checklist and
	// the cycle's state.
	func(tx *bolt.Tx) error {
		for _, b := range [][]byte{bucketTaskRow, bucketChecks, bucketCycle} {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		return nil
	},
	// 3 → 4: the register: rows by the moment an incident happened,
	// incidents by person, the audit trail. Existing incidents get their
	// row and their entries by person.
	func(tx *bolt.Tx) error {
		for _, b := range [][]byte{bucketRegister, bucketRegisterWhen, bucketIncidentPeople, bucketAudit, bucketAuditIncident, bucketAuditPerson} {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		return backfillRegister(tx)
	},
	// 4 → 5: the adapters' marks, such as how far a chat was read.
	func(tx *bolt.Tx) error {
		_, err := tx.CreateBucketIfNotExists(bucketMarks)
		return err
	},
	// 5 → 6: a check-in left unanswered stays open instead of counting as
	// not needed, so its buttons keep working and nobody is named as having
	// decided so.
	reopenLapsedCheckIns,
	// 6 → 7: the inbox: the identities of handled events, so an event the
	// platform delivers again is handled once.
	func(tx *bolt.Tx) error {
		for _, b := range [][]byte{bucketInbox, bucketInboxWhen} {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		return nil
	},
	// 7 → 8: the audit trail becomes a chain: each entry holds the hash of
	// the one before it, and the head of the trail is recorded.
	chainAudit,
	// 8 → 9: the police reference the follow-up recorded gets a field of
	// its own, apart from the one the report gave.
	separatePoliceRefs,
	// 9 → 10: the outstanding tasks by kind and deadline, so the open and
	// overdue tasks are counted without reading every task.
	indexOutstandingTasks,
	// 10 → 11: an incident keeps the report's answers and what the follow-up
	// recorded by question, as the forms ask them, instead of a field per
	// answer. bot.Incident reads both; this writes every incident anew.
	func(btx *bolt.Tx) error {
		return rewrite(btx.Bucket(bucketIncidents), func(_ []byte, _ *bot.Incident) (bool, error) { return true, nil })
	},
	// 11 → 12: what a task is, is its state, not a line of its history: a
	// check-in left unanswered is lapsed, and a task due for escalation
	// with nobody to pass it on to is stranded.
	statesFromHistory,
	// 12 → 13: first care has the moment it was given besides the moment
	// it was taken up: incidents get it from their first-care task, and
	// register rows hold it (their binary form 2).
	careGivenFromTasks,
	// 13 → 14: the register's days: the facts an overview counts of the
	// rows, by the day the incidents happened.
	func(btx *bolt.Tx) error {
		if _, err := btx.CreateBucketIfNotExists(bucketRegisterDays); err != nil {
			return err
		}
		return daysFromRows(btx)
	},
}

// SchemaVersion is the layout this build writes.
var SchemaVersion = len(migrations)

// migrate runs the migrations the file needs, each in its own transaction
// together with the new version number, so a crash leaves a consistent file.
// A file already at SchemaVersion is only read: opening it writes nothing.
func (s *Store) migrate() error {
	var current bool
	if err := s.db.View(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		current = meta != nil && string(meta.Get(keySchema)) == strconv.Itoa(SchemaVersion)
		return nil
	}); err != nil || current {
		return err
	}
	for {
		done, err := s.migrateOne()
		if err != nil || done {
			return err
		}
	}
}

func (s *Store) migrateOne() (done bool, err error) {
	err = s.db.Update(func(tx *bolt.Tx) error {
		meta, err := tx.CreateBucketIfNotExists(bucketMeta)
		if err != nil {
			return err
		}
		version, err := s.schema(tx)
		if err != nil {
			return err
		}
		switch {
		case version == SchemaVersion:
			done = true
			return nil
		}
		if err := migrations[version](tx); err != nil {
			return fmt.Errorf("storage: migrating schema %d to %d: %w", version, version+1, err)
		}
		return meta.Put(keySchema, []byte(strconv.Itoa(version+1)))
	})
	return done, err
}

// schema returns the schema version of the data file: 0 for a file without
// one. A version newer than this build's is refused.
func (s *Store) schema(tx *bolt.Tx) (int, error) {
	meta := tx.Bucket(bucketMeta)
	if meta == nil || meta.Get(keySchema) == nil {
		return 0, nil
	}
	version, err := versionOf(meta.Get(keySchema))
	if err != nil {
		return 0, err
	}
	if version > SchemaVersion {
		return 0, fmt.Errorf("storage: %s was written by a newer meldbot (schema %d, this one knows %d); upgrade meldbot", s.path, version, SchemaVersion)
	}
	return version, nil
}

// versionOf reads a stored schema version.
func versionOf(v []byte) (int, error) {
	version, err := strconv.Atoi(string(v))
	if err != nil {
		return 0, fmt.Errorf("storage: schema version %q: %w", v, err)
	}
	return version, nil
}

// rewrite decodes every record of a bucket, in key order, and stores again
// those fn changed (it reports true), after the walk: a bucket is not
// written while it is walked. A migration uses it to change records of an
// existing data file.
func rewrite[T any](b *bolt.Bucket, fn func(k []byte, r *T) (bool, error)) error {
	type change struct{ key, data []byte }
	var changes []change
	err := b.ForEach(func(k, v []byte) error {
		var r T
		if err := json.Unmarshal(v, &r); err != nil {
			return fmt.Errorf("%x: %w", k, err)
		}
		changed, err := fn(k, &r)
		if err != nil || !changed {
			return err
		}
		data, err := json.Marshal(r)
		if err != nil {
			return err
		}
		changes = append(changes, change{append([]byte(nil), k...), data})
		return nil
	})
	if err != nil {
		return err
	}
	for _, c := range changes {
		if err := b.Put(c.key, c.data); err != nil {
			return err
		}
	}
	return nil
}
