package bot

import (
	"context"
	"errors"

	"meldbot/bot/locale"
)

// ErrNotFound is returned by stores when a record does not exist.
var ErrNotFound = errors.New("not found")

// ErrUnreadable is returned (wrapped) by stores for a record that exists
// but cannot be decoded, or that holds another record than its key names:
// the data file was damaged, or changed past meldbot, there.
var ErrUnreadable = errors.New("the stored record cannot be read")

// Store keeps meldbot's state. All changes happen in transactions: either
// everything in fn is stored, or nothing is. With a context that is done,
// Update and View run nothing and return its error.
type Store interface {
	// Update runs fn in a read-write transaction and commits it when fn
	// returns nil. The commit is durable when Update returns.
	Update(ctx context.Context, fn func(Tx) error) error
	// View runs fn in a read-only transaction.
	View(ctx context.Context, fn func(Tx) error) error
}

// Tx is one transaction over all of meldbot's records. Its methods are grouped
// by record kind; each group is declared next to the record it stores.
// Byte slices and records returned are copies, safe to keep after the
// transaction.
type Tx interface {
	ConversationTx
	IncidentTx
	OutboxTx
	PrefsTx
	TaskTx
	ChecklistTx
	CycleTx
	RegisterTx
	AuditTx
	RetentionTx
	MarkTx
	InboxTx
}

// ConversationTx stores the conversations in progress, one per person.
type ConversationTx interface {
	// Conversation returns the person's conversation, or ErrNotFound.
	Conversation(user Email) (Conversation, error)
	// Conversations returns every conversation in progress.
	Conversations() ([]Conversation, error)
	PutConversation(c Conversation) error
	DeleteConversation(user Email) error
}

// IncidentTx stores the register of incidents.
type IncidentTx interface {
	// NextIncidentSeq returns the next sequence number for year, counting
	// from 1. A number taken by a committed transaction is never returned
	// again.
	NextIncidentSeq(year int) (int, error)
	// Incident returns an incident by its number, or ErrNotFound.
	Incident(number string) (Incident, error)
	PutIncident(inc Incident) error
	// IncidentsOf returns the incidents a person reported or that happened
	// to them (Reporter or Subject), oldest number first.
	IncidentsOf(person Email) ([]Incident, error)
}

// PrefsTx stores a person's own settings.
type PrefsTx interface {
	// Prefs returns the person's settings, or ErrNotFound.
	Prefs(user Email) (Prefs, error)
	PutPrefs(p Prefs) error
}

// Prefs are a person's own settings.
type Prefs struct {
	User Email       `json:"user"`
	Lang locale.Lang `json:"lang,omitempty"`
}

// MarkTx keeps small named values for the chat adapters, such as how far an
// adapter has read a conversation, so that they survive a restart. An
// adapter chooses its keys and starts them with its own name; the bot's
// own start with "bot/" (a report whose follow-up is due).
type MarkTx interface {
	// Mark returns the value stored under key, or "" when there is none.
	Mark(key string) (string, error)
	// PutMark stores value under key; an empty value removes the key.
	PutMark(key, value string) error
	// Marks returns every value stored under a key that starts with
	// prefix, by key.
	Marks(prefix string) (map[string]string, error)
}
