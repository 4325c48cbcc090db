package bot

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"meldbot/bot/locale"
)

// snoozeChoices are the delays offered by "later".
var snoozeChoices = []string{"1h", "tomorrow", "week"}

// taskAction handles a button of a task message ("t:<task>:<action>"). A
// task that does not exist and one the person may not act on get the same
// answer: a button does not tell whether a task is there.
func (t *turn) taskAction(id, action string) error {
	task, err := t.tx.Task(id)
	if err != nil && !errors.Is(err, ErrNotFound) {
		return err
	}
	if err != nil || !task.MayAct(t.person.Email, t.b.org) {
		return t.reply(Message{Text: t.tr.T("task.unavailable")})
	}
	if task.Closed() {
		inc, _ := t.incidentOf(task)
		if err := t.update(t.ref, renderTask(task, inc, t.b.org, t.tr), taskShown(task, t.person.Email, shownTaskUpdate)...); err != nil {
			return err
		}
		return t.reply(Message{Text: t.tr.T("task.already_closed")})
	}
	kind, arg, _ := strings.Cut(action, "=")
	if !offered(task, kind, t.tr) {
		// A button of an earlier state of the task (taken up already,
		// say), or one a task of its kind never has: it changes nothing,
		// and the clicked message shows the task as it is.
		inc, err := t.incidentOf(task)
		if err != nil {
			return err
		}
		if err := t.update(t.ref, renderTask(task, inc, t.b.org, t.tr), taskShown(task, t.person.Email, shownTaskUpdate)...); err != nil {
			return err
		}
		return t.reply(Message{Text: t.tr.T("task.stale_action")})
	}
	switch kind {
	case "ack":
		return t.acknowledge(task)
	case "done":
		if f := task.spec().form; f != "" {
			return t.startTaskForm(task, f)
		}
		return t.complete(task, nil, "")
	case "later":
		return t.askSnooze(task)
	case "snooze":
		return t.snooze(task, arg)
	case "not_needed":
		return t.startTaskForm(task, "not_needed")
	case "fine", "talk":
		return t.checkInAnswer(task, kind)
	case "ok":
		return t.complete(task, map[string]string{"result": "ok"}, "ok")
	case "defect":
		return t.startTaskForm(task, "defect")
	}
	return t.reply(Message{Text: t.tr.T("action.unknown")})
}

// offered reports whether the task, as it is now, has a button for action:
// its choices, and the delays of "later".
func offered(task Task, action string, tr locale.Texts) bool {
	for _, c := range taskChoices(task, tr) {
		b := parseButton(c.Value)
		switch a := b.action; {
		case b.task != task.ID:
		case a == action:
			return true
		case a == "later" && action == "snooze":
			return true
		}
	}
	return false
}

// acknowledge records that someone is on the task. For first care it is the
// moment first care starts (M5).
func (t *turn) acknowledge(task Task) error {
	if task.State == TaskAcknowledged {
		return nil
	}
	task.State = TaskAcknowledged
	task.Next = time.Time{}
	if !task.Reminded {
		task.Next = t.b.taskClock().fireAt(task, task.Due)
	}
	task.log(t.now, t.person.Email, EventAcknowledged, "")
	if task.Kind == TaskFirstCare {
		if err := t.recordFirstCare(task, false); err != nil {
			return err
		}
	}
	return t.refreshTask(task)
}

// askSnooze offers the delays for "later".
func (t *turn) askSnooze(task Task) error {
	m := Message{Text: t.tr.T("task.snooze.prompt")}
	for _, d := range snoozeChoices {
		m.Choices = append(m.Choices, Choice{Label: t.tr.T("task.snooze." + d), Value: taskValue(task.ID, "snooze="+d)})
	}
	return t.reply(m)
}

// snooze puts a task aside until the chosen moment; urgent tasks come back
// within the hour whatever is chosen.
func (t *turn) snooze(task Task, choice string) error {
	cal := t.b.cal
	var at time.Time
	switch choice {
	case "1h":
		at = t.b.taskClock().fireAt(task, t.now.Add(time.Hour))
	case "tomorrow":
		at = cal.WorkingDaysAfter(t.now, 1)
	case "week":
		at = cal.StartOfWorkingDay(t.now.AddDate(0, 0, 7))
	default:
		return t.askSnooze(task)
	}
	if task.Urgent && at.After(t.now.Add(time.Hour)) {
		at = t.now.Add(time.Hour)
	}
	if task.State != TaskSnoozed {
		task.SnoozedFrom = task.State
	}
	task.State, task.Next = TaskSnoozed, at
	task.log(t.now, t.person.Email, EventSnoozed, at.Format(time.RFC3339))
	if err := t.refreshTask(task); err != nil {
		return err
	}
	if err := t.update(t.ref, Message{Text: t.tr.T("task.snooze.prompt") + "\n" + t.tr.T("report.chosen", "Choice", t.tr.T("task.snooze."+choice))}); err != nil {
		return err
	}
	return t.reply(Message{Text: t.tr.T("task.snooze.set", "At", t.tr.Time(at))})
}

// checkInAnswer handles the employee's answer to a check-in (E11): asking
// for a talk becomes an urgent task for their manager.
func (t *turn) checkInAnswer(task Task, answer string) error {
	if err := t.complete(task, map[string]string{"answer": answer}, answer); err != nil {
		return err
	}
	if answer == "fine" {
		return t.reply(Message{Text: t.tr.T("task.check_in.fine")})
	}
	inc, err := t.incidentOf(task)
	if err != nil || inc == nil {
		return err
	}
	// The subject's own manager sees the incident; a witness's manager
	// (another department, perhaps) only that their employee asks for a
	// talk: the task is not linked to the incident.
	dept, about := t.person.Department, (*Incident)(nil)
	if dept == "" || t.person.Email == inc.Subject {
		dept, about = inc.Department(), inc
	}
	manager, fallback := t.b.org.careGivers(dept, t.person.Email)
	talk := t.b.planned(TaskTalkRequest, t.now, t.now, true)
	talk.ID = incidentTaskID(inc.Number, TaskTalkRequest, string(t.person.Email), strconv.FormatInt(t.now.Unix(), 10))
	talk.Assignee, talk.Fallback, talk.Note = manager, fallback, t.person.DisplayName()
	if err := t.addTask(talk, about, false); err != nil {
		return err
	}
	return t.reply(Message{Text: t.tr.T("task.check_in.talk")})
}
