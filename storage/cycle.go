package storage

import (
	"encoding/json"
	"errors"
	"time"

	"meldbot/bot"
)

var keySince = []byte("since")

func (t *tx) Checks() ([]bot.Check, error) {
	var out []bot.Check
	err := t.b.Bucket(bucketChecks).ForEach(func(k, v []byte) error {
		var c bot.Check
		if err := json.Unmarshal(v, &c); err != nil {
			return err
		}
		out = append(out, c)
		return nil
	})
	return out, err
}

func (t *tx) PutCheck(c bot.Check) error { return t.put(bucketChecks, []byte(c.Item), c) }

func (t *tx) CycleSince() (time.Time, error) {
	var since time.Time
	if err := t.get(bucketCycle, keySince, &since); err != nil && !errors.Is(err, bot.ErrNotFound) {
		return since, err
	}
	return since, nil
}

func (t *tx) SetCycleSince(since time.Time) error { return t.put(bucketCycle, keySince, since) }
