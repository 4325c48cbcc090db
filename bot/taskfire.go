package bot

import (
	"context"
	"time"
)

// LateAfter is how late a task may fire before its message says so: after
// downtime, what was missed is sent on start, marked late.
const LateAfter = 15 * time.Minute

// FireDue fires every task whose time has come: announcements, reminders,
// the end of a snooze, escalations. Each task fires in its own transaction,
// which re-reads it first, so a task closed in the meantime stays quiet and
// a task never fires twice for the same moment. The follow-up of a report
// that a crash interrupted is done first (followuplater.go), and counts as
// fired. It returns how many fired.
func (b *Bot) FireDue(ctx context.Context) (int, error) {
	fired, err := b.followUpsDue(ctx)
	if err != nil {
		// Tried again next time; the tasks do not wait for it.
		b.log.Error().Err(err).Msg("the follow-up of a report failed")
	}
	for {
		var due []Task
		if err := b.store.View(ctx, func(tx Tx) error {
			var err error
			due, err = tx.DueTasks(b.clock.Now(), 50)
			return err
		}); err != nil {
			return fired, err
		}
		progressed := false
		for _, d := range due {
			var did bool
			err := b.store.Update(ctx, func(tx Tx) error {
				var err error
				did, err = b.systemTurn(tx).fireTask(d.ID)
				return err
			})
			if err != nil {
				return fired, err
			}
			if did {
				fired++
				progressed = true
			}
		}
		if fired > 0 && b.wake != nil {
			b.wake()
		}
		if len(due) < 50 || !progressed {
			return fired, nil
		}
	}
}

// systemTurn is a turn acted by meldbot itself, for timed work.
func (b *Bot) systemTurn(tx Tx) *turn {
	now := b.now()
	t := &turn{b: b, tx: keepRows(tx, now), now: now}
	t.tr = b.texts.In(b.org.LangOf(Person{}))
	return t
}

// fireTask performs the next stage of a task whose time has come, and plans
// the one after: the task clock decides (advance), the turn sends what it
// says. It reports whether anything happened.
func (t *turn) fireTask(id string) (bool, error) {
	task, err := t.tx.Task(id)
	if err != nil {
		return false, err
	}
	if task.Next.IsZero() || task.Next.After(t.now) {
		return false, nil // fired already, or rescheduled
	}
	late := task.Late || t.now.Sub(task.Next) > LateAfter
	inc, err := t.incidentOf(task)
	if err != nil {
		return false, err
	}
	if task.State == TaskScheduled {
		// Planned weeks ago, perhaps: it goes to who cares for the
		// department now, and a deadline an older meldbot put before
		// the start is planned anew.
		t.b.refreshAssignee(&task, inc)
		t.b.replanStored(&task, inc, t.now)
	}
	next, does := t.b.taskClock().advance(task, t.now)
	// A message that waits for working hours still says it is late when
	// it comes.
	next.Late = late && does == waits
	t.b.log.Info().Str("task", task.ID).Str("state", string(task.State)).Str("does", does.String()).Bool("late", late).Msg("task fired")
	if err := t.tx.PutTask(next); err != nil {
		return false, err
	}
	switch does {
	case waits:
		return true, nil
	case announces:
		return true, t.sendTask(next.Assignee, next, t.lateNote(next.Assignee, late, renderTask(next, inc, t.b.org, t.textsFor(next.Assignee))), shownTask)
	case remindsAfterSnooze:
		return true, t.remind(next, inc, "task.reminder.snooze", late)
	case reminds:
		return true, t.remind(next, inc, "task.reminder.due", late)
	case escalates:
		return true, t.escalate(next, inc, late)
	case lapses:
		return true, nil
	}
	return false, nil
}

// lateNote puts "sent late" above a message to someone, when it is.
func (t *turn) lateNote(to Email, late bool, m Message) Message {
	if late {
		m.Text = t.textsFor(to).T("task.late") + "\n" + m.Text
	}
	return m
}

// remind sends the task again to its assignee, under the words of key.
func (t *turn) remind(task Task, inc *Incident, key string, late bool) error {
	tr := t.textsFor(task.Assignee)
	m := renderTask(task, inc, t.b.org, tr)
	m.Text = tr.T(key, "Task", taskTitle(task, tr)) + "\n" + m.Text
	return t.sendTask(task.Assignee, task, t.lateNote(task.Assignee, late, m), shownReminder)
}

// escalate tells the fallback of a task that nobody took it up — the
// other managers and the coordinator — and its assignee that it went to
// them.
func (t *turn) escalate(task Task, inc *Incident, late bool) error {
	assignee := t.b.org.NameOf(task.Assignee)
	for _, to := range task.Fallback {
		tr := t.textsFor(to)
		m := renderTask(task, inc, t.b.org, tr)
		m.Text = tr.T("task.escalation", "Name", assignee, "Task", taskTitle(task, tr)) + "\n" + m.Text
		if err := t.sendTask(to, task, t.lateNote(to, late, m), shownEscalation); err != nil {
			return err
		}
	}
	tr := t.textsFor(task.Assignee)
	var names []string
	for _, to := range task.Fallback {
		names = append(names, t.b.org.NameOf(to))
	}
	return t.send(task.Assignee, Message{Text: tr.T("task.escalated_to_you", "Task", taskTitle(task, tr), "Who", tr.And(names))})
}
