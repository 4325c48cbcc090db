package storage

import (
	"bytes"
	"fmt"
)

// Mark returns the value stored under key, or "" when there is none.
func (t *tx) Mark(key string) (string, error) {
	if key == "" {
		return "", fmt.Errorf("storage: a mark needs a key")
	}
	return string(t.b.Bucket(bucketMarks).Get([]byte(key))), nil
}

// PutMark stores value under key; an empty value removes the key.
func (t *tx) PutMark(key, value string) error {
	if key == "" {
		return fmt.Errorf("storage: a mark needs a key")
	}
	if value == "" {
		return t.deleteRaw(bucketMarks, []byte(key))
	}
	return t.putRaw(bucketMarks, []byte(key), []byte(value))
}

// Marks returns every value stored under a key that starts with prefix, by
// key.
func (t *tx) Marks(prefix string) (map[string]string, error) {
	out := map[string]string{}
	c := t.b.Bucket(bucketMarks).Cursor()
	for k, v := c.Seek([]byte(prefix)); k != nil && bytes.HasPrefix(k, []byte(prefix)); k, v = c.Next() {
		out[string(k)] = string(v)
	}
	return out, nil
}
