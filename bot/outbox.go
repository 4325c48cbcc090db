package bot

import "time"

// Outgoing is a message waiting in the outbox. Messages are put in the outbox
// in the same transaction as the change that caused them, so a crash cannot
// separate the two; the Dispatcher delivers them afterwards, in order, with
// retries.
type Outgoing struct {
	ID uint64 `json:"id"`
	// To is the recipient's e-mail address for a new message.
	To Email `json:"to,omitempty"`
	// Ref is set instead of To when the message replaces an earlier one.
	Ref     Ref     `json:"ref,omitempty"`
	Message Message `json:"message"`
	// Tag names what the message shows (e.g. "task:GIR-2026-0001/first_care");
	// once delivered, its reference is recorded under the tag so every copy
	// can be updated later.
	Tag string `json:"tag,omitempty"`
	// Audit holds the audit entries of what the message discloses: the
	// incident data it shows, and to whom. The Dispatcher appends them,
	// dated at delivery, in the transaction that records the message as
	// delivered, so a message that never arrives leaves no entry.
	Audit   []AuditEntry `json:"audit,omitempty"`
	Created time.Time    `json:"created"`
	// Attempts counts failed deliveries; NotBefore delays the next one.
	Attempts  int       `json:"attempts,omitempty"`
	NotBefore time.Time `json:"not_before,omitempty"`
	LastError string    `json:"last_error,omitempty"`
	// Refused is set when the platform refused the recipient for good (see
	// ErrUndeliverable) and the coordinators were told; the message is
	// then tried hourly until it is given up.
	Refused bool `json:"refused,omitempty"`
}

// IsUpdate reports whether the message replaces an earlier one.
func (o Outgoing) IsUpdate() bool { return o.Ref != "" }

// OutboxTx stores the outbox.
type OutboxTx interface {
	// Enqueue adds a message to the end of the outbox and returns its ID.
	Enqueue(o Outgoing) (uint64, error)
	// Outbox returns up to limit waiting messages with an ID above after,
	// oldest first.
	Outbox(after uint64, limit int) ([]Outgoing, error)
	// PutOutgoing stores a changed waiting message (after a failed attempt).
	PutOutgoing(o Outgoing) error
	// DeleteOutgoing removes a delivered message.
	DeleteOutgoing(id uint64) error
	// AddSentRef records that a message with the given tag was delivered to
	// a person as ref; SentRefs returns them, so every copy can be updated.
	AddSentRef(tag string, ref SentRef) error
	SentRefs(tag string) ([]SentRef, error)
}

// SentRef is a delivered message: where it went and its platform reference.
type SentRef struct {
	To  Email `json:"to"`
	Ref Ref   `json:"ref"`
}
