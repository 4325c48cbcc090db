package bot

import (
	"errors"
	"time"

	"meldbot/bot/form"
	"meldbot/bot/policy"
)

// taskForms record the outcome of a task: what the police report came to
// (M6), the measure toward the offender (M10), the conclusion of the
// analysis (M9), the guard's evaluation (G8), a duty's note, a defect found
// at an alarm test (F3), or why a task is not needed.
var taskForms = map[string]*form.Form[env]{
	"police": {ID: "police", Steps: []step{
		{ID: "police_outcome", Kind: form.OneOf, Options: fixed("police_outcome", "aangifte", "melding", "none"), Record: column("police_outcome")},
		{ID: "police_reference", Kind: form.FreeText, Skippable: true, Options: fixed("police_reference", "skip"),
			Applies: answerIn("police_outcome", "aangifte", "melding"), Record: personal("police_ref")},
	}},
	"offender": {ID: "offender", Steps: []step{
		{ID: "measure", Kind: form.OneOf, Options: fixed("measure", "warning_letter", "talk", "ban", "claim", "none"), Record: column("measure")},
		{ID: "ban_until", Kind: form.Until, Applies: answerIs("measure", "ban"), Record: column("measure_until")},
		{ID: "measure_reason", Kind: form.FreeText, MinLen: 3, Applies: answerIs("measure", "none"), Record: personal("measure_reason")},
	}},
	"analysis":      {ID: "analysis", Steps: []step{{ID: "conclusion", Kind: form.FreeText, MinLen: 10, Record: personal("analysis")}}},
	"security_eval": {ID: "security_eval", Steps: []step{{ID: "evaluation", Kind: form.FreeText, MinLen: 10, Record: personal("security_eval")}}},
	"not_needed":    {ID: "not_needed", Steps: []step{{ID: "reason", Kind: form.FreeText, MinLen: 3, Record: personal(form.NoColumn)}}},
	"duty": {ID: "duty", Steps: []step{
		{ID: "duty_outcome", Kind: form.FreeText, Skippable: true, Options: fixed("duty_outcome", "skip"), Record: personal(form.NoColumn)}}},
	"defect": {ID: "defect", Steps: []step{{ID: "defect", Kind: form.FreeText, MinLen: 5, Record: personal(form.NoColumn)}}},
}

// startTaskForm asks the questions that record a task's outcome. A report
// in progress waits and comes back afterwards.
func (t *turn) startTaskForm(task Task, formID string) error {
	c := &Conversation{ID: newID(), User: t.person.Email, Form: formID, Task: task.ID,
		Answers: form.Answers{}, Started: t.now}
	if cur, ok, err := t.conversation(); err != nil {
		return err
	} else if ok {
		if !cur.isReport() {
			// Another task form is open: it gives way to the new one.
			cur = cur.Parked
		}
		c.Parked = cur
	}
	r := t.form(c)
	c.Step = r.next()
	if err := r.save(); err != nil {
		return err
	}
	inc, err := t.incidentOf(task)
	if err != nil {
		return err
	}
	return r.askShowing(taskShown(task, t.person.Email, shownTaskForm),
		t.tr.T("form."+formID+".intro", "Task", taskTitle(task, t.tr), "Number", task.Incident, "Tells", waivingTells(task, inc)))
}

// waivingTells reports whether closing a task as not needed tells the
// coordinator: care for the person it happened to, after a serious
// incident.
func waivingTells(task Task, inc *Incident) bool {
	return task.spec().care && inc != nil && inc.Serious
}

// task returns the task the form records the outcome of.
func (r *formCtx) task() (Task, error) {
	task, err := r.tx.Task(r.conv.Task)
	if errors.Is(err, ErrNotFound) {
		return task, errors.New("the task of this form is gone")
	}
	return task, err
}

// openTask returns the task the form records the outcome of, and false when
// someone else closed it in the meantime, or it went to someone else: then
// the form has ended and changed nothing, and the person has been told.
func (r *formCtx) openTask() (Task, bool, error) {
	task, err := r.task()
	if err != nil {
		return task, false, err
	}
	if !task.MayAct(r.person.Email, r.org) {
		// Handed over after a change of the organisation (ReassignTasks).
		return task, false, r.end(r.tr.T("task.unavailable"))
	}
	if task.Closed() {
		return task, false, r.finishTask(task, nil, "")
	}
	return task, true, nil
}

// finishTask closes the form, the task, and confirms to the person, before
// a report the form interrupted asks its question again.
func (r *formCtx) finishTask(task Task, outcome map[string]string, note string) error {
	if task.Closed() {
		return r.end(r.tr.T("task.already_closed"))
	}
	if err := r.complete(task, outcome, note); err != nil {
		return err
	}
	recorded := r.tr.T("form.recorded", "Number", task.Incident)
	if task.Incident == "" {
		recorded = r.tr.T("form.recorded_duty")
	}
	return r.endShowing(taskShown(task, r.person.Email, shownTaskForm), recorded)
}

// recordOnIncident records the answers of the form on the task's incident
// (Incident.Recorded, by question), audited as a change named what, and
// returns the incident as stored. A task without an incident, or whose
// incident is gone, records nothing and returns nil; any other error of
// the store comes back.
func (r *formCtx) recordOnIncident(task Task, what string) (*Incident, error) {
	inc, err := r.incidentOf(task)
	if err != nil || inc == nil {
		return nil, err
	}
	if inc.Recorded == nil {
		inc.Recorded = form.Answers{}
	}
	for id, a := range r.form.OnPath(r.env()) {
		if a.Key() != form.Skipped {
			inc.Recorded[id] = a
		}
	}
	return inc, r.saveIncident(*inc, AuditChange, what)
}

func (r *formCtx) finishPolice() error {
	task, open, err := r.openTask()
	if err != nil || !open {
		return err
	}
	a := r.conv.Answers
	outcome := map[string]string{"outcome": a.Key("police_outcome"), "reference": a.Text("police_reference")}
	if _, err := r.recordOnIncident(task, "police_outcome"); err != nil {
		return err
	}
	return r.finishTask(task, outcome, outcome["outcome"])
}

func (r *formCtx) finishOffender() error {
	task, open, err := r.openTask()
	if err != nil || !open {
		return err
	}
	inc, err := r.recordOnIncident(task, "measure")
	if err != nil {
		return err
	}
	a := r.conv.Answers
	kind, outcome := a.Key("measure"), map[string]string{"measure": a.Key("measure"), "reason": a.Text("measure_reason")}
	if u := a["ban_until"].Moment; u != nil && kind == "ban" {
		outcome["until"] = u.Time.Format("2006-01-02")
		if inc != nil {
			if err := r.banFollowUp(inc, u.Time); err != nil {
				return err
			}
		}
	}
	return r.finishTask(task, outcome, kind)
}

// banFollowUp plans the reminder a week before a ban ends, and tells the
// town clerk and the board contact, who align on the reaction toward risk
// citizens (B9, S11).
func (r *formCtx) banFollowUp(inc *Incident, until time.Time) error {
	ends := r.b.planned(TaskBanEnds, until, r.now, false)
	ends.Assignee, ends.Fallback = r.org.careGivers(inc.Department(), inc.Subject)
	ends.Note = r.textsFor(ends.Assignee).Time(until)
	if err := r.addTask(ends, inc, false); err != nil {
		return err
	}
	for _, role := range []policy.Role{policy.RoleTownClerk, policy.RoleBoard} {
		for _, p := range r.org.WithRole(role) {
			tr := r.textsFor(p.Email)
			if err := r.send(p.Email, Message{Text: tr.T("notice.ban", "Number", inc.Number, "Until", tr.Time(until))},
				shown(inc.Number, p.Email, shownBan)); err != nil {
				return err
			}
		}
	}
	return nil
}

func (r *formCtx) finishAnalysis() error {
	task, open, err := r.openTask()
	if err != nil || !open {
		return err
	}
	if _, err := r.recordOnIncident(task, "analysis"); err != nil {
		return err
	}
	return r.finishTask(task, map[string]string{"conclusion": r.conv.Answers.Text("conclusion")}, "")
}

func (r *formCtx) finishSecurityEval() error {
	task, open, err := r.openTask()
	if err != nil || !open {
		return err
	}
	if _, err := r.recordOnIncident(task, "security_eval"); err != nil {
		return err
	}
	return r.finishTask(task, map[string]string{"evaluation": r.conv.Answers.Text("evaluation")}, "")
}

// finishDuty records that a duty of the policy cycle is done, with an
// optional note.
func (r *formCtx) finishDuty() error {
	task, open, err := r.openTask()
	if err != nil || !open {
		return err
	}
	note := r.conv.Answers["duty_outcome"].Text
	var outcome map[string]string
	if note != "" {
		outcome = map[string]string{"note": note}
	}
	return r.finishTask(task, outcome, note)
}

func (r *formCtx) finishNotNeeded() error {
	task, open, err := r.openTask()
	if err != nil || !open {
		return err
	}
	reason := r.conv.Answers["reason"].Text
	task.State, task.Next = TaskNotNeeded, time.Time{}
	task.log(r.now, r.person.Email, EventNotNeeded, reason)
	if err := r.refreshTask(task); err != nil {
		return err
	}
	if err := r.tellWaived(task, reason); err != nil {
		return err
	}
	if err := r.reply(Message{Text: r.tr.T("form.not_needed_recorded")}); err != nil {
		return err
	}
	return r.end()
}

// tellWaived tells the coordinators at once that care for the person of a
// serious incident was found not needed, and why, so they can see that the
// employee is not left alone.
func (t *turn) tellWaived(task Task, reason string) error {
	inc, err := t.incidentOf(task)
	if err != nil || !waivingTells(task, inc) {
		return err
	}
	for _, c := range t.b.org.coordinatorsExcept(t.person.Email) {
		tr := t.textsFor(c)
		m := Message{Text: tr.T("notice.care_waived", "Name", t.person.DisplayName(), "Task", taskTitle(task, tr),
			"Number", inc.Number, "Reason", reason)}
		if err := t.send(c, m, shown(inc.Number, c, shownWaived)); err != nil {
			return err
		}
	}
	return nil
}
