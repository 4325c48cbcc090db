package storage

import (
	"encoding/binary"
	"encoding/hex"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"meldbot/bot"
)

// The audit trail is kept in order of appending (audit: sequence → entry),
// with indexes by incident and by person. Each entry holds the hash of the
// one before it (bot.AuditEntry.Prev), and the meta bucket holds the head:
// the sequence number and hash of the last entry, so an entry removed from
// the end is noticed too (VerifyAudit).

// keyAuditHead is the meta key of the head of the audit trail: the last
// entry's sequence number (8 bytes) and hash (32 bytes).
var keyAuditHead = []byte("audit_head")

// auditHead is the last entry of the trail as the meta bucket records it.
type auditHead struct {
	seq  uint64
	hash string // hexadecimal, "" for an empty trail
}

func readAuditHead(btx *bolt.Tx) (auditHead, error) {
	v := btx.Bucket(bucketMeta).Get(keyAuditHead)
	if v == nil {
		return auditHead{}, nil
	}
	if len(v) != 8+32 {
		return auditHead{}, fmt.Errorf("storage: the head of the audit trail has %d bytes, want 40", len(v))
	}
	return auditHead{seq: binary.BigEndian.Uint64(v[:8]), hash: hex.EncodeToString(v[8:])}, nil
}

// encode returns the head as the meta bucket keeps it.
func (h auditHead) encode() ([]byte, error) {
	sum, err := hex.DecodeString(h.hash)
	if err != nil || len(sum) != 32 {
		return nil, fmt.Errorf("storage: audit hash %q", h.hash)
	}
	return append(u64(h.seq), sum...), nil
}

// writeAuditHead stores the head in a migration.
func writeAuditHead(btx *bolt.Tx, h auditHead) error {
	v, err := h.encode()
	if err != nil {
		return err
	}
	return btx.Bucket(bucketMeta).Put(keyAuditHead, v)
}

func (t *tx) AppendAudit(e bot.AuditEntry) (uint64, error) {
	head, err := readAuditHead(t.b)
	if err != nil {
		return 0, err
	}
	seq, err := t.nextSequence(bucketAudit)
	if err != nil {
		return 0, err
	}
	e.Seq, e.Prev = seq, head.hash
	if err := t.put(bucketAudit, u64(seq), e); err != nil {
		return 0, err
	}
	head.seq, head.hash = seq, e.Hash()
	v, err := head.encode()
	if err != nil {
		return 0, err
	}
	if err := t.putRaw(bucketMeta, keyAuditHead, v); err != nil {
		return 0, err
	}
	if err := t.putRaw(bucketAuditIncident, append(pairKey(e.Incident, ""), u64(seq)...), nil); err != nil {
		return 0, err
	}
	for _, p := range auditPeople(e) {
		if err := t.putRaw(bucketAuditPerson, append(pairKey(p, ""), u64(seq)...), nil); err != nil {
			return 0, err
		}
	}
	return seq, nil
}

// auditPeople returns who an entry is about: who acted and who was shown
// the incident, once each.
func auditPeople(e bot.AuditEntry) []string {
	var out []string
	for _, p := range []string{string(e.By), string(e.To)} {
		if p != "" && (len(out) == 0 || out[0] != p) {
			out = append(out, p)
		}
	}
	return out
}

func (t *tx) auditByPrefix(index []byte, owner string) ([]bot.AuditEntry, error) {
	var out []bot.AuditEntry
	err := t.eachIndexed(index, owner, func(seq []byte) error {
		var e bot.AuditEntry
		err := t.get(bucketAudit, seq, &e)
		out = append(out, e)
		return err
	})
	return out, err
}

func (t *tx) AuditOf(number string) ([]bot.AuditEntry, error) {
	if number != "" {
		if c, ok := bot.CanonicalNumber(number); ok {
			number = c
		}
	}
	return t.auditByPrefix(bucketAuditIncident, number)
}

func (t *tx) AuditBy(person bot.Email) ([]bot.AuditEntry, error) {
	return t.auditByPrefix(bucketAuditPerson, string(person))
}

// chainedSchema is the first schema whose audit trail is a chain: the one
// chainAudit upgrades to.
const chainedSchema = 8

// chainAudit links the entries of an existing audit trail, oldest first,
// and records the head (schema 7 → 8). The entries keep their sequence
// numbers; what they say does not change.
func chainAudit(btx *bolt.Tx) error {
	var head auditHead
	err := rewrite(btx.Bucket(bucketAudit), func(k []byte, e *bot.AuditEntry) (bool, error) {
		if len(k) != 8 || e.Seq != binary.BigEndian.Uint64(k) {
			return false, fmt.Errorf("audit entry %x holds sequence number %d", k, e.Seq)
		}
		e.Prev = head.hash
		head = auditHead{seq: e.Seq, hash: e.Hash()}
		return true, nil
	})
	if err != nil || head.seq == 0 {
		return err
	}
	return writeAuditHead(btx, head)
}
