package bot

import (
	"fmt"
	"strconv"
	"time"

	"meldbot/bot/calendar"
)

// The time of every task of a report comes from the window of its kind in
// the organisation's calendar (calendar.DefaultWindows, changed by the
// organisation file): when it starts, how long it runs, in working or
// calendar time. Nothing here counts hours or days itself.

// planned returns a task of kind, its time planned for a reference moment
// ref (the report) and made at now: the first occurrence of its window,
// urgent when the report is (a serious incident, or the employee wants to
// talk now) and the window has an urgent form. Every kind planned here has
// a window: New refuses a calendar that lacks one (unwindowed).
func (b *Bot) planned(kind TaskKind, ref, now time.Time, urgent bool) Task {
	p, _ := b.cal.PlanMadeAt(string(kind), ref, now, urgent)
	return taskOfPlan(kind, p)
}

// plannedEach returns a task of kind per occurrence of its window, such as
// the follow-ups after 2 and 7 weeks.
func (b *Bot) plannedEach(kind TaskKind, ref time.Time) []Task {
	plans, _ := b.cal.PlanEach(string(kind), ref, false)
	out := make([]Task, len(plans))
	for i, p := range plans {
		out[i] = taskOfPlan(kind, p)
	}
	return out
}

func taskOfPlan(kind TaskKind, p calendar.Plan) Task {
	return Task{Kind: kind, Start: p.Start, Due: p.Due, Urgent: p.Urgent}
}

// reportTasks returns the tasks that follow a report, made at now, in the
// order they are given, each with its kind, time and note but without
// the people who carry it (followUp routes them by kind):
//   - an unsafe situation (E10): its assessment, and adapting the
//     workplace when the report asks for it (F1);
//   - any other report: first care (M5), urgent when serious or the
//     employee wants to talk now; contact today and the aftercare talk and
//     follow-ups (M7); support for the police report or melding (M6, E8,
//     E9); the reaction toward the offender (M10); the analysis (M9); the
//     team meeting for a serious incident (M8); Legal for material damage
//     (M11), facility staff for the workplace (F1), the guard's own
//     evaluation (G8), and the check-ins the employee asked for (E11).
//
// Their times count from the moment the report was registered, also when
// its follow-up comes later (a crash came in between): a task then starts
// no earlier than now, and keeps its deadline where it can.
func (b *Bot) reportTasks(inc Incident, now time.Time) []Task {
	ref := inc.ReportedAt
	if ref.IsZero() || ref.After(now) {
		ref = now
	}
	var out []Task
	add := func(kind TaskKind, urgent bool, note string) {
		task := b.planned(kind, ref, now, urgent)
		task.Note = note
		out = append(out, task)
	}
	if OnlyUnsafe(inc.Categories()) {
		add(TaskUnsafe, false, "")
		if inc.WorkplaceMeasure() {
			add(TaskFacility, false, "")
		}
		return out
	}
	urgent := inc.Serious || inc.TalkNow()
	add(TaskFirstCare, urgent, "")
	// Contact today follows first care, urgent or not.
	add(TaskContactToday, urgent, "")
	add(TaskAftercareTalk, false, "")
	followUps := b.plannedEach(TaskFollowUp, ref)
	for i, task := range followUps {
		task.ID = incidentTaskID(inc.Number, TaskFollowUp, strconv.Itoa(i+1))
		task.Note = fmt.Sprintf("%d/%d", i+1, len(followUps))
		out = append(out, task)
	}
	switch {
	case inc.Police().Supported():
		add(TaskPolice, false, "aangifte")
	case inc.Police() == PoliceNo && inc.PoliceMelding():
		add(TaskPolice, false, "melding")
	}
	add(TaskOffender, false, inc.Party())
	add(TaskAnalysis, false, "")
	if inc.Serious {
		add(TaskTeamMeeting, false, "")
	}
	if inc.Damage() {
		add(TaskLegal, false, "")
	}
	if inc.WorkplaceMeasure() {
		add(TaskFacility, false, "")
	}
	if inc.SecurityInvolved() {
		add(TaskSecurityEval, false, "")
	}
	if inc.WantsCheckIns() {
		out = append(out, b.checkInTasks(inc.Number, inc.Subject, ref)...)
	}
	return out
}

// replanStored gives a task of an incident that is about to be announced
// the time its window gives, when its deadline lies before its start: a
// task planned by a meldbot before the working calendar (such as an
// aftercare talk due on the Sunday before the Monday it started). Every
// other task keeps the time it was planned with.
func (b *Bot) replanStored(task *Task, inc *Incident, now time.Time) {
	if inc == nil || !task.Due.Before(task.Start) {
		return
	}
	p, ok := b.cal.PlanMadeAt(string(task.Kind), inc.ReportedAt, now, inc.Serious || inc.TalkNow())
	if ok {
		task.Start, task.Due, task.Urgent = p.Start, p.Due, p.Urgent
	}
}

// checkInTasks returns the check-ins with someone after an incident
// (E11), for an offer accepted at ref: one per start of the window.
func (b *Bot) checkInTasks(number string, who Email, ref time.Time) []Task {
	tasks := b.plannedEach(TaskCheckIn, ref)
	for i := range tasks {
		tasks[i].ID, tasks[i].Assignee = checkInID(number, who, i+1), who
	}
	return tasks
}
