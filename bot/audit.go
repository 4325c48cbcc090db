package bot

import (
	"time"
)

// AuditAction is what an entry of the audit trail records.
type AuditAction string

// The actions of the audit trail.
const (
	AuditCreate   AuditAction = "create"   // the incident was registered
	AuditChange   AuditAction = "change"   // something about it was recorded or changed
	AuditRead     AuditAction = "read"     // someone asked to see it and was shown it (To)
	AuditShown    AuditAction = "shown"    // a message meldbot sent showed it to someone (To)
	AuditDenied   AuditAction = "denied"   // someone asked to see it and was not allowed
	AuditPurge    AuditAction = "purge"    // its personal data was removed after the retention period
	AuditImport   AuditAction = "import"   // it was carried over from elsewhere
	AuditOverview AuditAction = "overview" // an overview of the register was made (no incident)
	AuditExport   AuditAction = "export"   // the register was exported (no incident)
)

// AuditEntry is one line of the audit trail: who did what with an
// incident, or with the register as a whole, and when. The trail is only
// ever appended to; meldbot offers no way to change or remove an entry.
type AuditEntry struct {
	Seq uint64    `json:"seq"` // given by the store, in order of appending
	At  time.Time `json:"at"`
	// By is the e-mail address of who acted; empty for meldbot itself.
	By Email `json:"by,omitempty"`
	// To is the e-mail address of the person an incident's data was shown
	// to, for the entries of a disclosure (AuditShown, AuditRead).
	To Email `json:"to,omitempty"`
	// Incident is the register number; empty for the register as a whole.
	Incident string      `json:"incident,omitempty"`
	Action   AuditAction `json:"action"`
	// What says more: the command a read came from, what was recorded, the
	// period of an overview. It never holds the content of a report.
	What string `json:"what,omitempty"`
	// Prev links the entry to the one before it: that entry's Hash, ""
	// for the first entry of the trail. The store sets it when it appends
	// the entry, so an entry changed, removed or moved afterwards breaks
	// the chain (see docs/architecture.md, "The audit trail").
	Prev string `json:"prev,omitempty"`
}

// AuditTx stores the audit trail. It has no method to change or remove an
// entry: that is what makes the trail trustworthy.
type AuditTx interface {
	// AppendAudit adds an entry at the end of the trail and returns its
	// sequence number, one higher than that of the entry before it (the
	// first is 1). It sets the entry's Seq and Prev: the Hash of the entry
	// before it.
	AppendAudit(e AuditEntry) (uint64, error)
	// AuditOf returns the entries about an incident, oldest first; ""
	// returns the entries about the register as a whole.
	AuditOf(number string) ([]AuditEntry, error)
	// AuditBy returns the entries of what a person did or was shown (By or
	// To), oldest first.
	AuditBy(person Email) ([]AuditEntry, error)
}

// saveIncident stores a new or changed incident and appends what changed to
// the audit trail, in the turn's transaction. Every change of an incident
// goes through here: the turn's transaction refuses any other; what names
// the change, e.g. "police_outcome" or "first_care".
func (t *turn) saveIncident(inc Incident, action AuditAction, what string) error {
	entry := AuditEntry{At: t.now, By: t.person.Email, Incident: inc.Number, Action: action, What: what}
	return t.tx.saveIncident(inc, entry)
}
