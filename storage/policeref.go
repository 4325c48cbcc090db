package storage

import (
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
	return rewrite(btx.Bucket(bucketIncidents), func(_ []byte, inc *bot.Incident) (bool, error) {
		if inc.PoliceRef == "" || inc.Police == "done" {
			return false, nil
		}
		inc.RecordedPoliceRef, inc.PoliceRef = inc.PoliceRef, ""
		return true, nil
	})
}
