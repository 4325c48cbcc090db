package bot

import (
	"slices"

	"meldbot/bot/policy"
)

// OnCall is an entry of the organisation file's on_call section: who is on
// call outside working hours (piket, bereikbaarheidsdienst) for one
// department, or for the whole organisation when Department is empty. It
// names a person or a role, not both.
type OnCall struct {
	Department string
	Person     Email
	Role       policy.Role // everyone with the role, in Department when it is set
}

// OnCallFor returns the e-mail addresses of who is on call for a
// department: its own entry, else the organisation's, else nobody (urgent
// first care then follows the usual chain).
func (o *Organisation) OnCallFor(dept string) []Email {
	var entry *OnCall
	for i, e := range o.OnCall {
		switch {
		case e.Department == dept && dept != "":
			entry = &o.OnCall[i]
		case e.Department == "" && entry == nil:
			entry = &o.OnCall[i]
		}
	}
	switch {
	case entry == nil:
		return nil
	case entry.Person != "":
		return []Email{entry.Person}
	}
	people := o.WithRole(entry.Role)
	if entry.Department != "" {
		people = o.inDepartment(entry.Role, entry.Department)
	}
	return emails(people)
}

// addFirstCare adds the first care of an incident (M5). Urgent first care
// outside working hours goes first to who is on call for the department
// (piket, bereikbaarheidsdienst), when the organisation names someone:
// the manager it would have gone to is told at once, watches the task and
// may act on it, and heads its fallback after the others on call. In
// working hours, when it is not urgent or when nobody is on call, it goes
// to the manager, as any task of the care-givers.
func (t *turn) addFirstCare(task Task, inc *Incident, late bool) error {
	manager := task.Assignee
	var onCall []Email
	if task.Urgent && t.b.cal.IsOnCallTime(t.now) {
		for _, e := range t.b.org.OnCallFor(inc.Department()) {
			if e != inc.Subject && e != manager {
				onCall = append(onCall, e)
			}
		}
	}
	if len(onCall) == 0 || manager == "" {
		return t.addTask(task, inc, late)
	}
	chain := append(append(slices.Clone(onCall), manager), task.Fallback...)
	task.Assignee, task.Fallback = chain[0], nil
	for _, e := range chain[1:] {
		if e != task.Assignee && !slices.Contains(task.Fallback, e) {
			task.Fallback = append(task.Fallback, e)
		}
	}
	task.watch(manager)
	stored, err := t.placeTask(task, inc, late)
	if err != nil {
		return err
	}
	tr := t.textsFor(manager)
	m := renderTask(stored, inc, t.b.org, tr)
	m.Text = tr.T("task.on_call.informed", "Name", t.b.org.NameOf(task.Assignee)) + "\n" + m.Text
	return t.sendTask(manager, stored, m, shownOnCall)
}
