package bot

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// A sent report is saved and acknowledged in the reporter's own turn: the
// reporter hears its number and what happens next as soon as the report
// is on disk. What follows from it — the tasks of the manager and the
// others, and who else is told — is done in a change of its own right
// after (followUpNow), so that a reporter's answer waits neither for that
// work nor for that of the reports sent at the same moment. The report is
// saved together with a mark that its follow-up is due; the follow-up
// removes the mark in its own transaction. A crash in between leaves the
// mark, and FireDue — at start and every half minute — does the follow-up
// then: none is done twice, none is left out.

// followUpMark starts the key of the mark of a report whose follow-up is
// due; the report's number ends it.
const followUpMark = "bot/follow-up/"

// followUpLater marks the follow-up of report number as due, to be done
// once the turn is committed.
func (t *turn) followUpLater(number string) error {
	if err := t.tx.PutMark(followUpMark+number, t.now.UTC().Format(time.RFC3339)); err != nil {
		return err
	}
	t.followUps = append(t.followUps, number)
	return nil
}

// followUpNow does the follow-up of the reports u has just sent, each in
// a change of its own, acted by u. One that fails is logged and left
// marked: FireDue does it.
func (b *Bot) followUpNow(ctx context.Context, u User, numbers []string) {
	if len(numbers) == 0 {
		return // most turns send no report
	}
	// The reporter has had the answer: the follow-up is done also when
	// the event's context ends meanwhile, and nobody waits for it.
	ctx = Unhurried(context.WithoutCancel(ctx))
	for _, n := range numbers {
		err := b.followUpReport(ctx, n, func(tx Tx) *turn { return b.newTurn(tx, u) })
		if err != nil {
			b.log.Error().Err(err).Str("incident", n).Msg("the follow-up of a report failed; it is done with the due tasks")
		}
	}
	if b.wake != nil {
		b.wake()
	}
}

// followUpsDue does the follow-ups that are due still — a crash came
// between a report and its follow-up, or the follow-up failed — as meldbot
// itself, and returns how many it did. One that fails does not keep the
// others from being done; the first error is returned.
func (b *Bot) followUpsDue(ctx context.Context) (int, error) {
	var numbers []string
	if err := b.store.View(ctx, func(tx Tx) error {
		marks, err := tx.Marks(followUpMark)
		for k := range marks {
			numbers = append(numbers, strings.TrimPrefix(k, followUpMark))
		}
		return err
	}); err != nil {
		return 0, err
	}
	slices.Sort(numbers)
	done := 0
	var first error
	for _, n := range numbers {
		if err := b.followUpReport(ctx, n, b.systemTurn); err != nil {
			first = cmp.Or(first, fmt.Errorf("report %s: %w", n, err))
			continue
		}
		done++
	}
	return done, first
}

// followUpReport does the follow-up of report number in one change,
// unless it is not due (done already). The report's register row is
// brought up to date once, after its tasks are stored.
func (b *Bot) followUpReport(ctx context.Context, number string, turnIn func(Tx) *turn) error {
	return b.store.Update(ctx, func(tx Tx) error {
		if due, err := followUpDue(tx, number); err != nil || !due {
			return err
		}
		t := turnIn(tx)
		inc, err := t.tx.Incident(number)
		if errors.Is(err, ErrNotFound) {
			return tx.PutMark(followUpMark+number, "") // removed since
		}
		if err != nil {
			return err
		}
		// The mark goes first, in the same change: the row made after the
		// follow-up may count the report as closed (see followUpDue).
		if err := tx.PutMark(followUpMark+number, ""); err != nil {
			return err
		}
		return t.tx.holdingRow(number, func() error { return t.followUp(&inc) })
	})
}

// followUpDue reports whether the follow-up of report number is still to
// come. Such a report has duties to come: it is not closed, whatever its
// tasks so far say.
func followUpDue(tx Tx, number string) (bool, error) {
	due, err := tx.Mark(followUpMark + number)
	return due != "", err
}
