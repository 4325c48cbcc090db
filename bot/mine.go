package bot

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
)

// mineCommand handles /incident mijn: the reports a person made or that
// are about them, newest first, each with where it stands. "/incident mijn
// gegevens" gives everything stored about them instead.
func (t *turn) mineCommand(rest string) error {
	switch fold(rest) {
	case "":
	case "gegevens", "data", "my data", "mijn gegevens", "privacy", "avg", "gdpr":
		return t.myData()
	default:
		return t.reply(Message{Text: t.tr.T("command.unknown", "Word", "mijn "+rest) + "\n\n" + t.tr.T("help.commands")})
	}
	incs, err := t.ownIncidents("mine")
	if err != nil {
		return err
	}
	if len(incs) == 0 {
		return t.reply(Message{Text: t.tr.T("mine.none")})
	}
	var b strings.Builder
	b.WriteString(t.tr.T("mine.header", "Count", len(incs)))
	var audit []AuditEntry
	for _, v := range incs {
		line, err := t.incidentLine(v)
		if err != nil {
			return err
		}
		b.WriteString("\n• " + line)
		audit = append(audit, readFor(t.person.Email, v.inc.Number, "mine"))
	}
	b.WriteString("\n\n" + t.tr.T("mine.hint"))
	return t.reply(Message{Text: b.String()}, audit...)
}

// viewed is an incident as a person may see it.
type viewed struct {
	inc    Incident
	access Access
}

// ownIncidents returns the incidents a person reported or that are about
// them, newest number first, each granted as readIncident does: the
// message that shows them carries their reads (readFor) with purpose.
func (t *turn) ownIncidents(purpose string) ([]viewed, error) {
	incs, err := t.tx.IncidentsOf(t.person.Email)
	if err != nil {
		return nil, err
	}
	var out []viewed
	for _, inc := range incs {
		access, err := t.grant(t.person, inc, purpose)
		if errors.Is(err, ErrNotAllowed) {
			continue
		}
		if err != nil {
			return nil, err
		}
		out = append(out, viewed{inc, access})
	}
	slices.Reverse(out) // IncidentsOf gives the oldest number first
	return out, nil
}

// incidentLine is one line of /incident mijn: number, when, what, for whom,
// and where it stands.
func (t *turn) incidentLine(v viewed) (string, error) {
	inc, tr := v.inc, t.tr
	line := fmt.Sprintf("*%s* — %s — %s", inc.Number, formatMoment(tr, inc.Occurred), categoryNames(tr, inc.Categories))
	me := NormalizeEmail(t.person.Email)
	switch {
	case inc.Subject != me && inc.Subject != "":
		line += " — " + tr.T("mine.for", "Name", Person{Name: inc.SubjectName, Email: inc.Subject}.DisplayName())
	case inc.Reporter != me && inc.Reporter != "":
		line += " — " + tr.T("mine.by", "Name", Person{Name: inc.ReporterName, Email: inc.Reporter}.DisplayName())
	}
	if v.inc.Status == StatusClosed {
		return line + " — " + t.state(v, nil), nil
	}
	tasks, err := t.tasksFor(v)
	if err != nil {
		return "", err
	}
	return line + " — " + t.state(v, tasks), nil
}

// tasksFor returns an incident's tasks for a reader who may see them, and
// none for one who may not.
func (t *turn) tasksFor(v viewed) ([]Task, error) {
	if !v.seesTasks() {
		return nil, nil
	}
	return t.tx.TasksOfIncident(v.inc.Number)
}

// seesTasks reports whether the reader may see the incident's tasks.
func (v viewed) seesTasks() bool { return v.access >= FullAccess }

// state says where an incident stands: closed, or being handled — with how
// many of its tasks are done when the tasks are shown to the reader.
func (t *turn) state(v viewed, tasks []Task) string {
	if v.inc.Status == StatusClosed {
		return t.tr.T("mine.state.closed")
	}
	if !v.seesTasks() {
		return t.tr.T("mine.state.open")
	}
	done, all := 0, 0
	for _, task := range tasks {
		if !isDuty(task) {
			continue
		}
		all++
		if task.Closed() {
			done++
		}
	}
	return t.tr.T("mine.state.progress", "Done", done, "All", all)
}

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
		return t.reply(Message{Text: t.tr.T("show.not_allowed", "Number", strings.ToUpper(strings.TrimSpace(number)))})
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
		b.WriteString("\n" + tr.T("show.purged", "At", formatTime(tr, inc.PurgedAt)))
	}
	field := func(step, value string) {
		if strings.TrimSpace(value) != "" {
			fmt.Fprintf(&b, "\n• %s: %s", tr.T("step."+step+".label"), value)
		}
	}
	opt := func(step, key string) string {
		if key == "" {
			return ""
		}
		return tr.T("opt." + step + "." + key)
	}
	yesNo := func(v bool) string {
		if v {
			return tr.T("show.yes")
		}
		return tr.T("show.no")
	}
	b.WriteString("\n\n" + tr.T("show.report"))
	field("categories", categoryNames(tr, inc.Categories))
	field("channel", opt("channel", inc.Channel))
	field("when", formatMoment(tr, inc.Occurred))
	if d, ok := org.Department(inc.Department); ok {
		field("department", d.Name)
	}
	place := inc.LocationText
	if l, ok := org.Location(inc.Location); ok {
		place = l.Name
	}
	field("location", place)
	if inc.Reporter != "" {
		fmt.Fprintf(&b, "\n• %s", tr.T("facts.reporter", "Name", inc.ReporterName, "Email", inc.Reporter))
	}
	if inc.Subject != inc.Reporter && inc.Subject != "" {
		fmt.Fprintf(&b, "\n• %s", tr.T("show.subject", "Name", Person{Name: inc.SubjectName, Email: inc.Subject}.DisplayName()))
	}
	field("description", inc.Description)
	field("party", opt("party", inc.Party))
	field("party_name", inc.PartyName)
	field("party_count", opt("party_count", inc.PartyCount))
	field("weapon", yesNo(inc.Weapon))
	field("injury", opt("injury", inc.Injury))
	field("absence", opt("absence", inc.Absence))
	field("damage", yesNo(inc.Damage))
	field("impact", opt("impact", inc.Impact))
	field("witnesses", inc.Witnesses)
	field("police", opt("police", inc.Police))
	field("police_ref", inc.PoliceRef)
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
	sort.SliceStable(tasks, func(i, j int) bool { return tasks[i].Start.Before(tasks[j].Start) })
	b.WriteString("\n\n" + tr.T("show.tasks"))
	for _, task := range tasks {
		title := taskTitle(task, tr)
		who := org.NameOf(task.Assignee)
		line := fmt.Sprintf("\n• %s — %s — ", title, who)
		switch {
		case task.Closed() || task.State == TaskAcknowledged || task.State == TaskEscalated:
			line += stateLine(task, org, tr)
		case task.State == TaskScheduled:
			line += tr.T("show.task.scheduled", "At", formatTime(tr, task.Start))
		case task.Kind == TaskCheckIn:
			// A check-in asks; like its message, it names no deadline.
			line += tr.T("show.task.asked")
		default:
			line += tr.T("show.task.open", "Due", formatTime(tr, task.Due))
		}
		b.WriteString(line)
	}
	if history := t.historyInOrder(tasks); len(history) > 0 {
		b.WriteString("\n\n" + tr.T("show.history") + "\n• " + strings.Join(history, "\n• "))
	}
	return b.String(), nil
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
			if e.By != "" || e.What == "escalated" || e.What == "reassigned" {
				all = append(all, event{e, title})
			}
		}
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].e.At.Before(all[j].e.At) })
	var out []string
	for _, ev := range all {
		name := tr.T("show.meldbot")
		if ev.e.By != "" {
			name = org.NameOf(ev.e.By)
		}
		out = append(out, fmt.Sprintf("%s — %s: %s (%s)", formatTime(tr, ev.e.At), name, tr.T("show.event."+ev.e.What), ev.title))
	}
	return out
}

// recorded lists what the follow-up recorded on an incident.
func (t *turn) recorded(inc Incident) []string {
	tr, org := t.tr, t.b.org
	var out []string
	if !inc.FirstCareAt.IsZero() {
		d, _ := inc.TimeToFirstCare()
		out = append(out, tr.T("show.first_care", "At", formatTime(tr, inc.FirstCareAt),
			"Name", org.NameOf(inc.FirstCareBy), "After", formatDuration(tr, d)))
	}
	if inc.PoliceOutcome != "" {
		out = append(out, tr.T("show.police_outcome", "Outcome", tr.T("opt.police_outcome."+inc.PoliceOutcome), "Ref", inc.RecordedPoliceRef))
	}
	if m := inc.Measure; m != nil {
		s := tr.T("show.measure", "Measure", tr.T("opt.measure."+m.Kind))
		if !m.Until.IsZero() {
			s += " " + tr.T("show.until", "Until", formatTime(tr, m.Until))
		}
		if m.Reason != "" {
			s += ": " + m.Reason
		}
		out = append(out, s)
	}
	if inc.Analysis != "" {
		out = append(out, tr.T("show.analysis", "Text", inc.Analysis))
	}
	if inc.SecurityEval != "" {
		out = append(out, tr.T("show.security_eval", "Text", inc.SecurityEval))
	}
	return out
}
