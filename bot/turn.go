package bot

import (
	"errors"
	"time"

	"meldbot/bot/form"
	"meldbot/bot/locale"
)

// turn is the handling of one event: the transaction it runs in, who acts,
// and in which language the bot answers them. Everything a turn sends goes
// into the outbox of its transaction.
type turn struct {
	b      *Bot
	tx     *rowKeeper // stored incidents and tasks keep the register in step
	now    time.Time
	person Person
	tr     locale.Texts
	ref    Ref // the message whose button was clicked, for Action events
	// followUps are the reports this turn sent, whose follow-up comes in
	// a change of its own once the turn is committed (followuplater.go).
	followUps []string
}

func (b *Bot) newTurn(tx Tx, u User) *turn {
	p := b.org.PersonOrGuest(u)
	if p.Name == "" {
		p.Name = u.Name
	}
	now := b.now()
	t := &turn{b: b, tx: keepRows(tx, now), now: now, person: p}
	t.tr = b.texts.In(t.langOf(p.Email))
	return t
}

// langOf returns the language a person has chosen, or their default.
func (t *turn) langOf(email Email) locale.Lang { return t.b.langIn(t.tx, email) }

// textsFor returns the texts in another person's language.
func (t *turn) textsFor(email Email) locale.Texts { return t.b.texts.In(t.langOf(email)) }

// reply sends a message to the person who acts; audit lists what it
// discloses (see disclose.go).
func (t *turn) reply(m Message, audit ...AuditEntry) error {
	return t.send(t.person.Email, m, audit...)
}

// send queues a direct message to someone; audit lists what it discloses,
// appended to the audit trail when it is delivered.
func (t *turn) send(to Email, m Message, audit ...AuditEntry) error {
	_, err := t.tx.Enqueue(Outgoing{To: to, Message: m, Audit: audit, Created: t.now})
	return err
}

// update queues the replacement of an earlier message; audit lists what the
// new version discloses.
func (t *turn) update(ref Ref, m Message, audit ...AuditEntry) error {
	if ref == "" {
		return nil
	}
	_, err := t.tx.Enqueue(Outgoing{Ref: ref, Message: m, Audit: audit, Created: t.now})
	return err
}

// conversation returns the person's conversation in progress, if any.
func (t *turn) conversation() (*Conversation, bool, error) {
	c, err := t.tx.Conversation(t.person.Email)
	if errors.Is(err, ErrNotFound) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	if c.Answers == nil {
		c.Answers = form.Answers{}
	}
	if formOf(c.Form) == nil {
		// A form this version no longer has: end it rather than trip on it.
		t.b.log.Warn().Str("user", string(c.User)).Str("form", c.Form).Msg("ending a conversation of an unknown form")
		if err := t.dropConversation(c); err != nil {
			return nil, false, err
		}
		return t.conversation()
	}
	return &c, true, nil
}

// dropConversation ends a conversation. A report it had parked takes its
// place again, as it was: it is never lost with the form that interrupted
// it.
func (t *turn) dropConversation(c Conversation) error {
	if c.Parked != nil {
		return t.tx.PutConversation(*c.Parked)
	}
	return t.tx.DeleteConversation(c.User)
}
