package storage

import (
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"meldbot/bot"
)

// auditFile writes a data file with n audit entries and returns its path.
func auditFile(t *testing.T, n int) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "meldbot.db")
	s := openAt(t, path)
	at := time.Date(2026, 11, 27, 15, 0, 0, 0, time.UTC)
	for i := range n {
		e := bot.AuditEntry{At: at.Add(time.Duration(i) * time.Minute), By: "karin@x.nl", Incident: "GIR-2026-0001", Action: bot.AuditRead, What: "show"}
		if i%2 == 1 {
			e = bot.AuditEntry{At: e.At, To: "peter@x.nl", Incident: "GIR-2026-0002", Action: bot.AuditShown, What: "task"}
		}
		if err := s.Update(context.Background(), func(tx bot.Tx) error { _, err := tx.AppendAudit(e); return err }); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// copyOf copies a data file, as someone would before tampering with it.
func copyOf(t *testing.T, path string) string {
	t.Helper()
	cp := filepath.Join(t.TempDir(), "copy.db")
	if err := copyFile(path, cp); err != nil {
		t.Fatal(err)
	}
	return cp
}

// tamper changes a data file with bbolt directly, past meldbot.
func tamper(t *testing.T, path string, fn func(audit *bolt.Bucket) error) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Update(func(tx *bolt.Tx) error { return fn(tx.Bucket(bucketAudit)) }); err != nil {
		t.Fatal(err)
	}
}

// rewriteEntry changes the entry stored under seq.
func rewriteEntry(b *bolt.Bucket, seq uint64, change func(e *bot.AuditEntry)) error {
	var e bot.AuditEntry
	if err := json.Unmarshal(b.Get(u64(seq)), &e); err != nil {
		return err
	}
	change(&e)
	data, err := json.Marshal(e)
	if err != nil {
		return err
	}
	return b.Put(u64(seq), data)
}

func verify(t *testing.T, path string) AuditReport {
	t.Helper()
	r, err := VerifyAudit(path)
	if err != nil {
		t.Fatalf("VerifyAudit: %v", err)
	}
	return r
}

// Each entry holds the hash of the one before it, as appended; the check
// finds the trail intact and names the last hash.
func TestAuditTrailIsAChain(t *testing.T) {
	path := auditFile(t, 5)
	s := openAt(t, path)
	var all []bot.AuditEntry
	if err := s.View(context.Background(), func(tx bot.Tx) error {
		a, err := tx.AuditOf("GIR-2026-0001")
		b, err2 := tx.AuditOf("GIR-2026-0002")
		all = append(a, b...)
		return errors.Join(err, err2)
	}); err != nil {
		t.Fatal(err)
	}
	bySeq := map[uint64]bot.AuditEntry{}
	for _, e := range all {
		bySeq[e.Seq] = e
	}
	if len(bySeq) != 5 || bySeq[1].Prev != "" {
		t.Fatalf("entries %+v", bySeq)
	}
	for seq := uint64(2); seq <= 5; seq++ {
		if bySeq[seq].Prev != bySeq[seq-1].Hash() {
			t.Errorf("entry %d links to %q, want the hash of entry %d", seq, bySeq[seq].Prev, seq-1)
		}
	}
	r, err := s.VerifyAudit()
	if err != nil || !r.Intact() || r.Entries != 5 || r.Head != bySeq[5].Hash() {
		t.Errorf("VerifyAudit = %v, %v", r, err)
	}
	if got := r.String(); got != "intact (entries: 5); the last one's hash is "+bySeq[5].Hash() {
		t.Errorf("report: %s", got)
	}
}

// A copy of the data file with its audit trail edited past meldbot: every
// kind of edit is caught, at the first broken link, and the original stays
// intact.
func TestVerifyAuditCatchesAnEditedTrail(t *testing.T) {
	original := auditFile(t, 6)
	for _, tt := range []struct {
		name string
		edit func(b *bolt.Bucket) error
		seq  uint64
		says string
	}{
		{"an entry's content changed", func(b *bolt.Bucket) error {
			return rewriteEntry(b, 3, func(e *bot.AuditEntry) { e.By = "someone.else@x.nl" })
		}, 4, "entry 3 or 4 was changed"},
		{"the last entry changed", func(b *bolt.Bucket) error {
			return rewriteEntry(b, 6, func(e *bot.AuditEntry) { e.Action = bot.AuditChange })
		}, 6, "the last entry does not match the head"},
		{"an entry removed", func(b *bolt.Bucket) error { return b.Delete(u64(3)) },
			3, "entry 3 is missing: after entry 2 comes entry 4"},
		{"the first entry removed", func(b *bolt.Bucket) error { return b.Delete(u64(1)) },
			1, "entry 1 is missing: after the start comes entry 2"},
		{"the last entries removed", func(b *bolt.Bucket) error {
			return errors.Join(b.Delete(u64(5)), b.Delete(u64(6)))
		}, 5, "entries 5 to 6 were removed from the end"},
		{"two entries swapped", func(b *bolt.Bucket) error {
			two, three := append([]byte(nil), b.Get(u64(2))...), append([]byte(nil), b.Get(u64(3))...)
			return errors.Join(b.Put(u64(2), three), b.Put(u64(3), two))
		}, 2, "the entry stored as number 2 says it is number 3: entries were moved"},
		{"two entries swapped and renumbered", func(b *bolt.Bucket) error {
			two, three := append([]byte(nil), b.Get(u64(2))...), append([]byte(nil), b.Get(u64(3))...)
			if err := errors.Join(b.Put(u64(2), three), b.Put(u64(3), two)); err != nil {
				return err
			}
			return errors.Join(rewriteEntry(b, 2, func(e *bot.AuditEntry) { e.Seq = 2 }), rewriteEntry(b, 3, func(e *bot.AuditEntry) { e.Seq = 3 }))
		}, 2, "does not link to entry 1"},
		{"an entry that is no JSON", func(b *bolt.Bucket) error { return b.Put(u64(4), []byte("{")) },
			4, "the entry cannot be read"},
		{"an entry added past meldbot", func(b *bolt.Bucket) error {
			e := bot.AuditEntry{Seq: 7, At: time.Now(), Action: bot.AuditRead}
			data, _ := json.Marshal(e)
			return b.Put(u64(7), data)
		}, 7, "does not link to entry 6"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			cp := copyOf(t, original)
			if r := verify(t, cp); !r.Intact() {
				t.Fatalf("the copy is broken before the edit: %v", r)
			}
			tamper(t, cp, tt.edit)
			r := verify(t, cp)
			if r.Intact() || r.Break.Seq != tt.seq || !strings.Contains(r.Break.Problem, tt.says) {
				t.Errorf("after the edit: %v; want a break at entry %d saying %q", r, tt.seq, tt.says)
			}
			if !strings.HasPrefix(r.String(), "broken at entry ") {
				t.Errorf("report: %s", r)
			}
		})
	}
	if r := verify(t, original); !r.Intact() || r.Entries != 6 {
		t.Errorf("the original: %v", r)
	}
}

// A data file of schema 7 holds an audit trail without links; the
// migration chains it, keeping every entry as it was, and meldbot goes on
// appending to the chain.
func TestMigrationChainsAnExistingTrail(t *testing.T) {
	path := auditFile(t, 4)
	var before []bot.AuditEntry
	tamper(t, path, func(b *bolt.Bucket) error {
		return b.ForEach(func(k, v []byte) error {
			var e bot.AuditEntry
			if err := json.Unmarshal(v, &e); err != nil {
				return err
			}
			e.Prev = ""
			before = append(before, e)
			data, _ := json.Marshal(e)
			return b.Put(k, data)
		})
	})
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	_ = db.Update(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		return errors.Join(meta.Delete(keyAuditHead), meta.Put(keySchema, []byte("7")))
	})
	db.Close()
	if _, err := VerifyAudit(path); !errors.Is(err, ErrOldSchema) {
		t.Errorf("VerifyAudit of a schema-7 file = %v, want ErrOldSchema", err)
	}

	s := openAt(t, path) // migrates
	if err := s.Update(context.Background(), func(tx bot.Tx) error {
		_, err := tx.AppendAudit(bot.AuditEntry{At: time.Now(), By: "karin@x.nl", Action: bot.AuditOverview, What: "2026-Q4"})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	r, err := s.VerifyAudit()
	if err != nil || !r.Intact() || r.Entries != 5 {
		t.Errorf("after the migration: %v, %v", r, err)
	}
	_ = s.View(context.Background(), func(tx bot.Tx) error {
		one, _ := tx.AuditOf("GIR-2026-0001")
		for i, e := range one {
			was := before[e.Seq-1]
			e.Prev = ""
			if e != was {
				t.Errorf("entry %d of GIR-2026-0001 changed: %+v, was %+v", i, e, was)
			}
		}
		return nil
	})
}

// chainedSchema is the schema chainAudit upgrades to, so a check of a
// file knows from its schema whether its trail is a chain.
func TestChainedSchemaIsTheOneChainAuditUpgradesTo(t *testing.T) {
	if reflect.ValueOf(migrations[chainedSchema-1]).Pointer() != reflect.ValueOf(chainAudit).Pointer() {
		t.Errorf("migration %d → %d is not chainAudit", chainedSchema-1, chainedSchema)
	}
}
