package bot

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"meldbot/bot/form"
	"meldbot/bot/register"
)

// mineCommand handles /incident mijn: the reports a person made or that
// are about them, newest first, each with where it stands. "/incident mijn
// gegevens" gives everything stored about them instead.
func (t *turn) mineCommand(rest string) error {
	switch form.Fold(rest) {
	case "":
	case "gegevens", "data", "my data", "mijn gegevens", "privacy", "avg", "gdpr":
		return t.myData()
	default:
		return t.reply(Message{Text: t.tr.T("command.unknown", "Word", "mijn "+rest) + "\n\n" + t.commandList()})
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
	line := fmt.Sprintf("*%s* — %s — %s", inc.Number, tr.Moment(inc.Occurred()), register.CategoryNames(tr, inc.Categories()))
	me := t.person.Email
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
	return t.tr.T("mine.state.progress", "Done", done, "Count", all)
}
