package bot

import (
	"context"
	"maps"
	"time"

	"meldbot/bot/form"
	"meldbot/bot/register"
)

// RetentionTx removes what may no longer be kept.
type RetentionTx interface {
	// ForgetTask removes a task and its index entries. Task IDs can hold
	// e-mail addresses, so a task cannot be kept without them.
	ForgetTask(id string) error
	// ForgetSentRefs removes the references of the messages delivered
	// under a tag (who got them, where).
	ForgetSentRefs(tag string) error
	// TasksWithPrefix returns the tasks whose ID starts with prefix, in
	// order of ID. Every task that follows an incident has an ID that
	// starts with its number and a slash, also one kept off the incident
	// (a witness's talk request), so this finds them all.
	TasksWithPrefix(prefix string) ([]Task, error)
}

// PurgeOptions say how to purge.
type PurgeOptions struct {
	// DryRun reports what would be removed and changes nothing.
	DryRun bool
	// By is who asks for the purge, for the audit trail; empty for
	// meldbot's own daily purge.
	By string
}

// PurgeResult says what a purge removed, or on a dry run would remove.
type PurgeResult struct {
	// Years is the retention period applied (RegisterSettings.RetentionYears
	// or its default).
	Years int
	// Before is the retention limit: incidents closed before it are purged.
	Before time.Time
	// Purged are the incidents whose personal data was (or would be)
	// removed, in order of when they happened.
	Purged []string
	// StillOpen are incidents that happened before the limit but are not
	// closed — a duty is still open — so their data is kept.
	StillOpen []string
}

// purgeBatch is how many incidents one transaction purges.
const purgeBatch = 100

// Purge removes the personal data of every incident closed longer ago than
// the retention period (RegisterSettings.RetentionYears, default five
// years): the names and e-mail addresses of the reporter and the person it
// happened to, the description, the other party's name, the witnesses, the
// police references (as reported and as recorded), the free text of the analysis, the guard's evaluation
// and the reason of a measure, and every task that followed the incident
// with its history — also those not linked to it, such as a witness's
// request for a talk. Each incident is checked again in the transaction
// that purges it: one reopened in the meantime keeps its data.
// What the overviews count stays: the incident's register row is kept as it
// was, so every overview gives the same figures before and after. Each purge
// is in the audit trail. The running bot calls it daily; `meldbot purge`
// calls it by hand (with DryRun to look first).
func (b *Bot) Purge(ctx context.Context, opts PurgeOptions) (PurgeResult, error) {
	now := b.now()
	years := b.org.retentionYears()
	res := PurgeResult{Years: years, Before: now.AddDate(-years, 0, 0)}
	err := b.store.View(ctx, func(tx Tx) error {
		return tx.EachRow(time.Time{}, res.Before, func(r register.Row) error {
			switch {
			case r.Purged:
			case r.ClosedAt.IsZero():
				res.StillOpen = append(res.StillOpen, r.Number)
			case r.ClosedAt.Before(res.Before):
				res.Purged = append(res.Purged, r.Number)
			}
			return ctx.Err()
		})
	})
	if err != nil || opts.DryRun {
		return res, err
	}
	candidates := res.Purged
	res.Purged = nil
	for i := 0; i < len(candidates); i += purgeBatch {
		batch := candidates[i:min(i+purgeBatch, len(candidates))]
		var purged, open []string
		if err := b.store.Update(ctx, func(tx Tx) error {
			purged, open = nil, nil
			t := b.systemTurn(tx)
			t.person = Person{Email: Email(opts.By)}
			for _, number := range batch {
				r, err := tx.Row(number)
				if err != nil {
					return err
				}
				switch {
				case r.Purged:
					continue
				case r.ClosedAt.IsZero():
					open = append(open, number)
					continue
				case !r.ClosedAt.Before(res.Before):
					continue
				}
				if err := t.purge(r); err != nil {
					return err
				}
				purged = append(purged, number)
			}
			return nil
		}); err != nil {
			return res, err
		}
		res.Purged = append(res.Purged, purged...)
		res.StillOpen = append(res.StillOpen, open...)
	}
	if len(res.Purged) > 0 {
		b.log.Info().Int("incidents", len(res.Purged)).Time("closed_before", res.Before).Msg("personal data removed after the retention period")
	}
	return res, nil
}

// purge removes the personal data of one incident, given its row as the
// register keeps it. The row is frozen first, so storing the stripped
// incident does not recompute it from what is gone. Every task of the
// incident, and every one kept off it, has an ID that starts with the
// number and a slash.
func (t *turn) purge(row register.Row) error {
	inc, err := t.tx.Incident(row.Number)
	if err != nil {
		return err
	}
	row.Purged = true
	if err := t.tx.PutRow(row); err != nil {
		return err
	}
	tasks, err := t.tx.TasksWithPrefix(row.Number + "/")
	if err != nil {
		return err
	}
	for _, task := range tasks {
		if err := t.tx.ForgetTask(task.ID); err != nil {
			return err
		}
		if err := t.tx.ForgetSentRefs(taskTag(task.ID)); err != nil {
			return err
		}
	}
	return t.saveIncident(stripped(inc, t.now), AuditPurge, "")
}

// stripped returns the incident without personal data: what remains says
// what happened, where, when and how it was handled, not who or in what
// words.
// What is personal is what the forms say is: every answer whose Record is
// personal goes, of the report and of the follow-up alike.
func stripped(inc Incident, now time.Time) Incident {
	inc.Reporter, inc.ReporterName, inc.Subject, inc.SubjectName = "", "", "", ""
	inc.FirstCareBy, inc.CareGivenBy = "", ""
	inc.Report = withoutPersonal(inc.Report, reportForm.Steps)
	for _, f := range taskForms {
		inc.Recorded = withoutPersonal(inc.Recorded, f.Steps)
	}
	inc.PurgedAt = now
	return inc
}

// withoutPersonal returns a copy of answers without those to the questions
// among steps whose answer is personal data.
func withoutPersonal(answers form.Answers, steps []step) form.Answers {
	if answers == nil {
		return nil
	}
	out := maps.Clone(answers)
	for _, s := range steps {
		if s.Record.Personal {
			delete(out, s.ID)
		}
	}
	return out
}
