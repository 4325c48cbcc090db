package storage

import (
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"meldbot/bot"
)

// separatePoliceRefs moves the police reference a manager recorded out of
// the field that holds the one a report gave (schema 8 → 9). Earlier
// versions wrote both into PoliceRef, so a colleague who reported for
// someone saw what the follow-up recorded. A report asks for the
// reference only when the report was made already (police "done"), and
// then no police task follows; any other incident's reference was
// recorded.
func separatePoliceRefs(btx *bolt.Tx) error {
	b := btx.Bucket(bucketIncidents)
	type change struct{ key, data []byte }
	var changes []change
	err := b.ForEach(func(k, v []byte) error {
		var inc bot.Incident
		if err := json.Unmarshal(v, &inc); err != nil {
			return fmt.Errorf("incident %s: %w", k, err)
		}
		if inc.PoliceRef == "" || inc.Police == "done" {
			return nil
		}
		inc.RecordedPoliceRef, inc.PoliceRef = inc.PoliceRef, ""
		data, err := json.Marshal(inc)
		if err != nil {
			return err
		}
		changes = append(changes, change{append([]byte(nil), k...), data})
		return nil
	})
	if err != nil {
		return err
	}
	for _, c := range changes { // not while iterating over the bucket
		if err := b.Put(c.key, c.data); err != nil {
			return err
		}
	}
	return nil
}
