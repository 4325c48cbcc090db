package bot

import (
	"context"
	"errors"
	"fmt"
	"time"

	"meldbot/bot/calendar"
	"meldbot/bot/policy"
	"meldbot/bot/register"
)

// CycleTx stores the state of the policy cycle.
type CycleTx interface {
	// CycleSince returns when the cycle first ran, or the zero time.
	CycleSince() (time.Time, error)
	// SetCycleSince records when the cycle first ran.
	SetCycleSince(t time.Time) error
}

// CycleSince returns when the policy cycle first ran on this data file,
// and records now as that moment when it never did. Occurrences planned
// before it are never caught up on: a new installation does not start with
// a backlog.
func (b *Bot) CycleSince(ctx context.Context) (time.Time, error) {
	var since time.Time
	err := b.store.Update(ctx, func(tx Tx) error {
		var err error
		if since, err = tx.CycleSince(); err != nil || !since.IsZero() {
			return err
		}
		since = b.clock.Now()
		return tx.SetCycleSince(since)
	})
	return since, err
}

// Scopes returns the scopes a duty comes for: the organisation, every
// department, or every location where someone of the duty's role works (a
// guard's quarterly review only where there is a guard). When nobody in the
// organisation has the role, every location counts and the coordinator is
// asked instead.
func (b *Bot) Scopes(d policy.Duty) []string {
	switch d.Scope {
	case policy.ScopeLocation:
		anyone := len(b.org.WithRole(d.Role)) > 0
		var out []string
		for _, l := range b.org.Locations {
			if !anyone || len(b.org.atLocation(d.Role, l.ID)) > 0 {
				out = append(out, l.ID)
			}
		}
		return out
	case policy.ScopeDepartment:
		var out []string
		for _, dep := range b.org.Departments {
			out = append(out, dep.ID)
		}
		return out
	}
	return []string{""}
}

// StartOccurrence asks the people of a duty's role in its scope to carry it
// out, once: when a task with the occurrence's key exists, nothing happens
// and it returns false. It returns false too when there is nobody to ask (no
// one with the role and no coordinator); the log says so, and the next try
// asks again. The key is stored in the same transaction as the message, so
// a restart halfway through a month's prompts sends the rest and repeats
// none.
func (b *Bot) StartOccurrence(ctx context.Context, occ policy.Occurrence) (bool, error) {
	// Most calls find the occurrence started: a read decides that without
	// the write (and disk sync) of an update.
	var seen bool
	if err := b.store.View(ctx, func(tx Tx) (err error) { seen, err = occurrenceStarted(tx, occ); return err }); err != nil || seen {
		return false, err
	}
	return b.systemUpdate(ctx, func(t *turn) (bool, error) {
		if seen, err := occurrenceStarted(t.tx, occ); err != nil || seen {
			return false, err
		}
		return t.startOccurrence(occ)
	})
}

// occurrenceStarted reports whether the task of an occurrence exists.
func occurrenceStarted(tx Tx, occ policy.Occurrence) (bool, error) {
	_, err := tx.Task(occ.Key())
	if errors.Is(err, ErrNotFound) {
		return false, nil
	}
	return err == nil, err
}

// startOccurrence sends a duty's task, and reports false when there is
// nobody to send it to.
func (t *turn) startOccurrence(occ policy.Occurrence) (bool, error) {
	d := occ.Duty
	assignee, fallback := t.dutyPeople(d, occ.Scope)
	if assignee == "" {
		t.b.log.Warn().Str("occurrence", occ.Key()).Msg("nobody to ask for a duty; is there a coordinator?")
		return false, nil
	}
	start := t.b.cal.NextWorkingMoment(t.now)
	due := dutyDue(t.b.cal, start, d.DueWorkingDays)
	kind := TaskDuty
	if d.Kind == policy.DutyAlarmTest {
		kind = TaskAlarmTest
	}
	task := Task{ID: occ.Key(), Kind: kind, Row: d.Row, Title: d.Title, Body: d.Body,
		Assignee: assignee, Fallback: fallback, Start: start, Due: due,
		EscalateAfter: d.EscalateAfter, Note: t.scopeName(d, occ.Scope), Period: occ.Period}
	late := t.now.Sub(occ.At) > LateAfter
	if err := t.addTask(task, nil, late); err != nil {
		return false, err
	}
	t.b.log.Info().Str("occurrence", occ.Key()).Str("to", string(assignee)).Bool("late", late).Msg("duty of the cycle sent")
	return true, t.dutyAttachment(task, occ)
}

// dutyDue returns the deadline of a duty of n working days that starts at
// start, a working moment: the close of the last of them, the day it
// starts counting as the first (a duty has at least one).
func dutyDue(cal *calendar.Calendar, start time.Time, n int) time.Time {
	return cal.AddWorkingDays(cal.StartOfWorkingDay(start), max(n, 1))
}

// dutyPeople returns who is asked to carry out a duty in a scope, and who
// hears when it is not done: the coordinators, or for the coordinator's own
// duties the town clerk.
func (t *turn) dutyPeople(d policy.Duty, scope string) (Email, []Email) {
	org := t.b.org
	var people []Email
	switch {
	case d.Scope == policy.ScopeLocation:
		people = org.atLocation(d.Role, scope)
	case d.Scope == policy.ScopeDepartment && (d.Role == policy.RoleManager || d.Role == policy.RoleDeputy):
		people = append(emails(org.Managers(scope)), emails(org.Deputies(scope))...)
	default:
		people = emails(org.WithRole(d.Role))
	}
	if d.Role == policy.RoleCoordinator {
		clerks := emails(org.WithRole(policy.RoleTownClerk))
		if len(people) == 0 {
			return org.split(clerks)
		}
		return people[0], append(people[1:], clerks...)
	}
	return org.split(people)
}

// scopeName names a scope for people: the location or department name.
func (t *turn) scopeName(d policy.Duty, scope string) string {
	if l, ok := t.b.org.Location(scope); ok && d.Scope == policy.ScopeLocation {
		return l.Name
	}
	if dep, ok := t.b.org.Department(scope); ok && d.Scope == policy.ScopeDepartment {
		return dep.Name
	}
	return ""
}

// dutyAttachment sends what a duty brings with it: the overview of the past
// period for the coordinator and the reports to the board (C6, S7, S8, C1,
// B6), a department's trends for its manager (C7), the incidents of a
// location for its security guard (G10). Who is not a coordinator sees
// small numbers as "< 5".
func (t *turn) dutyAttachment(task Task, occ policy.Occurrence) error {
	var sc register.Scope
	switch occ.Duty.Kind {
	case policy.DutyOverview:
	case policy.DutyTrends:
		sc.Department = occ.Scope
	case policy.DutyLocation:
		sc.Location = occ.Scope
	default:
		return nil
	}
	cur, err := register.ParsePeriod(occ.Period, t.now)
	if err != nil {
		return fmt.Errorf("duty %s: %w", occ.Key(), err)
	}
	return t.sendOverview(task.Assignee, cur.Previous(), sc)
}
