package bot

import (
	"context"
	"errors"
	"fmt"
)

// ErrUndeliverable is what Chat.Send returns (wrapped) when the chat
// platform refuses the recipient for good: nobody has the e-mail address,
// the account is deactivated, the person cannot be sent direct messages.
// Trying again in a few minutes would not help and would hold back every
// later message to that person, so the outbox tells the coordinators,
// tries again hourly in case the cause is put right, and gives the message
// up after a week.
var ErrUndeliverable = errors.New("the chat platform does not deliver to this person")

// ErrNoSuchPerson is the ErrUndeliverable of an e-mail address nobody on the
// chat platform has: a mistake in the organisation file, or someone who
// left.
var ErrNoSuchPerson = fmt.Errorf("%w: nobody with this e-mail address on the chat platform", ErrUndeliverable)

// Chat is what the bot needs from a chat platform. Implementations live in
// adapters/; they resolve e-mail addresses to their own user IDs.
type Chat interface {
	// Run delivers incoming events to h until ctx is cancelled or the
	// connection fails for good. Adapters acknowledge platform requests
	// at the edge, quickly, and call h for the work.
	Run(ctx context.Context, h Handler) error
	// Send delivers m as a direct message to the person with e-mail address
	// to, and returns a reference to the sent message. d identifies the
	// message and says whether an earlier attempt may have posted it
	// already (see Delivery). When the platform refuses the recipient for
	// good, the error wraps ErrUndeliverable (ErrNoSuchPerson for an
	// unknown address); any other error is taken to be temporary, and the
	// message is tried again soon.
	Send(ctx context.Context, to Email, m Message, d Delivery) (Ref, error)
	// Update replaces the content of a message sent earlier, e.g. to show
	// the choice that was made instead of the buttons; d is as for Send.
	Update(ctx context.Context, ref Ref, m Message, d Delivery) error
}

// Handler receives the events a Chat delivers. *Bot implements it.
type Handler interface {
	// Handle processes one event. When it returns nil, the new state and
	// every message it causes are stored; delivery follows through the
	// outbox.
	Handle(ctx context.Context, ev Event) error
	// CommandAck returns the short text an adapter may show at once as the
	// reply to a slash command, in the person's language.
	CommandAck(ctx context.Context, u User) string
	// FailureNotice returns the text an adapter shows a person whose
	// message or click could not be handled, even after trying again:
	// nothing of it was kept and they may send it again. In the person's
	// language.
	FailureNotice(ctx context.Context, u User) string
	// Unidentified returns the text an adapter shows someone whose e-mail
	// address the platform does not give (an account without one, a guest
	// or someone of another organisation): meldbot knows people by address,
	// so it cannot take their report. In the organisation's language.
	Unidentified(ctx context.Context) string
}
