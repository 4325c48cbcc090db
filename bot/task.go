package bot

import (
	"slices"
	"time"

	"meldbot/bot/locale"
	"meldbot/bot/policy"
)

// TaskKind says what a task asks of its assignee. Each kind belongs to a row
// of the policy's task matrix.
type TaskKind string

// The tasks that follow a report.
const (
	TaskFirstCare     TaskKind = "first_care"     // M5: first care by the manager, at once
	TaskContactToday  TaskKind = "contact_today"  // M7: a contact on the same day
	TaskAftercareTalk TaskKind = "aftercare_talk" // M7: the aftercare talk within 72 hours
	TaskFollowUp      TaskKind = "follow_up"      // M7: follow-ups after ~2 and 6–8 weeks
	TaskTalkRequest   TaskKind = "talk_request"   // E11: the employee asked for a talk
	TaskPolice        TaskKind = "police"         // M6, E8, E9: support the police report or melding
	TaskOffender      TaskKind = "offender"       // M10: a reaction toward the offender within 48 hours
	TaskBanEnds       TaskKind = "ban_ends"       // M10: a ban ends in a week
	TaskAnalysis      TaskKind = "analysis"       // M9: record the conclusion of the analysis
	TaskTeamMeeting   TaskKind = "team_meeting"   // M8: discuss a serious incident in the team meeting
	TaskUnsafe        TaskKind = "unsafe"         // E10: assess an unsafe situation
	TaskLegal         TaskKind = "legal"          // M11: material damage, recover it
	TaskFacility      TaskKind = "facility"       // F1: adapt the physical workplace
	TaskSecurityEval  TaskKind = "security_eval"  // G8: the guard evaluates their own intervention
	TaskCheckIn       TaskKind = "check_in"       // E11: a gentle check-in with the employee
	TaskDuty          TaskKind = "duty"           // a recurring duty of the policy cycle (R rows)
	TaskAlarmTest     TaskKind = "alarm_test"     // F2: test the alarm buttons of a location
	TaskRepair        TaskKind = "repair"         // F3: a defect found stays open until fixed
)

// TaskState is where a task stands.
type TaskState string

// Task states: scheduled → open → acknowledged → done, or not needed; a task
// can be snoozed, and an open task that nobody takes up is escalated.
const (
	TaskScheduled    TaskState = "scheduled"    // not yet announced
	TaskOpen         TaskState = "open"         // announced, nobody took it up yet
	TaskAcknowledged TaskState = "acknowledged" // someone is on it
	TaskSnoozed      TaskState = "snoozed"      // asked again later
	TaskEscalated    TaskState = "escalated"    // nobody took it up in time; others were told
	TaskLapsed       TaskState = "lapsed"       // a check-in left unanswered; its buttons still work
	TaskDone         TaskState = "done"
	TaskNotNeeded    TaskState = "not_needed"
)

// Task is something a person must do, with a deadline. Tasks are stored and
// fired by time (Next): a reminder when the deadline passes, then escalation.
// Every change is recorded in History.
type Task struct {
	ID       string   `json:"id"` // e.g. GIR-2026-0001/first_care, F2/2026-11/stadhuis
	Kind     TaskKind `json:"kind"`
	Incident string   `json:"incident,omitempty"`
	// Row is the row of the task matrix the task carries out (M5, F2…).
	Row string `json:"row,omitempty"`
	// Title and Body, per language, describe a duty of the policy cycle;
	// tasks of a report take theirs from the catalogue by Kind.
	Title map[locale.Lang]string `json:"title,omitempty"`
	Body  map[locale.Lang]string `json:"body,omitempty"`
	// Assignee is who must act; Fallback is who is told, in order, when the
	// assignee does not. Watchers are everyone who got the task message.
	Assignee Email   `json:"assignee"`
	Fallback []Email `json:"fallback,omitempty"`
	Watchers []Email `json:"watchers,omitempty"`

	Created time.Time `json:"created"`
	// Start is when the task is announced; Due its deadline. Both come
	// from the window of its kind (the organisation's calendar), for the
	// tasks of a report; a duty of the policy cycle has its own.
	Start time.Time `json:"start"`
	Due   time.Time `json:"due"`
	// Given is when its assignee got the task: announced to them, or
	// handed over to them. Reminders and escalations count the
	// assignee's time with the task from here; a task stored by an older
	// meldbot has none and counts from Start.
	Given time.Time `json:"given,omitempty"`
	// Late is set when a moment of the task passed while meldbot was down
	// and its message waits for working hours: that message says it comes
	// late.
	Late bool `json:"late,omitempty"`
	// Urgent tasks are reminded and escalated outside working hours too.
	Urgent bool `json:"urgent,omitempty"`
	// Note holds extra text for the task message, e.g. which follow-up or
	// the location of a duty; Period is the period of a duty ("2026-11").
	Note   string `json:"note,omitempty"`
	Period string `json:"period,omitempty"`
	// EscalateAfter overrides the organisation's escalation delay, in
	// working time; RemindEvery repeats the reminder until the task is
	// done (a defect stays chased until fixed).
	EscalateAfter time.Duration `json:"escalate_after,omitempty"`
	RemindEvery   time.Duration `json:"remind_every,omitempty"`

	State TaskState `json:"state"`
	// SnoozedFrom is the state to return to when a snooze ends.
	SnoozedFrom TaskState `json:"snoozed_from,omitempty"`
	Reminded    bool      `json:"reminded,omitempty"`
	// Stranded is set when the task was due to be escalated and there was
	// nobody to pass it on to: it stays with its assignee, reminded.
	Stranded bool `json:"stranded,omitempty"`
	// Next is when the task fires next (announce, remind, escalate, end of
	// a snooze); zero when nothing is planned.
	Next time.Time `json:"next,omitzero"`

	// Outcome holds what the assignee recorded (police reference, measure…).
	Outcome map[string]string `json:"outcome,omitempty"`
	History []TaskEvent       `json:"history,omitempty"`
}

// TaskEvent is one line of a task's history: who did what, when.
type TaskEvent struct {
	At   time.Time     `json:"at"`
	By   Email         `json:"by,omitempty"` // e-mail; empty for meldbot itself
	What TaskEventKind `json:"what"`
	Note string        `json:"note,omitempty"`
}

// TaskEventKind is what a line of a task's history records. The history
// says what happened; what a task is now is its State.
type TaskEventKind string

// The kinds of history line.
const (
	EventScheduled    TaskEventKind = "scheduled"     // made, to be announced at its start
	EventAnnounced    TaskEventKind = "announced"     // sent to its assignee
	EventReminded     TaskEventKind = "reminded"      // reminded of its deadline
	EventEscalated    TaskEventKind = "escalated"     // passed on to the fallback
	EventNotEscalated TaskEventKind = "not_escalated" // due for escalation, with nobody to pass it on to
	EventAcknowledged TaskEventKind = "acknowledged"  // someone took it up
	EventSnoozed      TaskEventKind = "snoozed"       // put aside until Note
	EventSnoozeEnded  TaskEventKind = "snooze_ended"  // back after a snooze
	EventDone         TaskEventKind = "done"          // done
	EventNotNeeded    TaskEventKind = "not_needed"    // closed as not needed, Note says why
	EventLapsed       TaskEventKind = "lapsed"        // a check-in left unanswered
	EventReassigned   TaskEventKind = "reassigned"    // handed to someone else (the organisation changed)
)

// Closed reports whether nothing more is expected of the task.
func (t Task) Closed() bool { return t.State == TaskDone || t.State == TaskNotNeeded }

// Active reports whether the task is announced and not closed.
func (t Task) Active() bool { return !t.Closed() && t.State != TaskScheduled }

// Outstanding reports whether the task still asks something of someone:
// announced and not closed, and not a check-in left unanswered (which stays
// open for a late answer, but is no longer something to do).
func (t Task) Outstanding() bool { return t.Active() && !t.lapsed() }

// log appends a history line.
func (t *Task) log(at time.Time, by Email, what TaskEventKind, note string) {
	t.History = append(t.History, TaskEvent{At: at, By: by, What: what, Note: note})
}

// logged reports whether the history has a line of the given kind.
func (t Task) logged(what TaskEventKind) bool {
	return slices.ContainsFunc(t.History, func(e TaskEvent) bool { return e.What == what })
}

// watch adds people to those who got the task message.
func (t *Task) watch(emails ...Email) {
	for _, e := range emails {
		if e != "" && !slices.Contains(t.Watchers, e) {
			t.Watchers = append(t.Watchers, e)
		}
	}
}

// MayAct reports whether a person may act on the task: the assignee, anyone
// it was escalated to, and the coordinators.
func (t Task) MayAct(email Email, org *Organisation) bool {
	if email == t.Assignee || slices.Contains(t.Watchers, email) {
		return true
	}
	p, _ := org.Person(email)
	return p.Has(policy.RoleCoordinator)
}

// TaskTx stores tasks and the messages that show them.
type TaskTx interface {
	// Task returns a task by ID, or ErrNotFound.
	Task(id string) (Task, error)
	// PutTask stores a task and keeps the indexes by Next and by person.
	PutTask(t Task) error
	// DueTasks returns up to limit tasks whose Next is not after until,
	// earliest first.
	DueTasks(until time.Time, limit int) ([]Task, error)
	// TasksOf returns the tasks whose assignee or watchers include person.
	TasksOf(person Email) ([]Task, error)
	// TaskPeople returns everyone who is the assignee or a watcher of a
	// stored task, once each, in order.
	TaskPeople() ([]Email, error)
	// TasksOfIncident returns the tasks of an incident.
	TasksOfIncident(number string) ([]Task, error)
	// TasksOfRow returns the tasks that carry out a row of the matrix.
	TasksOfRow(row string) ([]Task, error)
}
