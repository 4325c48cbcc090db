package bot

import (
	"context"
	"strings"
	"time"
)

// LateAfter is how late a task may fire before its message says so: after
// downtime, what was missed is sent on start, marked late.
const LateAfter = 15 * time.Minute

// FireDue fires every task whose time has come: announcements, reminders,
// the end of a snooze, escalations. Each task fires in its own transaction,
// which re-reads it first, so a task closed in the meantime stays quiet and
// a task never fires twice for the same moment. It returns how many fired.
func (b *Bot) FireDue(ctx context.Context) (int, error) {
	fired := 0
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
// the one after. It reports whether anything happened.
func (t *turn) fireTask(id string) (bool, error) {
	task, err := t.tx.Task(id)
	if err != nil {
		return false, err
	}
	if task.Next.IsZero() || task.Next.After(t.now) {
		return false, nil // fired already, or rescheduled
	}
	if task.Closed() {
		task.Next = time.Time{}
		return false, t.tx.PutTask(task)
	}
	late := t.now.Sub(task.Next) > LateAfter
	inc, err := t.incidentOf(task)
	if err != nil {
		return false, err
	}
	log := t.b.log.Info().Str("task", task.ID).Str("state", string(task.State)).Bool("late", late)
	switch {
	case task.State == TaskScheduled:
		log.Msg("task announced")
		t.b.refreshAssignee(&task, inc)
		return true, t.announce(&task, inc, late)
	case task.Kind == TaskCheckIn:
		// A check-in asks, it never chases: unanswered, it lapses quietly.
		// It stays open — nobody decided it was not needed — so its buttons
		// keep working; it is no duty, so it keeps no incident open.
		task.Next = time.Time{}
		task.log(t.now, "", "lapsed", "no answer")
		log.Msg("check-in lapsed without an answer")
		return true, t.tx.PutTask(task)
	case task.State == TaskSnoozed:
		// The snooze reminder counts as the reminder; an open task gets
		// another full window before it is escalated.
		task.State, task.SnoozedFrom, task.Reminded = task.SnoozedFrom, "", true
		switch {
		case task.Due.After(t.now):
			task.Next = t.b.fireAt(task, task.Due)
		case task.State == TaskOpen:
			fresh := task
			fresh.Due = t.now
			task.Next = t.b.escalateAt(fresh)
		default:
			// Taken up or escalated already: chased again only when it
			// repeats its reminder (a defect, F3).
			task.Next = t.b.nextAfterReminder(task, t.now)
		}
		task.log(t.now, "", "snooze_ended", "")
		log.Msg("snooze ended")
		return true, t.remind(task, inc, "task.reminder.snooze", late)
	case !task.Reminded && !(task.State == TaskOpen && !t.b.escalateAt(task).After(t.now)):
		task.Reminded = true
		task.Next = t.b.nextAfterReminder(task, t.now)
		task.log(t.now, "", "reminded", "")
		log.Msg("task reminded")
		return true, t.remind(task, inc, "task.reminder.due", late)
	case task.State == TaskOpen:
		log.Msg("task escalated")
		return true, t.escalate(task, inc, late)
	case task.RemindEvery > 0:
		// Chased until done: a defect stays open until it is fixed (F3).
		task.Next = t.b.fireAt(task, t.now.Add(task.RemindEvery))
		task.log(t.now, "", "reminded", "")
		log.Msg("task reminded again")
		return true, t.remind(task, inc, "task.reminder.due", late)
	}
	task.Next = time.Time{}
	return false, t.tx.PutTask(task)
}

// nextAfterReminder is when a task fires after its reminder: its
// escalation while nobody took it up, or never.
func (b *Bot) nextAfterReminder(task Task, now time.Time) time.Time {
	if task.State != TaskOpen {
		if task.RemindEvery > 0 {
			return b.fireAt(task, now.Add(task.RemindEvery))
		}
		return time.Time{}
	}
	if at := b.escalateAt(task); at.After(now) {
		return at
	}
	return now
}

// remind sends the task again to its assignee.
func (t *turn) remind(task Task, inc *Incident, key string, late bool) error {
	if err := t.tx.PutTask(task); err != nil {
		return err
	}
	tr := t.textsFor(task.Assignee)
	m := renderTask(task, inc, t.b.org, tr)
	m.Text = tr.T(key) + "\n" + m.Text
	if late {
		m.Text = tr.T("task.late") + "\n" + m.Text
	}
	return t.sendTask(task.Assignee, task, m, shownReminder)
}

// escalate gives an open task that nobody took up to the fallback: the
// other managers and the coordinator. The assignee hears of it too. With
// nobody to pass it on to, the task stays open with the assignee, who is
// reminded instead; its history says so once.
func (t *turn) escalate(task Task, inc *Incident, late bool) error {
	task.State, task.Reminded, task.Next = TaskEscalated, true, time.Time{}
	if task.RemindEvery > 0 {
		task.Next = t.b.fireAt(task, t.now.Add(task.RemindEvery))
	}
	if len(task.Fallback) == 0 {
		task.State = TaskOpen
		if task.logged("not_escalated") {
			task.log(t.now, "", "reminded", "")
		} else {
			task.log(t.now, "", "not_escalated", "no fallback")
		}
		return t.remind(task, inc, "task.reminder.due", late)
	}
	task.log(t.now, "", "escalated", "")
	task.watch(task.Fallback...)
	if err := t.tx.PutTask(task); err != nil {
		return err
	}
	assignee := t.b.org.NameOf(task.Assignee)
	for _, to := range task.Fallback {
		tr := t.textsFor(to)
		m := renderTask(task, inc, t.b.org, tr)
		m.Text = tr.T("task.escalation", "Name", assignee) + "\n" + m.Text
		if late {
			m.Text = tr.T("task.late") + "\n" + m.Text
		}
		if err := t.sendTask(to, task, m, shownEscalation); err != nil {
			return err
		}
	}
	tr := t.textsFor(task.Assignee)
	var names []string
	for _, to := range task.Fallback {
		names = append(names, t.b.org.NameOf(to))
	}
	return t.send(task.Assignee, Message{Text: tr.T("task.escalated_to_you", "Task", taskTitle(task, tr), "Who", strings.Join(names, ", "))})
}
