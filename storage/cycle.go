package storage

import (
	"errors"
	"time"

	"meldbot/bot"
)

var keySince = []byte("since")

func (t *tx) Checks() ([]bot.Check, error) {
	return decodeFrom[bot.Check](t, bucketChecks, nil, nil, 0)
}

func (t *tx) PutCheck(c bot.Check) error { return t.put(bucketChecks, []byte(c.Item), c) }

func (t *tx) DeleteCheck(item string) error { return t.del(bucketChecks, []byte(item)) }

func (t *tx) CycleSince() (time.Time, error) {
	var since time.Time
	if err := t.get(bucketCycle, keySince, &since); err != nil && !errors.Is(err, bot.ErrNotFound) {
		return since, err
	}
	return since, nil
}

func (t *tx) SetCycleSince(since time.Time) error { return t.put(bucketCycle, keySince, since) }
