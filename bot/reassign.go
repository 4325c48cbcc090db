package bot

import (
	"context"
	"errors"
	"slices"
	"strings"

	"meldbot/bot/policy"
)

// When the organisation changes — someone leaves, or no longer has the
// role a task of theirs needs — their open tasks go to someone who has it.
// The organisation file is read when meldbot starts, and so this is done at
// start: a changed file applies from the next start.

// Reassignment is a task that went to someone else because its assignee
// left the organisation or no longer has the role the task needs.
type Reassignment struct {
	Task     string // the task's ID
	Incident string // its incident, if any
	From, To Email
	// Gone is set when From is no longer in the organisation file;
	// otherwise they lost the role.
	Gone bool
}

// ReassignTasks gives every open task whose assignee left the
// organisation, or lost the role the task needs, to the next person in its
// fallback chain who has that role — or, when the chain has nobody with
// it, to whom the task would go now (the current role holders, else the
// coordinators). An announced task's message goes to its new assignee at
// once; one not yet announced waits for its time. The old assignee can no
// longer act on it. The coordinators get one summary. The tasks are looked
// through in a read-only transaction, which holds up no change; what moves
// then moves in one transaction, and it returns what moved.
func (b *Bot) ReassignTasks(ctx context.Context) ([]Reassignment, error) {
	var misfits []string
	if err := b.store.View(ctx, func(tx Tx) error {
		var err error
		misfits, err = b.systemTurn(tx).misfits()
		return err
	}); err != nil || len(misfits) == 0 {
		return nil, err
	}
	var moved []Reassignment
	_, err := b.systemUpdate(ctx, func(t *turn) (bool, error) {
		moved = nil
		for _, id := range misfits {
			task, err := t.tx.Task(id)
			if errors.Is(err, ErrNotFound) {
				continue // gone meanwhile
			}
			if err != nil {
				return false, err
			}
			if task.Closed() {
				continue
			}
			r, ok, err := t.reassign(task)
			if err != nil {
				return false, err
			}
			if ok {
				moved = append(moved, r)
			}
		}
		if len(moved) == 0 {
			return false, nil
		}
		return true, t.tellReassigned(moved)
	})
	if err != nil {
		return nil, err
	}
	for _, r := range moved {
		b.log.Info().Str("task", r.Task).Str("from", string(r.From)).Str("to", string(r.To)).Bool("gone", r.Gone).Msg("task reassigned after a change of the organisation")
	}
	return moved, nil
}

// misfits returns the IDs of the open tasks whose assignee no longer fits
// them.
func (t *turn) misfits() ([]string, error) {
	people, err := t.tx.TaskPeople()
	if err != nil {
		return nil, err
	}
	var out []string
	for _, p := range people {
		tasks, err := t.tx.TasksOf(p)
		if err != nil {
			return nil, err
		}
		for _, task := range tasks {
			if task.Assignee != p || task.Closed() {
				continue
			}
			inc, err := t.incidentOf(task)
			if err != nil {
				return nil, err
			}
			if !t.b.org.fits(task, inc, task.Assignee) {
				out = append(out, task.ID)
			}
		}
	}
	return out, nil
}

// reassign gives a task to a successor when its assignee no longer fits
// it, and reports whether it did.
func (t *turn) reassign(task Task) (Reassignment, bool, error) {
	org := t.b.org
	inc, err := t.incidentOf(task)
	if err != nil || org.fits(task, inc, task.Assignee) {
		return Reassignment{}, false, err
	}
	next, rest := org.successors(task, inc)
	if next == "" {
		t.b.log.Warn().Str("task", task.ID).Str("assignee", string(task.Assignee)).Msg("the assignee left or lost the role, and nobody can take the task over")
		return Reassignment{}, false, nil
	}
	old := task.Assignee
	_, listed := org.Person(old)
	r := Reassignment{Task: task.ID, Incident: task.Incident, From: old, To: next, Gone: !listed}
	task.Assignee, task.Fallback = next, rest
	// Who left or lost the role can no longer act on it, nor can anyone
	// who left and once got it.
	task.Watchers = slices.DeleteFunc(task.Watchers, func(w Email) bool {
		_, listed := org.Person(w)
		return w == old || !listed
	})
	task.log(t.now, "", EventReassigned, string(old)+" → "+string(next))
	if !task.Active() {
		return r, true, t.tx.PutTask(task)
	}
	task.watch(next)
	if err := t.tx.PutTask(task); err != nil {
		return r, false, err
	}
	tr := t.textsFor(next)
	m := renderTask(task, inc, org, tr)
	m.Text = tr.T("task.reassigned", "Name", org.NameOf(old), "Gone", r.Gone) + "\n" + m.Text
	return r, true, t.sendTask(next, task, m, shownReassigned)
}

// tellReassigned sends the coordinators one summary of the tasks that
// moved.
func (t *turn) tellReassigned(moved []Reassignment) error {
	org := t.b.org
	for _, c := range org.coordinatorsExcept("") {
		tr := t.textsFor(c)
		lines := []string{tr.T("reassigned.title", "Count", len(moved))}
		var audit []AuditEntry
		for _, r := range moved {
			title := r.Task
			if task, err := t.tx.Task(r.Task); err == nil {
				title = taskTitle(task, tr)
			}
			lines = append(lines, tr.T("reassigned.line", "Task", title, "Number", r.Incident,
				"From", org.NameOf(r.From), "To", org.NameOf(r.To), "Gone", r.Gone))
			if r.Incident != "" && !slices.ContainsFunc(audit, func(e AuditEntry) bool { return e.Incident == r.Incident }) {
				audit = append(audit, shown(r.Incident, c, shownReassigned))
			}
		}
		if err := t.send(c, Message{Text: strings.Join(lines, "\n• ")}, audit...); err != nil {
			return err
		}
	}
	return nil
}

// fits reports whether someone may carry a task: a check-in is for the
// person themselves, listed or not; anything else needs someone in the
// organisation file with the role the task needs, or a coordinator, who is
// everyone's last fallback.
func (o *Organisation) fits(task Task, inc *Incident, email Email) bool {
	if task.spec().carrier == theSubject {
		return true
	}
	p, ok := o.Person(email)
	if !ok {
		return false
	}
	return p.Has(policy.RoleCoordinator) || o.hasTaskRole(p, task, inc)
}

// hasTaskRole reports whether someone has the role a task needs: a manager
// or deputy of the incident's department for the care of it, Legal,
// facility staff or a security guard for theirs, the role of its row of the
// matrix for a duty of the policy cycle (the town clerk is the fallback of
// the coordinator's own duties). A task whose role is not known needs only
// someone in the organisation.
func (o *Organisation) hasTaskRole(p Person, task Task, inc *Incident) bool {
	switch c := task.spec().carrier; {
	case c == careGiver || c == theirManager:
		return (p.Has(policy.RoleManager) || p.Has(policy.RoleDeputy)) && (inc == nil || p.Department == inc.Department())
	case c.role() != "":
		return p.Has(c.role())
	}
	switch role := o.rowRole(task.Row); role {
	case "":
		return true
	case policy.RoleCoordinator:
		return p.Has(policy.RoleCoordinator) || p.Has(policy.RoleTownClerk)
	default:
		return p.Has(role)
	}
}

// rowRole returns the role of a row of the task matrix, or of a duty the
// organisation file adds; "" for a row it does not know.
func (o *Organisation) rowRole(row string) policy.Role {
	for _, e := range o.Schedule {
		if e.Row == row && e.Role != "" {
			return e.Role
		}
	}
	for _, r := range policy.Matrix {
		if r.ID == row {
			return r.Role
		}
	}
	return ""
}

// successors returns who takes a task over from an assignee who no longer
// fits it, and their fallback: first the people of the task's fallback
// chain who have its role, then whom the task would go to now, then the
// rest of the chain; nobody twice, nobody who does not fit, and nobody
// asked to care for themselves.
func (o *Organisation) successors(task Task, inc *Incident) (Email, []Email) {
	var out []Email
	add := func(emails ...Email) {
		for _, e := range emails {
			switch {
			case e == "" || e == task.Assignee || slices.Contains(out, e) || !o.fits(task, inc, e):
			case inc != nil && task.cares() && e == inc.Subject:
			default:
				out = append(out, e)
			}
		}
	}
	for _, e := range task.Fallback {
		if p, ok := o.Person(e); ok && o.hasTaskRole(p, task, inc) {
			add(e)
		}
	}
	now, fallback := o.route(task, inc)
	add(now)
	add(fallback...)
	add(task.Fallback...)
	if len(out) == 0 {
		return "", nil
	}
	return out[0], out[1:]
}

// route returns whom a task would go to now, and their fallback.
func (o *Organisation) route(task Task, inc *Incident) (Email, []Email) {
	var dept, loc string
	var subject Email
	if inc != nil {
		dept, subject, loc = inc.Department(), inc.Subject, inc.Location()
	}
	switch c := task.spec().carrier; c {
	case careGiver, theirManager:
		return o.careGivers(dept, subject)
	case legalStaff:
		return o.split(emails(o.WithRole(c.role())))
	case facilityStaff, guard:
		return o.split(o.atLocation(c.role(), loc))
	}
	role := o.rowRole(task.Row)
	if role == "" {
		return o.split(nil)
	}
	people := emails(o.WithRole(role))
	// A duty for a location or department has its scope in its ID
	// ("F2/2026-11/stadhuis").
	for _, part := range strings.Split(task.ID, "/") {
		if _, ok := o.Location(part); ok {
			people = o.atLocation(role, part)
		}
	}
	if role == policy.RoleCoordinator {
		people = append(people, emails(o.WithRole(policy.RoleTownClerk))...)
	}
	return o.split(people)
}
