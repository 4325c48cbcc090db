package bot

import (
	"errors"
	"fmt"
	"time"
)

// rowKeeper is the transaction every turn works in. Each incident, and each
// task of an incident, that a turn stores brings the incident's register row
// up to date in the same transaction, so the overviews always count what the
// incidents and tasks say — whichever code changed them. The incident's
// status follows: closed once its duties are (see closedAt), never while
// the follow-up of the report is still to come (followUpDue). An incident is
// stored only together with its entry in the audit trail (saveIncident):
// PutIncident on its own is refused.
type rowKeeper struct {
	Tx
	now time.Time
	// change is the audit entry of the incident being saved.
	change *AuditEntry
	// held is the incident whose row waits while many of its tasks are
	// stored (holdingRow).
	held string
}

// errUnaudited is what storing an incident without its audit entry gives.
var errUnaudited = errors.New("an incident is stored only with its entry in the audit trail: use saveIncident")

// saveIncident stores a new or changed incident, its row, and change in
// the audit trail.
func (k *rowKeeper) saveIncident(inc Incident, change AuditEntry) error {
	k.change = &change
	defer func() { k.change = nil }()
	return k.PutIncident(inc)
}

// keepRows wraps tx; a tx that is already wrapped is returned as it is.
func keepRows(tx Tx, now time.Time) *rowKeeper {
	if k, ok := tx.(*rowKeeper); ok {
		return k
	}
	return &rowKeeper{Tx: tx, now: now}
}

// PutIncident stores the incident, its row and its audit entry; see
// saveIncident.
func (k *rowKeeper) PutIncident(inc Incident) error {
	if k.change == nil || k.change.Incident != inc.Number {
		return errUnaudited
	}
	if err := k.Tx.PutIncident(inc); err != nil {
		return err
	}
	if _, err := k.Tx.AppendAudit(*k.change); err != nil {
		return fmt.Errorf("audit trail: %w", err)
	}
	if k.held == inc.Number {
		return nil // holdingRow makes the row
	}
	return syncIncidentRow(k.Tx, inc, k.now)
}

// PutTask stores the task and, for a task of an incident, the incident's
// row — unless the task was stored before and nothing of it that the row
// depends on changed (reminders, escalations, watchers and the like leave
// the row as it is).
func (k *rowKeeper) PutTask(task Task) error {
	if task.Incident == "" || task.Incident == k.held {
		return k.Tx.PutTask(task)
	}
	old, err := k.Tx.Task(task.ID)
	stored := err == nil
	if err != nil && !errors.Is(err, ErrNotFound) {
		return err
	}
	if err := k.Tx.PutTask(task); err != nil {
		return err
	}
	if stored && sameRowFacts(old, task) {
		return nil
	}
	return syncRow(k.Tx, task.Incident, k.now)
}

// holdingRow runs fn, which stores tasks of incident number, and brings
// the incident's row up to date once, after fn: a row is made from the
// incident and all its tasks, and making it for each task stored would
// read them all again each time. When fn fails the transaction does.
func (k *rowKeeper) holdingRow(number string, fn func() error) error {
	k.held = number
	err := fn()
	k.held = ""
	if err != nil {
		return err
	}
	return syncRow(k.Tx, number, k.now)
}

// sameRowFacts reports whether two versions of a task agree on everything
// RowOf and closedAt read of it: the incident, the kind, the state, the
// deadline and when it was closed.
func sameRowFacts(a, b Task) bool {
	return a.Incident == b.Incident && a.Kind == b.Kind && a.State == b.State &&
		a.Due.Equal(b.Due) && closingTime(a).Equal(closingTime(b))
}

// syncRow recomputes an incident's row from the incident and its tasks. An
// incident not stored yet (its tasks are made first, in the same
// transaction) has no row yet; a purged incident's row no longer changes.
func syncRow(tx Tx, number string, now time.Time) error {
	inc, err := tx.Incident(number)
	if errors.Is(err, ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	return syncIncidentRow(tx, inc, now)
}

// syncIncidentRow is syncRow of an incident as it is stored in tx.
func syncIncidentRow(tx Tx, inc Incident, now time.Time) error {
	number := inc.Number
	if old, err := tx.Row(number); err == nil && old.Purged {
		return nil
	} else if err != nil && !errors.Is(err, ErrNotFound) {
		return err
	}
	tasks, err := tx.TasksOfIncident(number)
	if err != nil {
		return err
	}
	row := RowOf(inc, tasks)
	if !row.ClosedAt.IsZero() {
		if due, err := followUpDue(tx, number); err != nil {
			return err
		} else if due {
			row.ClosedAt = time.Time{}
		}
	}
	status := StatusOpen
	if !row.ClosedAt.IsZero() {
		status = StatusClosed
	}
	if inc.Status != status {
		inc.Status = status
		if err := tx.PutIncident(inc); err != nil {
			return err
		}
		if _, err := tx.AppendAudit(AuditEntry{At: now, Incident: number, Action: AuditChange, What: "status=" + string(status)}); err != nil {
			return err
		}
	}
	if err := tx.PutRow(row); err != nil {
		return fmt.Errorf("register row of %s: %w", number, err)
	}
	return nil
}
