package storage

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"meldbot/bot"
)

// tx implements bot.Tx on a bbolt transaction. Records are JSON. A change
// that shares its transaction with others (see committer) has an undo log,
// so it can be taken out again when it fails; every write goes through
// putRaw, deleteRaw or nextSequence, which keep it.
type tx struct {
	b    *bolt.Tx
	undo *undoLog
}

var _ bot.Tx = (*tx)(nil)

func (t *tx) get(bucket, key []byte, v any) error {
	data := t.b.Bucket(bucket).Get(key)
	if data == nil {
		return bot.ErrNotFound
	}
	// json.Unmarshal copies what it keeps, so nothing points into the mmap.
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("storage: %s/%s: %w: %w", bucket, key, bot.ErrUnreadable, err)
	}
	return nil
}

// decodeFrom decodes the records of a bucket in key order, from the key
// from on (nil: the first), while keep holds for the key (nil: always), at
// most limit of them (0: all). An error names the bucket and key.
func decodeFrom[T any](t *tx, bucket, from []byte, keep func(k []byte) bool, limit int) ([]T, error) {
	var out []T
	c := t.b.Bucket(bucket).Cursor()
	k, v := c.First()
	if from != nil {
		k, v = c.Seek(from)
	}
	for ; k != nil && (keep == nil || keep(k)) && (limit == 0 || len(out) < limit); k, v = c.Next() {
		var r T
		if err := json.Unmarshal(v, &r); err != nil {
			return nil, fmt.Errorf("storage: %s/%x: %w: %w", bucket, k, bot.ErrUnreadable, err)
		}
		out = append(out, r)
	}
	return out, nil
}

func (t *tx) put(bucket, key []byte, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return t.putRaw(bucket, key, data)
}

func (t *tx) del(bucket, key []byte) error { return t.deleteRaw(bucket, key) }

func u64(n uint64) []byte {
	b := make([]byte, 8)
	binary.BigEndian.PutUint64(b, n)
	return b
}

func (t *tx) Conversation(user bot.Email) (bot.Conversation, error) {
	var c bot.Conversation
	if err := t.get(bucketConversations, []byte(user), &c); err != nil {
		return c, err
	}
	return c, misfiled(bucketConversations, string(user), string(c.User))
}

// misfiled returns an error when a record stored under key says it is
// another one: it was written there by something other than meldbot, and
// acting on it would store it under its own key as well. The record under
// key cannot be read (bot.ErrUnreadable), so an export leaves it out.
func misfiled(bucket []byte, key, says string) error {
	if key != says {
		return fmt.Errorf("storage: %s/%s holds the record of %q: %w", bucket, key, says, bot.ErrUnreadable)
	}
	return nil
}

func (t *tx) PutConversation(c bot.Conversation) error {
	return t.put(bucketConversations, []byte(c.User), c)
}

func (t *tx) DeleteConversation(user bot.Email) error {
	return t.del(bucketConversations, []byte(user))
}

func (t *tx) NextIncidentSeq(year int) (int, error) {
	key := []byte(fmt.Sprintf("incident/%04d", year))
	var n uint64
	if v := t.b.Bucket(bucketCounters).Get(key); len(v) == 8 {
		n = binary.BigEndian.Uint64(v)
	}
	n++
	return int(n), t.putRaw(bucketCounters, key, u64(n))
}

// incidentKey orders incidents by year and number: GIR-2026-0042 is
// "2026/00000042".
func incidentKey(number string) ([]byte, bool) {
	year, seq, ok := bot.ParseIncidentNumber(number)
	if !ok {
		return nil, false
	}
	return []byte(fmt.Sprintf("%04d/%08d", year, seq)), true
}

func (t *tx) Incident(number string) (bot.Incident, error) {
	var inc bot.Incident
	key, ok := incidentKey(number)
	if !ok {
		return inc, bot.ErrNotFound
	}
	if err := t.get(bucketIncidents, key, &inc); err != nil {
		return inc, err
	}
	if k, ok := incidentKey(inc.Number); !ok || string(k) != string(key) {
		return inc, misfiled(bucketIncidents, string(key), inc.Number)
	}
	return inc, nil
}

// PutIncident stores the incident and keeps it findable by the people it is
// about (IncidentsOf).
func (t *tx) PutIncident(inc bot.Incident) error {
	key, ok := incidentKey(inc.Number)
	if !ok {
		return fmt.Errorf("storage: bad incident number %q", inc.Number)
	}
	var old *bot.Incident
	if prev, err := t.Incident(inc.Number); err == nil {
		old = &prev
	} else if !errors.Is(err, bot.ErrNotFound) {
		return err
	}
	if err := t.put(bucketIncidents, key, inc); err != nil {
		return err
	}
	return t.indexPeople(key, old, inc)
}

func (t *tx) Prefs(user bot.Email) (bot.Prefs, error) {
	var p bot.Prefs
	return p, t.get(bucketPrefs, []byte(user), &p)
}

func (t *tx) PutPrefs(p bot.Prefs) error { return t.put(bucketPrefs, []byte(p.User), p) }

func (t *tx) Enqueue(o bot.Outgoing) (uint64, error) {
	id, err := t.nextSequence(bucketOutbox)
	if err != nil {
		return 0, err
	}
	o.ID = id
	return id, t.put(bucketOutbox, u64(id), o)
}

func (t *tx) Outbox(after uint64, limit int) ([]bot.Outgoing, error) {
	if limit <= 0 {
		return nil, nil
	}
	return decodeFrom[bot.Outgoing](t, bucketOutbox, u64(after+1), nil, limit)
}

func (t *tx) PutOutgoing(o bot.Outgoing) error { return t.put(bucketOutbox, u64(o.ID), o) }

func (t *tx) DeleteOutgoing(id uint64) error { return t.del(bucketOutbox, u64(id)) }

func (t *tx) Conversations() ([]bot.Conversation, error) {
	return decodeFrom[bot.Conversation](t, bucketConversations, nil, nil, 0)
}
