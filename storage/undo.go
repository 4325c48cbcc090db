package storage

import (
	"bytes"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// Several changes share one bbolt transaction (see committer), and bbolt
// has no savepoints: a change that fails after it wrote must be taken out
// of the transaction without touching the others. Every write of a change
// therefore goes through the three writers below, which note what they
// replace in the change's undo log; undoing puts it back, last write first.
// (TestWritesGoThroughTheUndoLog keeps other writes out of this package's
// changes.)

// undoLog is what a change wrote, with what was there before.
type undoLog struct{ steps []undoStep }

// undoStep restores one key, or one bucket's sequence.
type undoStep struct {
	bucket []byte
	key    []byte // nil: the step restores the bucket's sequence
	old    []byte // nil: the key was absent
	seq    uint64
}

func (u *undoLog) reset() { u.steps = u.steps[:0] }

// undo restores, last step first, what the change overwrote.
func (u *undoLog) undo(btx *bolt.Tx) error {
	for i := len(u.steps) - 1; i >= 0; i-- {
		s := u.steps[i]
		b := btx.Bucket(s.bucket)
		if b == nil {
			return fmt.Errorf("storage: undoing a change: no bucket %s", s.bucket)
		}
		var err error
		switch {
		case s.key == nil:
			err = b.SetSequence(s.seq)
		case s.old == nil:
			err = b.Delete(s.key)
		default:
			err = b.Put(s.key, s.old)
		}
		if err != nil {
			return fmt.Errorf("storage: undoing a change to %s: %w", s.bucket, err)
		}
	}
	u.reset()
	return nil
}

// note records old, the value under key, before it is overwritten or
// removed; present says whether the key is there (old may be nil for a
// key without a value).
func (t *tx) note(bucket, key, old []byte, present bool) {
	var saved []byte
	if present {
		saved = bytes.Clone(old)
		if saved == nil {
			saved = []byte{} // present, without a value
		}
	}
	t.undo.steps = append(t.undo.steps, undoStep{bucket: bucket, key: bytes.Clone(key), old: saved})
}

// lookup returns the value under key and whether the key is there. Get
// cannot tell: within a transaction it returns nil for a key written
// without a value (the indexes' keys) as for a key that is absent.
func lookup(b *bolt.Bucket, key []byte) ([]byte, bool) {
	k, v := b.Cursor().Seek(key)
	if k == nil || !bytes.Equal(k, key) {
		return nil, false
	}
	return v, true
}

// bucketOf returns a bucket of the data file; every bucket a change uses
// exists from the first schema on.
func (t *tx) bucketOf(bucket []byte) (*bolt.Bucket, error) {
	b := t.b.Bucket(bucket)
	if b == nil {
		return nil, fmt.Errorf("storage: the data file has no bucket %s", bucket)
	}
	return b, nil
}

// putRaw stores value under key in bucket. bbolt keeps value until the
// commit: it must not change afterwards.
func (t *tx) putRaw(bucket, key, value []byte) error {
	b, err := t.bucketOf(bucket)
	if err != nil {
		return err
	}
	if t.undo != nil {
		old, ok := lookup(b, key)
		t.note(bucket, key, old, ok)
	}
	return b.Put(key, value)
}

// deleteRaw removes key from bucket.
func (t *tx) deleteRaw(bucket, key []byte) error {
	b, err := t.bucketOf(bucket)
	if err != nil {
		return err
	}
	if t.undo != nil {
		old, ok := lookup(b, key)
		if !ok {
			return nil // nothing to remove, nothing to undo
		}
		t.note(bucket, key, old, true)
	}
	return b.Delete(key) // an absent key is no error
}

// nextSequence returns the next value of bucket's sequence.
func (t *tx) nextSequence(bucket []byte) (uint64, error) {
	b, err := t.bucketOf(bucket)
	if err != nil {
		return 0, err
	}
	if t.undo != nil {
		t.undo.steps = append(t.undo.steps, undoStep{bucket: bucket, seq: b.Sequence()})
	}
	return b.NextSequence()
}
