package bot

import (
	"errors"
	"time"
)

// completionForm names the form that records a task's outcome, for tasks
// that record more than "done".
var completionForm = map[TaskKind]string{
	TaskPolice:       "police",
	TaskOffender:     "offender",
	TaskAnalysis:     "analysis",
	TaskSecurityEval: "security_eval",
	TaskDuty:         "duty",
}

// taskForms record the outcome of a task: what the police report came to
// (M6), the measure toward the offender (M10), the conclusion of the
// analysis (M9), the guard's evaluation (G8), or why a task is not needed.
var taskForms = map[string]*form{
	"police": {id: "police", steps: []step{
		{id: "police_outcome", kind: oneOf, options: fixed("police_outcome", "aangifte", "melding", "none")},
		{id: "police_reference", kind: freeText, skippable: true, options: fixed("police_reference", "skip"),
			applies: answerIn("police_outcome", "aangifte", "melding")},
	}},
	"offender": {id: "offender", steps: []step{
		{id: "measure", kind: oneOf, options: fixed("measure", "warning_letter", "talk", "ban", "claim", "none")},
		{id: "ban_until", kind: until, applies: answerIs("measure", "ban")},
		{id: "measure_reason", kind: freeText, minLen: 3, applies: answerIs("measure", "none")},
	}},
	"analysis":      {id: "analysis", steps: []step{{id: "conclusion", kind: freeText, minLen: 10}}},
	"security_eval": {id: "security_eval", steps: []step{{id: "evaluation", kind: freeText, minLen: 10}}},
	"not_needed":    {id: "not_needed", steps: []step{{id: "reason", kind: freeText, minLen: 3}}},
	"duty": {id: "duty", steps: []step{
		{id: "duty_outcome", kind: freeText, skippable: true, options: fixed("duty_outcome", "skip")}}},
	"defect": {id: "defect", steps: []step{{id: "defect", kind: freeText, minLen: 5}}},
}

func init() {
	taskForms["police"].finish = (*formCtx).finishPolice
	taskForms["offender"].finish = (*formCtx).finishOffender
	taskForms["analysis"].finish = (*formCtx).finishAnalysis
	taskForms["security_eval"].finish = (*formCtx).finishSecurityEval
	taskForms["not_needed"].finish = (*formCtx).finishNotNeeded
	taskForms["duty"].finish = (*formCtx).finishDuty
	taskForms["defect"].finish = (*formCtx).finishDefect
}

// startTaskForm asks the questions that record a task's outcome. A report
// in progress waits and comes back afterwards.
func (t *turn) startTaskForm(task Task, formID string) error {
	c := &Conversation{ID: newID(), User: NormalizeEmail(t.person.Email), Form: formID, Task: task.ID,
		Answers: map[string]Answer{}, Started: t.now}
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
	c.Step = r.form.next(r.env())
	if err := r.save(); err != nil {
		return err
	}
	return r.askShowing(taskShown(task, t.person.Email, shownTaskForm),
		t.tr.T("form."+formID+".intro", "Task", taskTitle(task, t.tr), "Number", task.Incident))
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

// recordOnIncident records what a task form found on the task's incident,
// audited as a change named what, and returns the incident as stored. A
// task without an incident, or whose incident is gone, records nothing and
// returns nil; any other error of the store comes back.
func (r *formCtx) recordOnIncident(task Task, what string, set func(*Incident)) (*Incident, error) {
	inc, err := r.incidentOf(task)
	if err != nil || inc == nil {
		return nil, err
	}
	set(inc)
	return inc, r.saveIncident(*inc, AuditChange, what)
}

func (r *formCtx) finishPolice() error {
	task, open, err := r.openTask()
	if err != nil || !open {
		return err
	}
	a := answers(r.conv.Answers)
	outcome := map[string]string{"outcome": a.key("police_outcome"), "reference": a["police_reference"].Text}
	if _, err := r.recordOnIncident(task, "police_outcome", func(inc *Incident) {
		inc.PoliceOutcome = outcome["outcome"]
		if ref := outcome["reference"]; ref != "" {
			inc.RecordedPoliceRef = ref
		}
	}); err != nil {
		return err
	}
	return r.finishTask(task, outcome, outcome["outcome"])
}

func (r *formCtx) finishOffender() error {
	task, open, err := r.openTask()
	if err != nil || !open {
		return err
	}
	a := answers(r.conv.Answers)
	m := &Measure{Kind: a.key("measure"), Reason: a["measure_reason"].Text, By: r.person.Email, At: r.now}
	if u := a["ban_until"].Moment; u != nil && m.Kind == "ban" {
		m.Until = u.Time
	}
	inc, err := r.recordOnIncident(task, "measure", func(inc *Incident) { inc.Measure = m })
	if err != nil {
		return err
	}
	if inc != nil && m.Kind == "ban" {
		if err := r.banFollowUp(inc, m); err != nil {
			return err
		}
	}
	outcome := map[string]string{"measure": m.Kind, "reason": m.Reason}
	if !m.Until.IsZero() {
		outcome["until"] = m.Until.Format("2006-01-02")
	}
	return r.finishTask(task, outcome, m.Kind)
}

// banFollowUp plans the reminder a week before a ban ends, and tells the
// town clerk and the board contact, who align on the reaction toward risk
// citizens (B9, S11).
func (r *formCtx) banFollowUp(inc *Incident, m *Measure) error {
	start := m.Until.Add(-r.org.Timings.BanReminder)
	if start.Before(r.now) {
		start = r.now
	}
	manager, fallback := r.org.careGivers(inc.Department, inc.Subject)
	if err := r.addTask(Task{Kind: TaskBanEnds, Assignee: manager, Fallback: fallback,
		Start: r.b.cal.StartOfWork(start), Due: m.Until, Note: formatTime(r.textsFor(manager), m.Until)}, inc, false); err != nil {
		return err
	}
	for _, role := range []Role{RoleTownClerk, RoleBoard} {
		for _, p := range r.org.WithRole(role) {
			tr := r.textsFor(p.Email)
			if err := r.send(p.Email, Message{Text: tr.T("notice.ban", "Number", inc.Number, "Until", formatTime(tr, m.Until))},
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
	conclusion := r.conv.Answers["conclusion"].Text
	if _, err := r.recordOnIncident(task, "analysis", func(inc *Incident) { inc.Analysis = conclusion }); err != nil {
		return err
	}
	return r.finishTask(task, map[string]string{"conclusion": conclusion}, "")
}

func (r *formCtx) finishSecurityEval() error {
	task, open, err := r.openTask()
	if err != nil || !open {
		return err
	}
	eval := r.conv.Answers["evaluation"].Text
	if _, err := r.recordOnIncident(task, "security_eval", func(inc *Incident) { inc.SecurityEval = eval }); err != nil {
		return err
	}
	return r.finishTask(task, map[string]string{"evaluation": eval}, "")
}

func (r *formCtx) finishNotNeeded() error {
	task, open, err := r.openTask()
	if err != nil || !open {
		return err
	}
	reason := r.conv.Answers["reason"].Text
	task.State, task.Next = TaskNotNeeded, time.Time{}
	task.log(r.now, r.person.Email, "not_needed", reason)
	if err := r.refreshTask(task); err != nil {
		return err
	}
	if err := r.reply(Message{Text: r.tr.T("form.not_needed_recorded")}); err != nil {
		return err
	}
	return r.end()
}
