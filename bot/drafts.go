package bot

import (
	"context"
	"errors"
	"time"
)

// An unfinished report holds what the reporter told so far — often personal
// and painful — so it is neither forgotten nor kept for ever: a day after
// the last answer the reporter is reminded once, and after DraftsKeptFor it
// is removed.
const (
	draftReminderAfter = 24 * time.Hour
	// DraftsKeptFor is how long an unfinished conversation is kept.
	DraftsKeptFor = 30 * 24 * time.Hour
)

// TidyDrafts reminds people of reports they left unfinished and removes
// conversations untouched for DraftsKeptFor. Only a conversation that is
// due is written to, each in its own transaction that re-reads it first, so
// one answered meanwhile is left alone. It returns how many conversations
// it reminded or removed.
func (b *Bot) TidyDrafts(ctx context.Context) (int, error) {
	now := b.now()
	var due []Email
	if err := b.store.View(ctx, func(tx Tx) error {
		all, err := tx.Conversations()
		if err != nil {
			return err
		}
		for _, c := range all {
			if draftDue(c, now) {
				due = append(due, c.User)
			}
		}
		return nil
	}); err != nil {
		return 0, err
	}
	done := 0
	for _, user := range due {
		did, err := b.systemUpdate(ctx, func(t *turn) (bool, error) { return t.tidyDraft(user) })
		if err != nil {
			return done, err
		}
		if did {
			done++
		}
	}
	return done, nil
}

// draftDue reports whether an unfinished conversation is to be removed, or
// its reporter reminded of it, at now.
func draftDue(c Conversation, now time.Time) bool {
	age := now.Sub(c.Updated)
	return age > DraftsKeptFor || (c.isReport() && !c.Reminded && age > draftReminderAfter)
}

// tidyDraft removes the person's conversation or reminds them of it, when
// that is due.
func (t *turn) tidyDraft(user Email) (bool, error) {
	c, err := t.tx.Conversation(user)
	if errors.Is(err, ErrNotFound) {
		return false, nil
	}
	if err != nil || !draftDue(c, t.now) {
		return false, err
	}
	age := t.now.Sub(c.Updated)
	tr := t.textsFor(c.User)
	if age > DraftsKeptFor {
		if err := t.dropConversation(c); err != nil {
			return false, err
		}
		t.b.log.Info().Str("user", string(c.User)).Msg("an unfinished conversation was removed")
		if !c.isReport() {
			return true, nil
		}
		return true, t.send(c.User, Message{Text: tr.T("draft.removed", "Started", tr.Time(c.Started))})
	}
	c.Reminded = true
	if err := t.tx.PutConversation(c); err != nil {
		return false, err
	}
	days := int((DraftsKeptFor - age).Hours() / 24)
	return true, t.send(c.User, Message{Text: tr.T("draft.reminder", "Started", tr.Time(c.Started), "Count", days),
		Choices: []Choice{{Label: tr.T("draft.continue"), Value: startValue(), Style: StylePrimary}}})
}
