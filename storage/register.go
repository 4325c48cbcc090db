package storage

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"meldbot/bot"
	"meldbot/bot/register"
)

// The register's rows are kept in two buckets: register_when holds each row
// (in its binary form, see encodeRow) under the moment its
// incident happened followed by the incident key, so a period is one run
// of a cursor; register maps the incident
// key to that moment, so a changed row replaces its old place. The facts
// an overview counts are kept by day as well (register_days, days.go). Incidents are
// also found by person (incident_people). The audit trail is in audit.go.

// whenKey orders rows by the moment (to the second), then by incident key.
// The sign bit is flipped so moments before 1970 still sort first.
func whenKey(t time.Time) []byte {
	k := make([]byte, 8, 8+13)
	binary.BigEndian.PutUint64(k, uint64(t.Unix())^(1<<63))
	return k
}

func (t *tx) PutRow(r register.Row) error {
	key, ok := incidentKey(r.Number)
	if !ok {
		return fmt.Errorf("storage: bad incident number %q in a register row", r.Number)
	}
	data := encodeRow(r)
	old := bytes.Clone(t.b.Bucket(bucketRegister).Get(key))
	if old != nil {
		if err := t.deleteRaw(bucketRegisterWhen, old); err != nil {
			return err
		}
	}
	wk := append(whenKey(r.Occurred), key...)
	if err := t.putRaw(bucketRegisterWhen, wk, data); err != nil {
		return err
	}
	if err := t.moveDayRow(old, wk, r); err != nil {
		return err
	}
	return t.putRaw(bucketRegister, key, wk)
}

func (t *tx) Row(number string) (register.Row, error) {
	key, ok := incidentKey(number)
	if !ok {
		return register.Row{}, bot.ErrNotFound
	}
	wk := t.b.Bucket(bucketRegister).Get(key)
	if wk == nil {
		return register.Row{}, bot.ErrNotFound
	}
	data := t.b.Bucket(bucketRegisterWhen).Get(wk)
	if data == nil {
		return register.Row{}, fmt.Errorf("storage: register index of %s points nowhere", number)
	}
	// decodeRow copies what it keeps, so nothing points into the mmap.
	r, err := decodeRow(data)
	if err != nil {
		return r, fmt.Errorf("storage: register row %s: %w", number, err)
	}
	return r, nil
}

func (t *tx) EachRow(from, to time.Time, fn func(register.Row) error) error {
	return t.eachRowData(from, to, func(k, v []byte) error {
		r, err := decodeRow(v)
		if err != nil {
			return fmt.Errorf("storage: register row %q: %w", k[8:], err)
		}
		return fn(r)
	})
}

// eachRowData calls fn with the key and the bytes of every row whose
// incident happened in [from, to), in order; zero bounds are open.
func (t *tx) eachRowData(from, to time.Time, fn func(k, v []byte) error) error {
	c := t.b.Bucket(bucketRegisterWhen).Cursor()
	k, v := c.First()
	if !from.IsZero() {
		k, v = c.Seek(whenKey(from))
	}
	var end []byte
	if !to.IsZero() {
		end = whenKey(to)
	}
	for ; k != nil; k, v = c.Next() {
		if end != nil && bytes.Compare(k[:8], end) >= 0 {
			return nil
		}
		if err := fn(k, v); err != nil {
			return err
		}
	}
	return nil
}

// incidentPeople returns the people an incident is about: its reporter and
// its subject, once each.
func incidentPeople(inc bot.Incident) []string {
	var out []string
	for _, p := range []string{string(inc.Reporter), string(inc.Subject)} {
		if p != "" && (len(out) == 0 || out[0] != p) {
			out = append(out, p)
		}
	}
	return out
}

// indexPeople moves an incident's entries in incident_people from the people
// of old to those of inc.
func (t *tx) indexPeople(key []byte, old *bot.Incident, inc bot.Incident) error {
	if old != nil {
		for _, p := range incidentPeople(*old) {
			if err := t.deleteRaw(bucketIncidentPeople, pairKey(p, string(key))); err != nil {
				return err
			}
		}
	}
	for _, p := range incidentPeople(inc) {
		if err := t.putRaw(bucketIncidentPeople, pairKey(p, string(key)), nil); err != nil {
			return err
		}
	}
	return nil
}

func (t *tx) IncidentsOf(person bot.Email) ([]bot.Incident, error) {
	var out []bot.Incident
	err := t.eachIndexed(bucketIncidentPeople, string(person), func(key []byte) error {
		var inc bot.Incident
		err := t.get(bucketIncidents, key, &inc)
		out = append(out, inc)
		return err
	})
	return out, err
}

func (t *tx) ForgetSentRefs(tag string) error { return t.del(bucketSentRefs, []byte(tag)) }

// backfillRegister gives every incident of an existing data file its
// register row and its entries by person, and the status its tasks say
// (schema 3 → 4).
func backfillRegister(btx *bolt.Tx) error {
	t := &tx{b: btx}
	var closed []bot.Incident
	err := btx.Bucket(bucketIncidents).ForEach(func(k, v []byte) error {
		var inc bot.Incident
		if err := json.Unmarshal(v, &inc); err != nil {
			return fmt.Errorf("incident %s: %w", k, err)
		}
		tasks, err := t.TasksOfIncident(inc.Number)
		if err != nil {
			return err
		}
		row := bot.RowOf(inc, tasks)
		if err := t.PutRow(row); err != nil {
			return err
		}
		if !row.ClosedAt.IsZero() && inc.Status != bot.StatusClosed {
			inc.Status = bot.StatusClosed
			closed = append(closed, inc)
		}
		return t.indexPeople(k, nil, inc)
	})
	if err != nil {
		return err
	}
	for _, inc := range closed { // not while iterating over the bucket
		key, _ := incidentKey(inc.Number)
		if err := t.put(bucketIncidents, key, inc); err != nil {
			return err
		}
	}
	return nil
}
