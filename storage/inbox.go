package storage

import (
	"encoding/binary"
	"time"
)

// The inbox keeps each handled event's identity twice: by identity, for the
// look-up when an event arrives, and by the moment it was handled followed
// by the identity, so the oldest are found first when they are forgotten.

// Handled reports whether the event with this ID was handled.
func (t *tx) Handled(id string) (bool, error) {
	return t.b.Bucket(bucketInbox).Get([]byte(id)) != nil, nil
}

// RecordHandled records that the event with this ID was handled at at.
func (t *tx) RecordHandled(id string, at time.Time) error {
	stamp := u64(uint64(at.UnixNano()))
	if err := t.putRaw(bucketInbox, []byte(id), stamp); err != nil {
		return err
	}
	return t.putRaw(bucketInboxWhen, append(stamp, id...), nil)
}

// OldestHandled returns when the event handled longest ago was handled.
func (t *tx) OldestHandled() (time.Time, bool, error) {
	k, _ := t.b.Bucket(bucketInboxWhen).Cursor().First()
	if len(k) < 8 {
		return time.Time{}, false, nil
	}
	return time.Unix(0, int64(binary.BigEndian.Uint64(k[:8]))), true, nil
}

// ForgetHandled removes up to limit records of events handled before
// before, oldest first.
func (t *tx) ForgetHandled(before time.Time, limit int) (int, error) {
	var old [][]byte
	c := t.b.Bucket(bucketInboxWhen).Cursor()
	for k, _ := c.First(); k != nil && len(old) < limit; k, _ = c.Next() {
		if len(k) < 8 || int64(binary.BigEndian.Uint64(k[:8])) >= before.UnixNano() {
			break
		}
		old = append(old, append([]byte(nil), k...))
	}
	for _, k := range old {
		if err := t.deleteRaw(bucketInboxWhen, k); err != nil {
			return 0, err
		}
		if err := t.deleteRaw(bucketInbox, k[8:]); err != nil {
			return 0, err
		}
	}
	return len(old), nil
}
