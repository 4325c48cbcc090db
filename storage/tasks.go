package storage

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"

	"meldbot/bot"
)

// Tasks are stored by ID, with five indexes kept in step by PutTask: by
// the time they fire next, by the people who got them, by row, by
// incident, and — while a task is outstanding — by kind and deadline.

func nextKey(t time.Time, id string) []byte {
	k := make([]byte, 8, 8+len(id))
	binary.BigEndian.PutUint64(k, uint64(t.UnixNano()))
	return append(k, id...)
}

func pairKey(owner, id string) []byte {
	return append(append([]byte(owner), 0), id...)
}

func (t *tx) Task(id string) (bot.Task, error) {
	var task bot.Task
	if err := t.get(bucketTasks, []byte(id), &task); err != nil {
		return task, err
	}
	return task, misfiled(bucketTasks, id, task.ID)
}

func (t *tx) PutTask(task bot.Task) error {
	old, err := t.Task(task.ID)
	switch {
	case err == nil:
		if err := t.unindexTask(old); err != nil {
			return err
		}
	case !errors.Is(err, bot.ErrNotFound):
		return err
	}
	if err := t.put(bucketTasks, []byte(task.ID), task); err != nil {
		return err
	}
	for _, e := range taskIndex(task) {
		if err := t.putRaw(e.bucket, e.key, nil); err != nil {
			return err
		}
	}
	return nil
}

func (t *tx) ForgetTask(id string) error {
	task, err := t.Task(id)
	if errors.Is(err, bot.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	if err := t.unindexTask(task); err != nil {
		return err
	}
	return t.del(bucketTasks, []byte(task.ID))
}

// indexEntry is a key in an index bucket.
type indexEntry struct{ bucket, key []byte }

// taskIndex returns every index entry of a task: by the time it fires
// next, by its people, by its row and by its incident.
func taskIndex(task bot.Task) []indexEntry {
	var out []indexEntry
	if !task.Next.IsZero() {
		out = append(out, indexEntry{bucketTaskNext, nextKey(task.Next, task.ID)})
	}
	for _, p := range people(task) {
		out = append(out, indexEntry{bucketTaskPeople, pairKey(p, task.ID)})
	}
	if task.Row != "" {
		out = append(out, indexEntry{bucketTaskRow, pairKey(task.Row, task.ID)})
	}
	if task.Incident != "" {
		out = append(out, indexEntry{bucketTaskIncident, pairKey(task.Incident, task.ID)})
	}
	if task.Outstanding() {
		out = append(out, indexEntry{bucketTaskOpen, openKey(task)})
	}
	return out
}

// openKey is a task's key in the index of outstanding tasks: its kind, a
// zero byte, its deadline and its ID.
// A task without a deadline sorts last and is never overdue.
func openKey(task bot.Task) []byte {
	due := task.Due
	if due.IsZero() {
		due = time.Unix(0, math.MaxInt64)
	}
	return append(pairKey(string(task.Kind), ""), nextKey(due, task.ID)...)
}

// indexOutstandingTasks fills the index of outstanding tasks from the
// tasks stored.
func indexOutstandingTasks(btx *bolt.Tx) error {
	open, err := btx.CreateBucketIfNotExists(bucketTaskOpen)
	if err != nil {
		return err
	}
	var keys [][]byte
	err = btx.Bucket(bucketTasks).ForEach(func(k, v []byte) error {
		var task bot.Task
		if err := json.Unmarshal(v, &task); err != nil {
			return fmt.Errorf("task %s: %w", k, err)
		}
		if task.Outstanding() {
			keys = append(keys, openKey(task))
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, k := range keys { // not while iterating over the tasks
		if err := open.Put(k, nil); err != nil {
			return err
		}
	}
	return nil
}

// unindexTask removes every index entry of a task as it is stored.
func (t *tx) unindexTask(task bot.Task) error {
	for _, e := range taskIndex(task) {
		if err := t.deleteRaw(e.bucket, e.key); err != nil {
			return err
		}
	}
	return nil
}

// people returns the assignee and watchers of a task, once each.
func people(task bot.Task) []string {
	out := []string{string(task.Assignee)}
	for _, w := range task.Watchers {
		if w != task.Assignee {
			out = append(out, string(w))
		}
	}
	return out
}

func (t *tx) DueTasks(until time.Time, limit int) ([]bot.Task, error) {
	var out []bot.Task
	c := t.b.Bucket(bucketTaskNext).Cursor()
	for k, _ := c.First(); k != nil && len(out) < limit; k, _ = c.Next() {
		if int64(binary.BigEndian.Uint64(k[:8])) > until.UnixNano() {
			break
		}
		task, err := t.Task(string(k[8:]))
		if err != nil {
			return nil, fmt.Errorf("storage: task index %q: %w", k[8:], err)
		}
		out = append(out, task)
	}
	return out, nil
}

// eachIndexed calls fn with each key that an index bucket lists for owner;
// its keys are the owner, a zero byte and the key they point to.
func (t *tx) eachIndexed(index []byte, owner string, fn func(key []byte) error) error {
	prefix := pairKey(owner, "")
	c := t.b.Bucket(index).Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		if err := fn(k[len(prefix):]); err != nil {
			return fmt.Errorf("storage: index %s %q: %w", index, k, err)
		}
	}
	return nil
}

func (t *tx) tasksByPrefix(index []byte, owner string) ([]bot.Task, error) {
	var out []bot.Task
	err := t.eachIndexed(index, owner, func(id []byte) error {
		task, err := t.Task(string(id))
		out = append(out, task)
		return err
	})
	return out, err
}

func (t *tx) TasksOf(person bot.Email) ([]bot.Task, error) {
	return t.tasksByPrefix(bucketTaskPeople, string(person))
}

func (t *tx) TaskPeople() ([]bot.Email, error) {
	var out []bot.Email
	c := t.b.Bucket(bucketTaskPeople).Cursor()
	for k, _ := c.First(); k != nil; k, _ = c.Next() {
		person, _, ok := bytes.Cut(k, []byte{0})
		if !ok {
			return nil, fmt.Errorf("storage: index %s %q: no separator", bucketTaskPeople, k)
		}
		if len(person) > 0 && (len(out) == 0 || out[len(out)-1] != bot.Email(person)) {
			out = append(out, bot.Email(person))
		}
	}
	return out, nil
}

func (t *tx) TasksOfIncident(number string) ([]bot.Task, error) {
	return t.tasksByPrefix(bucketTaskIncident, number)
}

func (t *tx) TasksOfRow(row string) ([]bot.Task, error) {
	return t.tasksByPrefix(bucketTaskRow, row)
}

func (t *tx) TasksWithPrefix(prefix string) ([]bot.Task, error) {
	p := []byte(prefix)
	return decodeFrom[bot.Task](t, bucketTasks, p, func(k []byte) bool { return bytes.HasPrefix(k, p) }, 0)
}

func (t *tx) AddSentRef(tag string, ref bot.SentRef) error {
	refs, err := t.SentRefs(tag)
	if err != nil {
		return err
	}
	data, err := json.Marshal(append(refs, ref))
	if err != nil {
		return err
	}
	return t.putRaw(bucketSentRefs, []byte(tag), data)
}

func (t *tx) SentRefs(tag string) ([]bot.SentRef, error) {
	var refs []bot.SentRef
	if err := t.get(bucketSentRefs, []byte(tag), &refs); err != nil && !errors.Is(err, bot.ErrNotFound) {
		return nil, err
	}
	return refs, nil
}

// reopenLapsedCheckIns opens again the check-ins that earlier versions
// closed as not needed when they went unanswered. Check-ins are no duties,
// so no register row changes.
func reopenLapsedCheckIns(btx *bolt.Tx) error {
	var lapsed []bot.Task
	err := btx.Bucket(bucketTasks).ForEach(func(k, v []byte) error {
		var task bot.Task
		if err := json.Unmarshal(v, &task); err != nil {
			return fmt.Errorf("task %s: %w", k, err)
		}
		if task.Kind == bot.TaskCheckIn && task.State == bot.TaskNotNeeded && lapsedUnanswered(task) {
			lapsed = append(lapsed, task)
		}
		return nil
	})
	if err != nil {
		return err
	}
	t := &tx{b: btx}
	for _, task := range lapsed { // not while iterating over the bucket
		task.State = bot.TaskOpen
		if err := t.PutTask(task); err != nil {
			return err
		}
	}
	return nil
}

// lapsedUnanswered reports whether a task's history ends its life with a
// lapse: a "lapsed" line and no later "done" or "not_needed".
func lapsedUnanswered(task bot.Task) bool {
	for i := len(task.History) - 1; i >= 0; i-- {
		switch task.History[i].What {
		case "lapsed":
			return true
		case "done", "not_needed":
			return false
		}
	}
	return false
}

// statesFromHistory gives tasks the state their history held: a check-in
// whose last word is a lapse is lapsed, and a task whose history says it
// could not be escalated is stranded (schema 10 → 11). Neither changes a
// register row.
func statesFromHistory(btx *bolt.Tx) error {
	var changed []bot.Task
	err := btx.Bucket(bucketTasks).ForEach(func(k, v []byte) error {
		var task bot.Task
		if err := json.Unmarshal(v, &task); err != nil {
			return fmt.Errorf("task %s: %w", k, err)
		}
		lapsed := task.Kind == bot.TaskCheckIn && task.State == bot.TaskOpen && lapsedUnanswered(task)
		stranded := !task.Stranded && slices.ContainsFunc(task.History, func(e bot.TaskEvent) bool { return e.What == bot.EventNotEscalated })
		if lapsed {
			task.State = bot.TaskLapsed
		}
		task.Stranded = task.Stranded || stranded
		if lapsed || stranded {
			changed = append(changed, task)
		}
		return nil
	})
	if err != nil {
		return err
	}
	t := &tx{b: btx}
	for _, task := range changed { // not while iterating over the bucket
		if err := t.PutTask(task); err != nil {
			return err
		}
	}
	return nil
}
