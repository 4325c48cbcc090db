package storage

import (
	"encoding/json"
	"fmt"

	"meldbot/bot"

	bolt "go.etcd.io/bbolt"
)

// careGivenFromTasks gives incidents recorded before meldbot kept when first
// care was given (schema 12) that moment: when their first-care task was
// marked done, by whom. Every register row of an incident whose personal
// data is kept is made again, so it holds care given and whether first
// care is still open; a purged incident's row stays as it was frozen.
func careGivenFromTasks(btx *bolt.Tx) error {
	t := &tx{b: btx}
	var changed []bot.Incident
	err := btx.Bucket(bucketIncidents).ForEach(func(k, v []byte) error {
		var inc bot.Incident
		if err := json.Unmarshal(v, &inc); err != nil {
			return fmt.Errorf("incident %s: %w", k, err)
		}
		if !inc.PurgedAt.IsZero() {
			return nil
		}
		tasks, err := t.TasksOfIncident(inc.Number)
		if err != nil {
			return err
		}
		if inc.CareGivenAt.IsZero() {
			for _, task := range tasks {
				if task.Kind != bot.TaskFirstCare || task.State != bot.TaskDone {
					continue
				}
				for _, e := range task.History {
					if e.What == bot.EventDone {
						inc.CareGivenAt, inc.CareGivenBy = e.At, e.By
					}
				}
			}
			if !inc.CareGivenAt.IsZero() {
				changed = append(changed, inc)
			}
		}
		return t.PutRow(bot.RowOf(inc, tasks))
	})
	if err != nil {
		return err
	}
	for _, inc := range changed { // not while iterating over the bucket
		key, _ := incidentKey(inc.Number)
		if err := t.put(bucketIncidents, key, inc); err != nil {
			return err
		}
	}
	return nil
}
