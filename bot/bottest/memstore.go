package bottest

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"meldbot/bot"
	"meldbot/bot/register"
)

// MemStore is a bot.Store in memory. Transactions see a copy of the data
// and replace it only when they succeed, like bbolt's; records are stored as
// JSON, so what cannot survive the real store cannot survive this one.
type MemStore struct {
	mu   sync.RWMutex
	data memData
}

var _ bot.Store = (*MemStore)(nil)

type memData struct {
	buckets map[string]map[string][]byte
	seqs    map[string]uint64
}

func (d memData) clone() memData {
	c := memData{buckets: map[string]map[string][]byte{}, seqs: maps.Clone(d.seqs)}
	for name, b := range d.buckets {
		c.buckets[name] = maps.Clone(b)
	}
	if c.seqs == nil {
		c.seqs = map[string]uint64{}
	}
	return c
}

// NewMemStore returns an empty store.
func NewMemStore() *MemStore { return &MemStore{data: memData{}.clone()} }

// Update runs fn on a copy and keeps the copy when fn succeeds. With a
// context that is done it runs nothing and returns ctx.Err(), as the real
// store does.
func (s *MemStore) Update(ctx context.Context, fn func(bot.Tx) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	tx := &memTx{d: s.data.clone(), writable: true}
	if err := fn(tx); err != nil {
		return err
	}
	s.data = tx.d
	return nil
}

// View runs fn on the current data, read-only; with a context that is done
// it runs nothing and returns ctx.Err().
func (s *MemStore) View(ctx context.Context, fn func(bot.Tx) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	return fn(&memTx{d: s.data})
}

// memTx implements bot.Tx over named buckets of JSON records.
type memTx struct {
	d        memData
	writable bool
}

var errReadOnly = fmt.Errorf("memstore: write in a read-only transaction")

func (tx *memTx) get(bucket, key string, v any) error {
	b, ok := tx.d.buckets[bucket][key]
	if !ok {
		return bot.ErrNotFound
	}
	return json.Unmarshal(b, v)
}

func (tx *memTx) put(bucket, key string, v any) error {
	if !tx.writable {
		return errReadOnly
	}
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	if tx.d.buckets[bucket] == nil {
		tx.d.buckets[bucket] = map[string][]byte{}
	}
	tx.d.buckets[bucket][key] = b
	return nil
}

func (tx *memTx) del(bucket, key string) error {
	if !tx.writable {
		return errReadOnly
	}
	delete(tx.d.buckets[bucket], key)
	return nil
}

func (tx *memTx) nextSeq(name string) (uint64, error) {
	if !tx.writable {
		return 0, errReadOnly
	}
	tx.d.seqs[name]++
	return tx.d.seqs[name], nil
}

// keys returns the keys of a bucket in order.
func (tx *memTx) keys(bucket string) []string {
	return slices.Sorted(maps.Keys(tx.d.buckets[bucket]))
}

func (tx *memTx) Conversation(user bot.Email) (bot.Conversation, error) {
	var c bot.Conversation
	return c, tx.get("conversations", string(user), &c)
}

func (tx *memTx) PutConversation(c bot.Conversation) error {
	return tx.put("conversations", string(c.User), c)
}

func (tx *memTx) DeleteConversation(user bot.Email) error {
	return tx.del("conversations", string(user))
}

func (tx *memTx) NextIncidentSeq(year int) (int, error) {
	n, err := tx.nextSeq(fmt.Sprintf("incident/%d", year))
	return int(n), err
}

func (tx *memTx) Incident(number string) (bot.Incident, error) {
	var inc bot.Incident
	key, ok := bot.CanonicalNumber(number)
	if !ok {
		return inc, bot.ErrNotFound
	}
	return inc, tx.get("incidents", key, &inc)
}

func (tx *memTx) PutIncident(inc bot.Incident) error {
	key, ok := bot.CanonicalNumber(inc.Number)
	if !ok {
		return fmt.Errorf("memstore: bad incident number %q", inc.Number)
	}
	return tx.put("incidents", key, inc)
}

func (tx *memTx) Prefs(user bot.Email) (bot.Prefs, error) {
	var p bot.Prefs
	return p, tx.get("prefs", string(user), &p)
}

func (tx *memTx) PutPrefs(p bot.Prefs) error { return tx.put("prefs", string(p.User), p) }

func outboxKey(id uint64) string { return fmt.Sprintf("%020d", id) }

func (tx *memTx) Enqueue(o bot.Outgoing) (uint64, error) {
	id, err := tx.nextSeq("outbox")
	if err != nil {
		return 0, err
	}
	o.ID = id
	return id, tx.put("outbox", outboxKey(id), o)
}

func (tx *memTx) Outbox(after uint64, limit int) ([]bot.Outgoing, error) {
	var out []bot.Outgoing
	for _, k := range tx.keys("outbox") {
		if k <= outboxKey(after) {
			continue
		}
		var o bot.Outgoing
		if err := tx.get("outbox", k, &o); err != nil {
			return nil, err
		}
		out = append(out, o)
		if len(out) == limit {
			break
		}
	}
	return out, nil
}

func (tx *memTx) PutOutgoing(o bot.Outgoing) error { return tx.put("outbox", outboxKey(o.ID), o) }

func (tx *memTx) DeleteOutgoing(id uint64) error { return tx.del("outbox", outboxKey(id)) }

func (tx *memTx) Task(id string) (bot.Task, error) {
	var t bot.Task
	return t, tx.get("tasks", id, &t)
}

func (tx *memTx) PutTask(t bot.Task) error { return tx.put("tasks", t.ID, t) }

func (tx *memTx) allTasks() ([]bot.Task, error) {
	var out []bot.Task
	for _, k := range tx.keys("tasks") {
		t, err := tx.Task(k)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, nil
}

func (tx *memTx) DueTasks(until time.Time, limit int) ([]bot.Task, error) {
	all, err := tx.allTasks()
	if err != nil {
		return nil, err
	}
	var due []bot.Task
	for _, t := range all {
		if !t.Next.IsZero() && !t.Next.After(until) {
			due = append(due, t)
		}
	}
	sort.SliceStable(due, func(i, j int) bool { return due[i].Next.Before(due[j].Next) })
	if len(due) > limit {
		due = due[:limit]
	}
	return due, nil
}

func (tx *memTx) TasksOf(person bot.Email) ([]bot.Task, error) {
	all, err := tx.allTasks()
	var out []bot.Task
	for _, t := range all {
		if t.Assignee == person || slices.Contains(t.Watchers, person) {
			out = append(out, t)
		}
	}
	return out, err
}

func (tx *memTx) TaskPeople() ([]bot.Email, error) {
	all, err := tx.allTasks()
	var out []bot.Email
	for _, t := range all {
		for _, p := range append([]bot.Email{t.Assignee}, t.Watchers...) {
			if p != "" && !slices.Contains(out, p) {
				out = append(out, p)
			}
		}
	}
	slices.Sort(out)
	return out, err
}

func (tx *memTx) TasksOfIncident(number string) ([]bot.Task, error) {
	all, err := tx.allTasks()
	var out []bot.Task
	for _, t := range all {
		if t.Incident == number {
			out = append(out, t)
		}
	}
	return out, err
}

func (tx *memTx) TasksOfRow(row string) ([]bot.Task, error) {
	all, err := tx.allTasks()
	var out []bot.Task
	for _, t := range all {
		if t.Row == row {
			out = append(out, t)
		}
	}
	return out, err
}

func (tx *memTx) AddSentRef(tag string, ref bot.SentRef) error {
	refs, err := tx.SentRefs(tag)
	if err != nil {
		return err
	}
	return tx.put("sent_refs", tag, append(refs, ref))
}

func (tx *memTx) SentRefs(tag string) ([]bot.SentRef, error) {
	var refs []bot.SentRef
	if err := tx.get("sent_refs", tag, &refs); err != nil && !errors.Is(err, bot.ErrNotFound) {
		return nil, err
	}
	return refs, nil
}

func (tx *memTx) Checks() ([]bot.Check, error) {
	var out []bot.Check
	for _, k := range tx.keys("checks") {
		var c bot.Check
		if err := tx.get("checks", k, &c); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

func (tx *memTx) PutCheck(c bot.Check) error { return tx.put("checks", c.Item, c) }

func (tx *memTx) DeleteCheck(item string) error { return tx.del("checks", item) }

func (tx *memTx) CycleSince() (time.Time, error) {
	var t time.Time
	if err := tx.get("cycle", "since", &t); err != nil && !errors.Is(err, bot.ErrNotFound) {
		return t, err
	}
	return t, nil
}

func (tx *memTx) SetCycleSince(t time.Time) error { return tx.put("cycle", "since", t) }

// The register: rows by incident number, found by the moment the incident
// happened; incidents by person; the audit trail in order of appending.

func (tx *memTx) PutRow(r register.Row) error {
	key, ok := bot.CanonicalNumber(r.Number)
	if !ok {
		return fmt.Errorf("memstore: bad incident number %q in a register row", r.Number)
	}
	if !tx.writable {
		return errReadOnly
	}
	return tx.put("rows", key, asStored(r))
}

// asStored returns a row as the real store gives it back: its moments to
// the second, in the local zone.
func asStored(r register.Row) register.Row {
	second := func(t time.Time) time.Time {
		if t.IsZero() {
			return t
		}
		return time.Unix(t.Unix(), 0)
	}
	r.Occurred, r.Reported, r.FirstCare, r.CareGiven, r.ClosedAt = second(r.Occurred), second(r.Reported), second(r.FirstCare), second(r.CareGiven), second(r.ClosedAt)
	r.Aftercare = slices.Clone(r.Aftercare)
	for i, a := range r.Aftercare {
		r.Aftercare[i].Due, r.Aftercare[i].Done = second(a.Due), second(a.Done)
	}
	r.Open = slices.Clone(r.Open)
	for i, t := range r.Open {
		r.Open[i] = second(t)
	}
	return r
}

// row reads a stored row.
func (tx *memTx) row(key string) (register.Row, error) {
	var r register.Row
	return r, tx.get("rows", key, &r)
}

func (tx *memTx) Row(number string) (register.Row, error) {
	var r register.Row
	key, ok := bot.CanonicalNumber(number)
	if !ok {
		return r, bot.ErrNotFound
	}
	return tx.row(key)
}

// ScanFacts lends the facts of each row of EachRow.
func (tx *memTx) ScanFacts(from, to time.Time, fn func(*register.Facts) error) error {
	return register.ScanFactsOf(func(each func(register.Row) error) error { return tx.EachRow(from, to, each) }, fn)
}

func (tx *memTx) EachRow(from, to time.Time, fn func(register.Row) error) error {
	var rows []register.Row
	for _, k := range tx.keys("rows") {
		r, err := tx.row(k)
		if err != nil {
			return err
		}
		// Rows are kept to the second, like the real store's order.
		at := r.Occurred.Unix()
		if (from.IsZero() || at >= from.Unix()) && (to.IsZero() || at < to.Unix()) {
			rows = append(rows, r)
		}
	}
	sort.SliceStable(rows, func(i, j int) bool {
		if !rows[i].Occurred.Equal(rows[j].Occurred) {
			return rows[i].Occurred.Before(rows[j].Occurred)
		}
		yi, si, _ := bot.ParseIncidentNumber(rows[i].Number)
		yj, sj, _ := bot.ParseIncidentNumber(rows[j].Number)
		return yi < yj || (yi == yj && si < sj)
	})
	for _, r := range rows {
		if err := fn(r); err != nil {
			return err
		}
	}
	return nil
}

func (tx *memTx) IncidentsOf(person bot.Email) ([]bot.Incident, error) {
	var out []bot.Incident
	for _, k := range tx.keys("incidents") {
		var inc bot.Incident
		if err := tx.get("incidents", k, &inc); err != nil {
			return nil, err
		}
		if person != "" && (inc.Reporter == person || inc.Subject == person) {
			out = append(out, inc)
		}
	}
	// Oldest number first, as the interface promises: the keys sort as
	// text, which puts GIR-2026-10000 before GIR-2026-9999.
	slices.SortStableFunc(out, func(a, b bot.Incident) int {
		ya, sa, _ := bot.ParseIncidentNumber(a.Number)
		yb, sb, _ := bot.ParseIncidentNumber(b.Number)
		return cmp.Or(cmp.Compare(ya, yb), cmp.Compare(sa, sb))
	})
	return out, nil
}

func (tx *memTx) AppendAudit(e bot.AuditEntry) (uint64, error) {
	var prev bot.AuditEntry
	if keys := tx.keys("audit"); len(keys) > 0 {
		if err := tx.get("audit", keys[len(keys)-1], &prev); err != nil {
			return 0, err
		}
	}
	seq, err := tx.nextSeq("audit")
	if err != nil {
		return 0, err
	}
	e.Seq, e.Prev = seq, ""
	if prev.Seq != 0 {
		e.Prev = prev.Hash()
	}
	return seq, tx.put("audit", outboxKey(seq), e)
}

func (tx *memTx) auditWhere(keep func(bot.AuditEntry) bool) ([]bot.AuditEntry, error) {
	var out []bot.AuditEntry
	for _, k := range tx.keys("audit") {
		var e bot.AuditEntry
		if err := tx.get("audit", k, &e); err != nil {
			return nil, err
		}
		if keep(e) {
			out = append(out, e)
		}
	}
	return out, nil
}

func (tx *memTx) AuditOf(number string) ([]bot.AuditEntry, error) {
	if c, ok := bot.CanonicalNumber(number); ok {
		number = c
	}
	return tx.auditWhere(func(e bot.AuditEntry) bool { return e.Incident == number })
}

func (tx *memTx) AuditBy(person bot.Email) ([]bot.AuditEntry, error) {
	return tx.auditWhere(func(e bot.AuditEntry) bool { return person != "" && (e.By == person || e.To == person) })
}

func (tx *memTx) ForgetTask(id string) error { return tx.del("tasks", id) }

func (tx *memTx) ForgetSentRefs(tag string) error { return tx.del("sent_refs", tag) }

func (tx *memTx) Conversations() ([]bot.Conversation, error) {
	var out []bot.Conversation
	for _, k := range tx.keys("conversations") {
		c, err := tx.Conversation(bot.Email(k))
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

func (tx *memTx) TasksWithPrefix(prefix string) ([]bot.Task, error) {
	var out []bot.Task
	for _, k := range tx.keys("tasks") {
		if len(k) < len(prefix) || k[:len(prefix)] != prefix {
			continue
		}
		t, err := tx.Task(k)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, nil
}

func (tx *memTx) Mark(key string) (string, error) {
	if key == "" {
		return "", fmt.Errorf("memstore: a mark needs a key")
	}
	var v string
	if err := tx.get("marks", key, &v); err != nil && !errors.Is(err, bot.ErrNotFound) {
		return "", err
	}
	return v, nil
}

func (tx *memTx) Marks(prefix string) (map[string]string, error) {
	out := map[string]string{}
	for _, k := range tx.keys("marks") {
		if strings.HasPrefix(k, prefix) {
			var v string
			if err := tx.get("marks", k, &v); err != nil {
				return nil, err
			}
			out[k] = v
		}
	}
	return out, nil
}

func (tx *memTx) PutMark(key, value string) error {
	if key == "" {
		return fmt.Errorf("memstore: a mark needs a key")
	}
	if value == "" {
		return tx.del("marks", key)
	}
	return tx.put("marks", key, value)
}

func (tx *memTx) Handled(id string) (bool, error) {
	_, ok := tx.d.buckets["inbox"][id]
	return ok, nil
}

func (tx *memTx) RecordHandled(id string, at time.Time) error { return tx.put("inbox", id, at) }

func (tx *memTx) OldestHandled() (time.Time, bool, error) {
	var oldest time.Time
	found := false
	for _, id := range tx.keys("inbox") {
		var at time.Time
		if err := tx.get("inbox", id, &at); err != nil {
			return time.Time{}, false, err
		}
		if !found || at.Before(oldest) {
			oldest, found = at, true
		}
	}
	return oldest, found, nil
}

func (tx *memTx) ForgetHandled(before time.Time, limit int) (int, error) {
	type handled struct {
		id string
		at time.Time
	}
	var old []handled
	for _, id := range tx.keys("inbox") {
		var at time.Time
		if err := tx.get("inbox", id, &at); err != nil {
			return 0, err
		}
		if at.Before(before) {
			old = append(old, handled{id, at})
		}
	}
	slices.SortFunc(old, func(a, b handled) int { return a.at.Compare(b.at) })
	old = old[:min(limit, len(old))]
	for _, h := range old {
		if err := tx.del("inbox", h.id); err != nil {
			return 0, err
		}
	}
	return len(old), nil
}
