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
// conversations untouched for DraftsKeptFor. Each conversation is handled in
// its own transaction, re-read first, so one answered meanwhile is left
// alone. It returns how many conversations it reminded or removed.
func (b *Bot) TidyDrafts(ctx context.Context) (int, error) {
	var all []Conversation
	if err := b.store.View(ctx, func(tx Tx) error {
		var err error
		all, err = tx.Conversations()
		return err
	}); err != nil {
		return 0, err
	}
	done := 0
	for _, c := range all {
		did := false
		err := b.store.Update(ctx, func(tx Tx) error {
			var err error
			did, err = b.systemTurn(tx).tidyDraft(c.User)
			return err
		})
		if err != nil {
			return done, err
		}
		if did {
			done++
		}
	}
	if done > 0 && b.wake != nil {
		b.wake()
	}
	return done, nil
}

func (t *turn) tidyDraft(user string) (bool, error) {
	c, err := t.tx.Conversation(user)
	if errors.Is(err, ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	age := t.now.Sub(c.Updated)
	tr := t.textsFor(c.User)
	report := c.isReport()
	switch {
	case age > DraftsKeptFor:
		if err := t.tx.DeleteConversation(c.User); err != nil {
			return false, err
		}
		t.b.log.Info().Str("user", c.User).Msg("an unfinished conversation was removed")
		if !report {
			return true, nil
		}
		return true, t.send(c.User, Message{Text: tr.T("draft.removed", "Started", formatTime(tr, c.Started))})
	case report && !c.Reminded && age > draftReminderAfter:
		c.Reminded = true
		if err := t.tx.PutConversation(c); err != nil {
			return false, err
		}
		days := int((DraftsKeptFor - age).Hours() / 24)
		return true, t.send(c.User, Message{Text: tr.T("draft.reminder", "Started", formatTime(tr, c.Started), "Days", days),
			Choices: []Choice{{Label: tr.T("draft.continue"), Value: valueStart, Style: StylePrimary}}})
	}
	return false, nil
}
