package storage

import (
	"encoding/binary"
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"meldbot/bot"
)

// AuditReport is what a check of the audit trail found.
type AuditReport struct {
	// Entries is how many entries were read before the check ended.
	Entries int
	// Head is the hash of the last entry, "" for an empty trail. Written
	// down elsewhere, it lets a later check show that the trail up to it
	// was not rewritten since.
	Head string
	// Break is the first place where the chain is broken; nil when the
	// trail is intact.
	Break *AuditBreak
}

// AuditBreak is the first broken link of the audit trail.
type AuditBreak struct {
	// Seq is the sequence number of the entry where the check found the
	// break.
	Seq uint64
	// Problem says what is wrong, in words.
	Problem string
}

// Intact reports whether the whole trail was found as it was appended.
func (r AuditReport) Intact() bool { return r.Break == nil }

// String says in one line what the check found.
func (r AuditReport) String() string {
	if r.Break != nil {
		return fmt.Sprintf("broken at entry %d: %s", r.Break.Seq, r.Break.Problem)
	}
	if r.Entries == 0 {
		return "intact: the audit trail is empty"
	}
	return fmt.Sprintf("intact (entries: %d); the last one's hash is %s", r.Entries, r.Head)
}

// VerifyAudit checks the audit trail of the data file at path, which it
// opens read-only and as it is, like OpenCurrent: a file of an older
// schema, whose trail is not chained yet, is refused with ErrOldSchema. An
// error means the check could not be made; what it found, intact or
// broken, is in the report.
func VerifyAudit(path string) (AuditReport, error) {
	s, err := OpenCurrent(path, true)
	if err != nil {
		return AuditReport{}, err
	}
	defer s.Close()
	return s.VerifyAudit()
}

// VerifyAudit checks the audit trail of an open data file: every entry from
// the first on, under its own sequence number, without gaps, each holding
// the hash of the one before it (bot.AuditEntry.Prev), and the last one
// matching the head the file records. The report names the first broken
// link.
func (s *Store) VerifyAudit() (AuditReport, error) {
	var r AuditReport
	err := s.db.View(func(btx *bolt.Tx) error {
		if btx.Bucket(bucketAudit) == nil || btx.Bucket(bucketMeta) == nil {
			return fmt.Errorf("storage: %s has no audit trail", s.path)
		}
		r = verifyAudit(btx)
		return nil
	})
	return r, err
}

// verifyAudit walks the audit trail in order of its keys.
func verifyAudit(btx *bolt.Tx) AuditReport {
	var r AuditReport
	broken := func(seq uint64, format string, args ...any) AuditReport {
		r.Break = &AuditBreak{Seq: seq, Problem: fmt.Sprintf(format, args...)}
		return r
	}
	b := btx.Bucket(bucketAudit)
	var last uint64
	c := b.Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		want := last + 1
		if len(k) != 8 {
			return broken(want, "a record under the key %x, which is no sequence number, stands in the trail", k)
		}
		seq := binary.BigEndian.Uint64(k)
		if seq != want {
			return broken(want, "entry %d is missing: after %s comes entry %d", want, entryName(last), seq)
		}
		var e bot.AuditEntry
		if err := json.Unmarshal(v, &e); err != nil {
			return broken(seq, "the entry cannot be read: %v", err)
		}
		if e.Seq != seq {
			return broken(seq, "the entry stored as number %d says it is number %d: entries were moved", seq, e.Seq)
		}
		if e.Prev != r.Head {
			if seq == 1 {
				return broken(seq, "the first entry links to an entry before it: entries before it were removed")
			}
			return broken(seq, "the entry does not link to entry %d: entry %d or %d was changed, or entries were moved", last, last, seq)
		}
		r.Head, r.Entries, last = e.Hash(), r.Entries+1, seq
	}
	head, err := readAuditHead(btx)
	switch {
	case err != nil:
		return broken(last, "the head of the trail cannot be read: %v", err)
	case head.seq > last:
		return broken(last+1, "entries %d to %d were removed from the end: the trail ends at %s", last+1, head.seq, entryName(last))
	case head.seq < last:
		return broken(head.seq+1, "entries from %d on were added without going through meldbot: the head of the trail is entry %d", head.seq+1, head.seq)
	case head.hash != r.Head:
		return broken(last, "the last entry does not match the head of the trail: it was changed")
	case b.Sequence() != last:
		return broken(last, "%d entries were appended, %d are there", b.Sequence(), last)
	}
	return r
}

// entryName names an entry of the trail, or its start.
func entryName(seq uint64) string {
	if seq == 0 {
		return "the start"
	}
	return fmt.Sprintf("entry %d", seq)
}
