package bot

import (
	"slices"

	"meldbot/bot/calendar"
	"meldbot/bot/policy"
)

// kindSpec is everything that sets one kind of task apart from another, in
// one place: the row of the policy it carries out, who carries it, what
// its message shows and offers, what "done" records, and how it counts in
// the register. The rest of the workflow reads it from here.
type kindSpec struct {
	// row is the row of the task matrix the kind carries out.
	row string
	// carrier is who carries a task of this kind.
	carrier carrier
	// form records the outcome when the task is done; "" for just done.
	form string
	// buttons are the buttons of its message.
	buttons buttonSet
	// facts is how much of the incident its message shows.
	facts facts
	// duty is something staff must do: it keeps the incident open and
	// counts among its open and overdue tasks. A check-in is an offer.
	duty bool
	// aftercare counts in the aftercare figures (M7): done in time or not.
	aftercare bool
	// care is care for the person it happened to (M5, M7): waiving it for
	// a serious incident needs a reason and tells the coordinator at once.
	care bool
	// lapses: asked, never chased — left unanswered it lapses quietly, and
	// its message names no deadline (a check-in).
	lapses bool
	// scheduled: timed by the schedule of the policy cycle; every other
	// kind is timed by its window in the working calendar.
	scheduled bool
}

// carrier says who carries a task.
type carrier int

const (
	// careGiver: the manager of the department it happened in, then the
	// other managers, the deputies and the coordinator; it follows whoever
	// manages the department when it starts.
	careGiver carrier = iota
	// theirManager: the manager of whoever asked for it.
	theirManager
	legalStaff    // Legal
	facilityStaff // facility staff of the location
	guard         // a security guard of the location (or the one who reported)
	theSubject    // the person it is about (a check-in)
	dutyRole      // the role of the policy's row, in its scope
)

// buttonSet is which buttons a task's message has.
type buttonSet int

const (
	workButtons    buttonSet = iota // Ik pak het op, Gedaan, Later, Niet nodig
	checkInButtons                  // Het gaat goed, Ik wil graag praten
	alarmButtons                    // Alles werkt, Defect gevonden, Later, Niet nodig
)

// facts is how much of the incident a task's message shows.
type facts int

const (
	// aboutAndWhat: whom it is about, and what, when and where (the care
	// givers).
	aboutAndWhat facts = iota
	// withTheWords: also the reporter's own description (first care, the
	// reaction toward the offender, the analysis).
	withTheWords
	// whatAndWords: what, when, where and the description, not whom (an
	// unsafe situation, assessed from the report itself).
	whatAndWords
	// onlyWhat: what, when and where: what the task needs, not the
	// reporter's words, which often name people.
	onlyWhat
)

// taskKinds are the kinds of task and what sets each apart.
var taskKinds = map[TaskKind]kindSpec{
	TaskFirstCare:     {row: "M5", carrier: careGiver, facts: withTheWords, duty: true, care: true},
	TaskContactToday:  {row: "M7", carrier: careGiver, duty: true, care: true},
	TaskAftercareTalk: {row: "M7", carrier: careGiver, duty: true, aftercare: true, care: true},
	TaskFollowUp:      {row: "M7", carrier: careGiver, duty: true, aftercare: true, care: true},
	TaskTalkRequest:   {row: "E11", carrier: theirManager, duty: true},
	TaskPolice:        {row: "M6", carrier: careGiver, form: "police", duty: true},
	TaskOffender:      {row: "M10", carrier: careGiver, form: "offender", facts: withTheWords, duty: true},
	TaskBanEnds:       {row: "M10", carrier: careGiver, duty: true},
	TaskAnalysis:      {row: "M9", carrier: careGiver, form: "analysis", facts: withTheWords, duty: true},
	TaskTeamMeeting:   {row: "M8", carrier: careGiver, duty: true},
	TaskUnsafe:        {row: "E10", carrier: careGiver, facts: whatAndWords, duty: true},
	TaskLegal:         {row: "M11", carrier: legalStaff, duty: true},
	TaskFacility:      {row: "F1", carrier: facilityStaff, facts: onlyWhat, duty: true},
	TaskSecurityEval:  {row: "G8", carrier: guard, form: "security_eval", facts: onlyWhat, duty: true},
	TaskCheckIn:       {row: "E11", carrier: theSubject, buttons: checkInButtons, facts: onlyWhat, lapses: true},
	TaskDuty:          {carrier: dutyRole, form: "duty", duty: true, scheduled: true},
	TaskAlarmTest:     {row: "F2", carrier: dutyRole, buttons: alarmButtons, duty: true, scheduled: true},
	TaskRepair:        {row: "F3", carrier: dutyRole, duty: true},
}

// spec returns what sets the task's kind apart.
func (t Task) spec() kindSpec { return taskKinds[t.Kind] }

// isDuty reports whether a task is something staff must do (see
// kindSpec.duty).
func isDuty(t Task) bool { return t.spec().duty }

// cares reports whether the subject's care-givers carry the task.
func (t Task) cares() bool { return t.spec().carrier == careGiver }

// roleOf returns the role a carrier needs, or "" when it is not one role.
func (c carrier) role() policy.Role {
	switch c {
	case legalStaff:
		return policy.RoleLegal
	case facilityStaff:
		return policy.RoleFacility
	case guard:
		return policy.RoleSecurity
	}
	return ""
}

// unwindowed returns the kinds of task of a table (taskKinds) the calendar
// has no window for, although they are timed by one: planning them would
// give them no time.
func unwindowed(cal *calendar.Calendar, kinds map[TaskKind]kindSpec) []TaskKind {
	var out []TaskKind
	for kind, spec := range kinds {
		if _, ok := cal.Window(string(kind), false); !ok && !spec.scheduled {
			out = append(out, kind)
		}
	}
	slices.Sort(out)
	return out
}
