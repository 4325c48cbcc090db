package storage

import (
	bolt "go.etcd.io/bbolt"
)

// separatePoliceRefs moves the police reference a manager recorded out of
// the field that holds the one a report gave (schema 8 → 9). Earlier
// versions wrote both into police_ref, so a colleague who reported for
// someone saw what the follow-up recorded. A report asks for the
// reference only when the report was made already (police "done"), and
// then no police task follows; any other incident's reference was
// recorded. The records are read as they were stored then, as plain JSON,
// so this step does the same on every file whatever the incident looks
// like today.
func separatePoliceRefs(btx *bolt.Tx) error {
	return rewrite(btx.Bucket(bucketIncidents), func(_ []byte, inc *map[string]any) (bool, error) {
		ref, _ := (*inc)["police_ref"].(string)
		police, _ := (*inc)["police"].(string)
		if ref == "" || police == "done" {
			return false, nil
		}
		(*inc)["recorded_police_ref"] = ref
		delete(*inc, "police_ref")
		return true, nil
	})
}
