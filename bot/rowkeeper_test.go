package bot

import (
	"errors"
	"testing"
	"time"

	"meldbot/bot/register"
)

// storingTx is a transaction that records what is stored in it; the rest of
// Tx is not used.
type storingTx struct {
	Tx
	incidents []Incident
	audit     []AuditEntry
}

func (tx *storingTx) PutIncident(inc Incident) error {
	tx.incidents = append(tx.incidents, inc)
	return nil
}
func (tx *storingTx) Incident(string) (Incident, error)      { return Incident{}, ErrNotFound }
func (tx *storingTx) Row(string) (register.Row, error)       { return register.Row{}, ErrNotFound }
func (tx *storingTx) TasksOfIncident(string) ([]Task, error) { return nil, nil }
func (tx *storingTx) PutRow(register.Row) error              { return nil }
func (tx *storingTx) AppendAudit(e AuditEntry) (uint64, error) {
	tx.audit = append(tx.audit, e)
	return uint64(len(tx.audit)), nil
}

// Every change of an incident is in the audit trail, by construction: the
// transaction a turn works in stores an incident only together with its
// entry, and refuses to store one without.
func TestAnIncidentIsStoredOnlyWithItsAuditEntry(t *testing.T) {
	now := time.Date(2026, 11, 27, 15, 0, 0, 0, time.UTC)
	tx := &storingTx{}
	k := keepRows(tx, now)
	inc := Incident{Number: "GIR-2026-0001", Status: StatusOpen}
	if err := k.PutIncident(inc); !errors.Is(err, errUnaudited) || len(tx.incidents) != 0 {
		t.Errorf("storing without an audit entry: %v, stored %d", err, len(tx.incidents))
	}
	entry := AuditEntry{At: now, By: "peter.bakker@voorbeeldrode.nl", Incident: inc.Number, Action: AuditChange, What: "analysis"}
	if err := k.saveIncident(inc, entry); err != nil {
		t.Fatal(err)
	}
	if len(tx.incidents) != 1 || len(tx.audit) != 1 || tx.audit[0] != entry {
		t.Errorf("stored %d incidents with the trail %+v", len(tx.incidents), tx.audit)
	}
	other := entry
	other.Incident = "GIR-2026-0002"
	if err := k.saveIncident(inc, other); !errors.Is(err, errUnaudited) {
		t.Errorf("an entry about another incident was taken for this one: %v", err)
	}
	if err := k.PutIncident(inc); !errors.Is(err, errUnaudited) {
		t.Errorf("after a save, storing without an entry: %v", err)
	}
}
