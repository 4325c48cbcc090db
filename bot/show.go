package bot

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// showCommand handles /incident toon GIR-2026-0042: one incident as the
// person may see it, with its tasks and history for those who may see
// those. A number that does not exist and one the person may not see get
// the same answer.
func (t *turn) showCommand(number string) error {
	if strings.TrimSpace(number) == "" {
		return t.reply(Message{Text: t.tr.T("show.which")})
	}
	inc, access, err := t.readIncident(t.person, number, "show")
	if errors.Is(err, ErrNotAllowed) {
		return t.refuseShow(strings.ToUpper(strings.TrimSpace(number)))
	}
	if err != nil {
		return err
	}
	view, err := t.incidentView(inc, access)
	if err != nil {
		return err
	}
	return t.reply(Message{Text: view}, readFor(t.person.Email, inc.Number, "show"))
}

// incidentView renders an incident for a reader with the given access.
func (t *turn) incidentView(inc Incident, access Access) (string, error) {
	tr, org := t.tr, t.b.org
	var b strings.Builder
	title := "*" + inc.Number + "*"
	if inc.Serious {
		title += " " + tr.T("task.serious")
	}
	tasks, err := t.tasksFor(viewed{inc, access})
	if err != nil {
		return "", err
	}
	b.WriteString(title + " — " + t.state(viewed{inc, access}, tasks))
	if !inc.PurgedAt.IsZero() {
		b.WriteString("\n" + tr.T("show.purged", "At", tr.Time(inc.PurgedAt)))
	}
	b.WriteString("\n\n" + tr.T("show.report"))
	if inc.Reporter != "" {
		fmt.Fprintf(&b, "\n• %s", tr.T("facts.reporter", "Name", inc.ReporterName, "Email", inc.Reporter))
	}
	if inc.Subject != inc.Reporter && inc.Subject != "" {
		fmt.Fprintf(&b, "\n• %s", tr.T("show.subject", "Name", Person{Name: inc.SubjectName, Email: inc.Subject}.DisplayName()))
	}
	// The report as made: every answer, in the order of the form, as the
	// summary showed it before it was sent.
	e := env{a: inc.Report, forOther: inc.Subject != inc.Reporter, org: org, tr: tr}
	for _, s := range reportForm.Steps {
		if a, ok := inc.Report[s.ID]; ok {
			fmt.Fprintf(&b, "\n• %s: %s", tr.T("step."+s.ID+".label"), displayAnswer(s, a, e))
		}
	}
	if reasons := seriousReasonNames(tr, inc); reasons != "" {
		b.WriteString("\n• " + tr.T("show.serious", "Reasons", reasons))
	}
	if access < FullAccess {
		return b.String(), nil
	}
	if lines := t.recorded(inc); len(lines) > 0 {
		b.WriteString("\n\n" + tr.T("show.recorded") + "\n• " + strings.Join(lines, "\n• "))
	}
	if len(tasks) == 0 {
		return b.String(), nil
	}
	// In the order they start, and of those starting together the first
	// due first: first care before contact today.
	slices.SortStableFunc(tasks, func(a, b Task) int { return cmp.Or(a.Start.Compare(b.Start), a.Due.Compare(b.Due)) })
	// The duties, which the state above counts, apart from the check-ins,
	// which it does not: an offer is not a task someone must finish.
	var duties, checkIns []Task
	for _, task := range tasks {
		if isDuty(task) {
			duties = append(duties, task)
		} else {
			checkIns = append(checkIns, task)
		}
	}
	t.taskLines(&b, "show.tasks", duties)
	t.taskLines(&b, "show.check_ins", checkIns)
	if history := t.historyInOrder(tasks); len(history) > 0 {
		b.WriteString("\n\n" + tr.T("show.history") + "\n• " + strings.Join(history, "\n• "))
	}
	return b.String(), nil
}

// taskLines writes a section of an incident's tasks under its heading: per
// task, who carries it and where it stands. An empty section is left out.
func (t *turn) taskLines(b *strings.Builder, heading string, tasks []Task) {
	if len(tasks) == 0 {
		return
	}
	tr, org := t.tr, t.b.org
	b.WriteString("\n\n" + tr.T(heading, "Count", len(tasks)))
	for _, task := range tasks {
		fmt.Fprintf(b, "\n• %s — %s — %s", taskTitle(task, tr), org.NameOf(task.Assignee), t.taskState(task))
	}
}

// taskState says where a task stands: done, taken up or passed on (by
// whom, when), planned, or open until its deadline.
func (t *turn) taskState(task Task) string {
	tr := t.tr
	switch {
	case task.Closed() || task.State == TaskAcknowledged || task.State == TaskEscalated:
		return stateLine(task, t.b.org, tr)
	case task.State == TaskScheduled:
		return tr.T("show.task.scheduled", "At", tr.Time(task.Start))
	case task.spec().lapses:
		// A check-in asks; like its message, it names no deadline.
		return tr.T("show.task.asked")
	}
	return tr.T("show.task.open", "Due", tr.Time(task.Due))
}

// historyInOrder lists what people did on an incident's tasks, in order of
// time.
func (t *turn) historyInOrder(tasks []Task) []string {
	tr, org := t.tr, t.b.org
	type event struct {
		e     TaskEvent
		title string
	}
	var all []event
	for _, task := range tasks {
		title := taskTitle(task, tr)
		for _, e := range task.History {
			if e.By != "" || e.What == EventEscalated || e.What == EventReassigned {
				all = append(all, event{e, title})
			}
		}
	}
	slices.SortStableFunc(all, func(a, b event) int { return a.e.At.Compare(b.e.At) })
	var out []string
	for _, ev := range all {
		name := tr.T("show.meldbot")
		if ev.e.By != "" {
			name = org.NameOf(ev.e.By)
		}
		out = append(out, fmt.Sprintf("%s — %s: %s (%s)", tr.Time(ev.e.At), name, tr.T("show.event."+string(ev.e.What)), ev.title))
	}
	return out
}

// recorded lists what the follow-up recorded on an incident.
func (t *turn) recorded(inc Incident) []string {
	tr, org := t.tr, t.b.org
	var out []string
	if !inc.FirstCareAt.IsZero() {
		d, _ := inc.TimeToFirstCare()
		out = append(out, tr.T("show.first_care", "At", tr.Time(inc.FirstCareAt),
			"Name", org.NameOf(inc.FirstCareBy), "After", tr.Duration(d)))
	}
	if d, ok := inc.TimeToCareGiven(); ok {
		out = append(out, tr.T("show.care_given", "At", tr.Time(inc.CareGivenAt),
			"Name", org.NameOf(inc.CareGivenBy), "After", tr.Duration(d)))
	}
	if inc.PoliceOutcome() != "" {
		out = append(out, tr.T("show.police_outcome", "Outcome", tr.T("opt.police_outcome."+inc.PoliceOutcome()), "Ref", inc.Recorded.Text("police_reference")))
	}
	if m := inc.Measure(); m != "" {
		s := tr.T("show.measure", "Measure", tr.T("opt.measure."+m))
		if until := inc.MeasureUntil(); !until.IsZero() {
			s += " " + tr.T("show.until", "Until", tr.Time(until))
		}
		if reason := inc.Recorded.Text("measure_reason"); reason != "" {
			s += ": " + reason
		}
		out = append(out, s)
	}
	if inc.Recorded.Text("conclusion") != "" {
		out = append(out, tr.T("show.analysis", "Text", inc.Recorded.Text("conclusion")))
	}
	if inc.Recorded.Text("evaluation") != "" {
		out = append(out, tr.T("show.security_eval", "Text", inc.Recorded.Text("evaluation")))
	}
	return out
}
