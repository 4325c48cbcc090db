package storage

import (
	"encoding/json"
	"fmt"
	"hash/crc32"

	bolt "go.etcd.io/bbolt"
)

// Counts are the numbers of records in a data file.
type Counts struct {
	Incidents     int
	Tasks         int
	Conversations int
	Outbox        int
	Audit         int
}

// Report is what a check of a data file found. A file with Problems is
// damaged; Notices and Unreadable leave it usable.
type Report struct {
	Path   string
	Size   int64
	Schema int
	Counts Counts
	// Problems make the file unusable: a page bbolt cannot read, an
	// inconsistency its own check finds.
	Problems []string
	// Notices are worth knowing: a damaged meta page, which makes bbolt
	// read the state of one transaction before the last.
	Notices []string
	// Unreadable lists records that cannot be decoded, as bucket/key:
	// meldbot skips them where it can (an export) and fails on them
	// where it cannot (the conversation of the person concerned). A day
	// of the register that does not hold the facts of its rows is listed
	// too.
	Unreadable []string
	// Audit is what the check of the audit trail's hash chain found
	// (Store.VerifyAudit). It is nil when that check was not made: the
	// file is damaged, or AuditNotChecked says why (a file older than the
	// chain, say).
	Audit           *AuditReport
	AuditNotChecked string
}

// OK reports whether the file is undamaged. A broken audit trail does
// not make it damaged: meldbot can go on with it, and the trail shows
// where it was changed (AuditResult).
func (r Report) OK() bool { return len(r.Problems) == 0 }

// AuditResult says in one line what the check of the audit trail found,
// or why it was not made; broken reports whether the chain was found
// broken: entries changed, removed or added past meldbot.
func (r Report) AuditResult() (line string, broken bool) {
	switch {
	case r.Audit != nil:
		return r.Audit.String(), !r.Audit.Intact()
	case !r.OK():
		return "not checked: the file is damaged", false
	}
	return "not checked: " + r.AuditNotChecked, false
}

// maxListed bounds how many problems or unreadable records a report lists.
const maxListed = 20

// jsonBuckets hold JSON records, which a deep check decodes.
var jsonBuckets = [][]byte{bucketConversations, bucketIncidents, bucketOutbox, bucketPrefs, bucketTasks,
	bucketSentRefs, bucketChecks, bucketCycle, bucketAudit}

// checkTx reads every page in use, counting the records, and runs bbolt's
// own consistency check. deep also decodes every record. Pages are read in
// the caller's goroutine, under guard, before bbolt's check (which runs in
// a goroutine of its own, where a memory fault could not be caught) reads
// them again.
func checkTx(btx *bolt.Tx, deep bool, r *Report) {
	r.Size = btx.Size()
	if m := btx.Bucket(bucketMeta); m != nil {
		if v, err := versionOf(m.Get(keySchema)); err == nil {
			r.Schema = v
		}
	}
	counts := map[string]*int{
		string(bucketIncidents): &r.Counts.Incidents, string(bucketTasks): &r.Counts.Tasks,
		string(bucketConversations): &r.Counts.Conversations, string(bucketOutbox): &r.Counts.Outbox,
		string(bucketAudit): &r.Counts.Audit,
	}
	decode := map[string]bool{}
	if deep {
		for _, b := range jsonBuckets {
			decode[string(b)] = true
		}
	}
	var sum uint32 // touches every byte, so a page that cannot be read shows here
	_ = btx.ForEach(func(name []byte, b *bolt.Bucket) error {
		n := counts[string(name)]
		return b.ForEach(func(k, v []byte) error {
			sum = crc32.Update(crc32.Update(sum, crc32.IEEETable, k), crc32.IEEETable, v)
			if n != nil {
				*n++
			}
			if decode[string(name)] && v != nil && !json.Valid(v) {
				r.unreadable(fmt.Sprintf("%s/%s", name, printable(k)))
			}
			if deep && string(name) == string(bucketRegisterWhen) {
				if _, err := decodeRow(v); err != nil {
					r.unreadable(fmt.Sprintf("%s/%x: %v", name, k, err))
				}
			}
			return nil
		})
	})
	if deep {
		for _, what := range checkDays(btx) {
			r.unreadable(what)
		}
	}
	for err := range btx.Check() {
		if len(r.Problems) < maxListed {
			r.Problems = append(r.Problems, err.Error())
		}
	}
}

func (r *Report) unreadable(what string) {
	if len(r.Unreadable) < maxListed {
		r.Unreadable = append(r.Unreadable, what)
	}
}

// printable shows a key as text when it is, else in hex.
func printable(k []byte) string {
	for _, c := range k {
		if c < 0x20 || c > 0x7e {
			return fmt.Sprintf("%x", k)
		}
	}
	return string(k)
}
