package bot

import (
	"slices"
	"time"
)

// A disclosure is a message that shows a specific incident's data to a
// person: a task message, a notice of a new or serious report, the answer
// to /incident toon, a file with the register. Each carries the audit
// entries of what it shows (Outgoing.Audit), which enter the trail when it
// is delivered: who was shown which incident, through which kind of
// message. A message that never arrives leaves no entry.

// The kinds of message meldbot itself sends that show an incident (the
// What of an AuditShown entry).
const (
	shownTask       = "task"             // a task announced
	shownReminder   = "reminder"         // a task reminded, or back after a snooze
	shownEscalation = "escalation"       // a task escalated to the fallback
	shownTaskList   = "tasks"            // a task in /incident taken
	shownTaskUpdate = "task_update"      // a task message redrawn after a change
	shownTaskForm   = "task_form"        // recording a task's outcome
	shownReassigned = "reassigned"       // a task given to someone else
	shownRegistered = "registered"       // the reporter's confirmation
	shownNewReport  = "new_report"       // the coordinator's notice of a report
	shownForYou     = "reported_for_you" // the person a report was made for
	shownWitness    = "witness"          // a colleague named as a witness
	shownSerious    = "serious_notice"   // the clerk, board and communication of a serious one
	shownBan        = "ban_notice"       // the clerk and board of a visitor ban
	shownOnCall     = "on_call_notice"   // the manager, of first care that went to who is on call
	shownWaived     = "waived_notice"    // the coordinator, of care for a serious incident waived
)

// shown returns the audit entry of a message meldbot sends that shows the
// incident number to a person; what names the kind of message.
func shown(number string, to Email, what string) AuditEntry {
	return AuditEntry{To: to, Incident: number, Action: AuditShown, What: what}
}

// readFor returns the audit entry of showing the incident number to the
// person who asked to see it, for the purpose of the command ("show",
// "mine", …).
func readFor(viewer Email, number, purpose string) AuditEntry {
	v := viewer
	return AuditEntry{By: v, To: v, Incident: number, Action: AuditRead, What: purpose}
}

// taskShown returns the audit entries of a task message to a person: the
// task's incident; none for a task without one (a duty of the policy
// cycle, a talk request kept off the incident).
func taskShown(task Task, to Email, what string) []AuditEntry {
	if task.Incident == "" {
		return nil
	}
	return []AuditEntry{shown(task.Incident, to, what)}
}

// seen is what one person was shown of an incident: in how many messages
// or reads, of which kinds, from when to when.
type seen struct {
	to          Email
	n           int
	kinds       []string
	first, last time.Time
}

// seenBy sums up the disclosures among entries per person they went to, in
// order of who was shown it first: keep chooses the entries, kind names
// each (the same name is listed once).
func seenBy(entries []AuditEntry, keep func(AuditEntry) bool, kind func(AuditEntry) string) []*seen {
	var people []*seen
	byTo := map[Email]*seen{}
	for _, e := range entries {
		if !keep(e) {
			continue
		}
		s := byTo[e.To]
		if s == nil {
			s = &seen{to: e.To, first: e.At}
			byTo[e.To] = s
			people = append(people, s)
		}
		s.n, s.last = s.n+1, e.At
		if k := kind(e); !slices.Contains(s.kinds, k) {
			s.kinds = append(s.kinds, k)
		}
	}
	return people
}
