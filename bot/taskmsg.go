package bot

import (
	"fmt"
	"strings"

	"meldbot/bot/locale"
	"meldbot/bot/register"
)

// renderTask draws a task message for a reader: what to do and by when,
// the facts they need, and buttons that fit the task's state. Closed tasks
// say who closed them and keep no buttons.
func renderTask(task Task, inc *Incident, org *Organisation, tr locale.Texts) Message {
	var b strings.Builder
	title := taskTitle(task, tr)
	if task.Urgent {
		title = "🚨 " + title
	}
	b.WriteString("*" + title + "*")
	if task.Row != "" && task.Incident == "" {
		if task.Note != "" {
			b.WriteString(" — " + task.Note)
		}
		if task.Period != "" {
			b.WriteString(" (" + tr.Period(task.Period) + ")")
		}
	}
	if inc != nil {
		fmt.Fprintf(&b, " — %s", inc.Number)
		if inc.Serious {
			b.WriteString(" " + tr.T("task.serious"))
		}
		b.WriteString("\n" + taskFacts(task, inc, org, tr))
	}
	body := tr.T("task."+string(task.Kind)+".body", "Note", task.Note, "Name", subjectFirstName(inc))
	if t := locale.Pick(task.Body, tr.Lang); t != "" {
		body = t
	}
	if body != "" {
		b.WriteString("\n" + body)
	}
	if !task.Closed() && !task.spec().lapses {
		b.WriteString("\n" + tr.T("task.due", "Due", tr.Time(task.Due)))
	}
	if line := stateLine(task, org, tr); line != "" {
		b.WriteString("\n" + line)
	}
	return Message{Text: b.String(), Choices: taskChoices(task, tr)}
}

// taskTitle names a task in the reader's language: its own title (a duty of
// the policy cycle), or the catalogue's title for its kind.
func taskTitle(task Task, tr locale.Texts) string {
	if t := locale.Pick(task.Title, tr.Lang); t != "" {
		return t
	}
	return tr.T("task."+string(task.Kind)+".title", "Note", task.Note)
}

// taskFacts are the facts of the incident a task's reader needs. Care
// givers (managers, coordinator) see who it is about and what happened;
// others see only what their task needs.
func taskFacts(task Task, inc *Incident, org *Organisation, tr locale.Texts) string {
	place := inc.Report.Text("location_text")
	if l, ok := org.Location(inc.Location()); ok {
		place = l.Name
	}
	facts := tr.T("task.facts", "What", register.CategoryNames(tr, inc.Categories()), "When", tr.Moment(inc.Occurred()), "Where", place)
	words := tr.T("task.description", "Description", inc.Report.Text("description"))
	switch task.spec().facts {
	case whatAndWords:
		return facts + "\n" + words
	case onlyWhat:
		return facts
	}
	who := Person{Name: inc.SubjectName, Email: inc.Subject}.DisplayName()
	facts = tr.T("task.about", "Name", who) + "\n" + facts
	if task.Kind == TaskFirstCare && inc.TalkNow() {
		facts += "\n" + tr.T("task.talk_now", "Name", subjectFirstName(inc))
	}
	if task.spec().facts == withTheWords {
		facts += "\n" + words
	}
	return facts
}

func subjectFirstName(inc *Incident) string {
	if inc == nil {
		return ""
	}
	return firstNameOr(inc.SubjectName, inc.Subject)
}

// stateLine says who took up or closed the task, or when it comes back.
func stateLine(task Task, org *Organisation, tr locale.Texts) string {
	last := TaskEvent{}
	for _, e := range task.History {
		if e.By != "" {
			last = e
		}
	}
	name := org.NameOf(last.By)
	switch task.State {
	case TaskAcknowledged:
		return tr.T("task.state.acknowledged", "Name", name, "At", tr.Time(last.At))
	case TaskDone:
		return tr.T("task.state.done", "Name", name, "At", tr.Time(last.At))
	case TaskNotNeeded:
		return tr.T("task.state.not_needed", "Name", name, "At", tr.Time(last.At), "Reason", last.Note)
	case TaskSnoozed:
		return tr.T("task.state.snoozed", "At", tr.Time(task.Next))
	case TaskEscalated:
		return tr.T("task.state.escalated")
	}
	return ""
}

// taskChoices are the buttons of a task in its state.
func taskChoices(task Task, tr locale.Texts) []Choice {
	if task.Closed() || task.State == TaskScheduled {
		return nil
	}
	v := func(action string) string { return taskValue(task.ID, action) }
	switch task.spec().buttons {
	case checkInButtons:
		return []Choice{
			{Label: tr.T("task.action.fine"), Value: v("fine")},
			{Label: tr.T("task.action.talk"), Value: v("talk"), Style: StylePrimary},
		}
	case alarmButtons:
		return []Choice{
			{Label: tr.T("task.action.all_working"), Value: v("ok"), Style: StylePrimary},
			{Label: tr.T("task.action.defect"), Value: v("defect"), Style: StyleDanger},
			{Label: tr.T("task.action.later"), Value: v("later")},
			{Label: tr.T("task.action.not_needed"), Value: v("not_needed")},
		}
	}
	var out []Choice
	if task.State != TaskAcknowledged {
		out = append(out, Choice{Label: tr.T("task.action.ack"), Value: v("ack"), Style: StylePrimary})
	}
	return append(out,
		Choice{Label: tr.T("task.action.done"), Value: v("done")},
		Choice{Label: tr.T("task.action.later"), Value: v("later")},
		Choice{Label: tr.T("task.action.not_needed"), Value: v("not_needed"), Style: StyleDanger},
	)
}
