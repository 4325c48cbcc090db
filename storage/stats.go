package storage

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"time"

	bolt "go.etcd.io/bbolt"

	"meldbot/bot"
)

// Stats are the figures of a running data file that its metrics show. They
// are read from indexes and the outbox alone, never from every task or
// incident, so reading them costs the same on a register of 100,000
// incidents as on an empty one.
type Stats struct {
	// Outbox is how many messages wait to be delivered; OutboxOldest is
	// when the oldest of them was queued (zero when none waits).
	Outbox       int
	OutboxOldest time.Time
	// OutboxOldestDue is when the oldest message that waits for the chat
	// platform, not for a person it refuses (see bot.ErrUndeliverable),
	// was queued; zero when none does.
	OutboxOldestDue time.Time
	// Open counts the outstanding tasks by kind; Overdue those of them
	// past their deadline.
	Open    map[bot.TaskKind]int
	Overdue map[bot.TaskKind]int
}

// maxOutboxDecoded bounds how many waiting messages Stats decodes to find
// the oldest one not refused.
const maxOutboxDecoded = 1000

// Stats reads the figures of the data file as of now.
func (s *Store) Stats(now time.Time) (Stats, error) {
	st := Stats{Open: map[bot.TaskKind]int{}, Overdue: map[bot.TaskKind]int{}}
	err := s.db.View(func(btx *bolt.Tx) error {
		c := btx.Bucket(bucketOutbox).Cursor()
		decoded := 0
		for k, v := c.First(); k != nil; k, v = c.Next() {
			st.Outbox++
			if decoded >= maxOutboxDecoded || (!st.OutboxOldestDue.IsZero() && !st.OutboxOldest.IsZero()) {
				continue
			}
			decoded++
			var o bot.Outgoing
			if json.Unmarshal(v, &o) != nil {
				continue
			}
			if st.OutboxOldest.IsZero() {
				st.OutboxOldest = o.Created
			}
			if !o.Refused && st.OutboxOldestDue.IsZero() {
				st.OutboxOldestDue = o.Created
			}
		}
		return btx.Bucket(bucketTaskOpen).ForEach(func(k, _ []byte) error {
			kind, rest, ok := bytes.Cut(k, []byte{0})
			if !ok || len(rest) < 8 {
				return nil
			}
			st.Open[bot.TaskKind(kind)]++
			if int64(binary.BigEndian.Uint64(rest[:8])) < now.UnixNano() {
				st.Overdue[bot.TaskKind(kind)]++
			}
			return nil
		})
	})
	return st, err
}
