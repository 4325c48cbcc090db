package bot

import (
	"errors"
	"strings"
	"time"
)

// addTask stores a new task, of an incident when inc is not nil (a task
// without one must have its ID set). A task whose start has come is
// announced at once, marked late when late is set (sent after downtime),
// unless it is not urgent and working hours are over: then, like a later
// one, it waits for its time (Next). A task with nobody to give it to is
// not stored, and the log says so.
func (t *turn) addTask(task Task, inc *Incident, late bool) error {
	_, err := t.placeTask(task, inc, late)
	return err
}

// placeTask is addTask, and returns the task as it is stored: with its ID,
// its state and its next moment. A task with nobody to give it to comes
// back as it was given, not stored.
func (t *turn) placeTask(task Task, inc *Incident, late bool) (Task, error) {
	if task.Assignee == "" {
		t.b.log.Warn().Str("task", task.ID+string(task.Kind)).Msg("no one to give the task to; is there a coordinator?")
		return task, nil
	}
	if inc != nil {
		if task.ID == "" {
			task.ID = incidentTaskID(inc.Number, task.Kind)
		}
		task.Incident = inc.Number
	}
	if task.Row == "" {
		task.Row = task.spec().row
	}
	task.Created = t.now
	task.State = TaskScheduled
	task.Next = task.Start
	if !task.Start.After(t.now) {
		next, does := t.b.taskClock().advance(task, t.now)
		if does == announces {
			return next, t.announce(next, inc, late)
		}
		task.Next = next.Next
	}
	task.Late = late
	task.log(t.now, "", EventScheduled, "")
	return task, t.tx.PutTask(task)
}

// announce stores a task the clock has just opened and sends it to its
// assignee.
func (t *turn) announce(task Task, inc *Incident, late bool) error {
	if err := t.tx.PutTask(task); err != nil {
		return err
	}
	m := renderTask(task, inc, t.b.org, t.textsFor(task.Assignee))
	return t.sendTask(task.Assignee, task, t.lateNote(task.Assignee, late, m), shownTask)
}

// sendTask sends a task message tagged with the task, so every copy can be
// updated when the task changes; what names the kind of message for the
// audit trail of the task's incident.
func (t *turn) sendTask(to Email, task Task, m Message, what string) error {
	_, err := t.tx.Enqueue(Outgoing{To: to, Message: m, Tag: taskTag(task.ID),
		Audit: taskShown(task, to, what), Created: t.now})
	return err
}

func taskTag(id string) string { return "task:" + id }

// refreshTask stores a changed task and redraws every copy of its message.
func (t *turn) refreshTask(task Task) error {
	if err := t.tx.PutTask(task); err != nil {
		return err
	}
	inc, _ := t.incidentOf(task)
	refs, err := t.tx.SentRefs(taskTag(task.ID))
	if err != nil {
		return err
	}
	seen := map[Ref]bool{}
	for _, r := range refs {
		if seen[r.Ref] {
			continue
		}
		seen[r.Ref] = true
		if err := t.update(r.Ref, renderTask(task, inc, t.b.org, t.textsFor(r.To)), taskShown(task, r.To, shownTaskUpdate)...); err != nil {
			return err
		}
	}
	// A click on a copy not yet recorded (still in the outbox) is redrawn too.
	if t.ref != "" && !seen[t.ref] {
		return t.update(t.ref, renderTask(task, inc, t.b.org, t.tr), taskShown(task, t.person.Email, shownTaskUpdate)...)
	}
	return nil
}

// incidentOf returns the incident of a task, if it has one.
func (t *turn) incidentOf(task Task) (*Incident, error) {
	if task.Incident == "" {
		return nil, nil
	}
	inc, err := t.tx.Incident(task.Incident)
	if errors.Is(err, ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &inc, nil
}

// complete closes a task as done, records what it changes on the incident
// and redraws its messages.
func (t *turn) complete(task Task, outcome map[string]string, note string) error {
	task.State, task.Next = TaskDone, time.Time{}
	task.Reminded = true
	if len(outcome) > 0 {
		if task.Outcome == nil {
			task.Outcome = map[string]string{}
		}
		for k, v := range outcome {
			task.Outcome[k] = v
		}
	}
	task.log(t.now, t.person.Email, EventDone, note)
	if task.Kind == TaskFirstCare {
		if err := t.recordFirstCare(task, true); err != nil {
			return err
		}
	}
	return t.refreshTask(task)
}

// recordFirstCare stores on the incident when first care was taken up
// (M5), once: the first acknowledgement or completion counts; and, when
// given is set, when it was given: the moment its task is done.
func (t *turn) recordFirstCare(task Task, given bool) error {
	inc, err := t.incidentOf(task)
	if err != nil || inc == nil {
		return err
	}
	var changed []string
	if inc.FirstCareAt.IsZero() {
		inc.FirstCareAt, inc.FirstCareBy = t.now, t.person.Email
		changed = append(changed, "first_care")
	}
	if given && inc.CareGivenAt.IsZero() {
		inc.CareGivenAt, inc.CareGivenBy = t.now, t.person.Email
		changed = append(changed, "care_given")
	}
	if len(changed) == 0 {
		return nil
	}
	return t.saveIncident(*inc, AuditChange, strings.Join(changed, ","))
}
