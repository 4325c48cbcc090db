package bot

import (
	"strings"

	"meldbot/bot/form"
	"meldbot/bot/locale"
	"meldbot/bot/policy"
	"meldbot/bot/register"

	"meldbot/bot/when"
)

// confirm registers the report: it gets the next GIR number, the
// conversation ends, the reporter is told the number and what happens next,
// and its follow-up is marked as due (followuplater.go). All of it in the
// turn's transaction.
func (r *formCtx) confirm() error {
	inc := r.incident()
	seq, err := r.tx.NextIncidentSeq(r.now.Year())
	if err != nil {
		return err
	}
	inc.Number = IncidentNumber(r.now.Year(), seq)
	if err := r.tx.DeleteConversation(r.conv.User); err != nil {
		return err
	}
	if err := r.showChosen(r.tr.T("report.summary.send")); err != nil {
		return err
	}
	if err := r.reported(inc); err != nil {
		return err
	}
	r.b.log.Info().Str("incident", inc.Number).Bool("serious", inc.Serious).Str("department", inc.Department()).Msg("incident reported")
	// The mark first: a report whose follow-up is still to come is open.
	if err := r.followUpLater(inc.Number); err != nil {
		return err
	}
	return r.saveIncident(inc, AuditCreate, "")
}

// incident turns the answers on the report's path into an incident, not
// yet numbered. Answers to questions that no longer apply are left out. A
// security guard's own report involves a guard: the question is not asked.
func (r *formCtx) incident() Incident {
	reporter := r.person
	inc := Incident{
		ReportedAt:    r.now,
		Reporter:      reporter.Email,
		ReporterName:  reporter.Name,
		Subject:       reporter.Email,
		SubjectName:   reporter.Name,
		Report:        reportForm.OnPath(r.env()),
		MarkedSerious: r.conv.Answers.Yes("serious"),
		Status:        StatusOpen,
	}
	if r.conv.Subject != "" {
		inc.Subject, inc.SubjectName = r.conv.Subject, r.conv.SubjectName
	}
	if _, ok := inc.Report["when"]; !ok {
		inc.Report["when"] = form.Answer{Moment: &when.Moment{Time: r.now, Precision: when.Minute}}
	}
	if reporter.Has(policy.RoleSecurity) && guardMayHaveActed(r.env()) {
		inc.Report["security"] = form.Answer{Keys: []string{"yes"}}
	}
	inc.Serious = len(inc.SeriousReasons()) > 0
	return inc
}

// reported tells the reporter the number and what happens next, and the
// coordinator of every report at once, serious ones marked (C5). The
// lighter report of an unsafe situation goes to the manager only (E10).
func (r *formCtx) reported(inc Incident) error {
	manager, _ := r.org.careGivers(inc.Department(), inc.Subject)
	// What happens next is told about the reporter, or about the person
	// the report is for: "Toms leidinggevende, Henk de Boer, …".
	whom := ""
	if inc.Subject != inc.Reporter {
		whom = "_other"
	}
	name := firstNameOr(inc.SubjectName, inc.Subject)
	line := func(key string) string {
		return r.tr.T("report.next."+key+whom, "Name", name, "Whose", r.tr.Possessive(name),
			"Manager", r.org.PersonOrGuest(User{Email: manager}).DisplayName())
	}
	var next []string
	switch {
	case OnlyUnsafe(inc.Categories()):
		next = append(next, line("unsafe"))
	default:
		next = append(next, line("manager"))
		if inc.TalkNow() {
			next = append(next, line("talk_now"))
		}
		switch {
		case inc.Police().Supported():
			next = append(next, line("police"))
		case inc.Police() == PoliceNo && inc.PoliceMelding():
			next = append(next, line("melding"))
		}
		if inc.WantsCheckIns() || whom != "" {
			next = append(next, line("checkins"))
		}
		next = append(next, r.tr.T("report.next.coordinator"))
	}
	text := r.tr.T("report.done", "Number", inc.Number) + "\n\n" + r.tr.T("report.next.title") + "\n• " + strings.Join(next, "\n• ")
	if len(r.org.Support) > 0 && !OnlyUnsafe(inc.Categories()) {
		text += "\n\n" + r.tr.T("report.support") + "\n• " + strings.Join(r.org.Support, "\n• ")
	}
	if err := r.reply(Message{Text: text}, shown(inc.Number, r.person.Email, shownRegistered)); err != nil {
		return err
	}
	if OnlyUnsafe(inc.Categories()) {
		return nil
	}
	for _, c := range r.org.coordinatorsExcept(inc.Subject) {
		if err := r.send(c, r.incidentNotice(inc, r.textsFor(c)), shown(inc.Number, c, shownNewReport)); err != nil {
			return err
		}
	}
	return nil
}

// incidentNotice is the message that tells the coordinator of a new report.
func (r *formCtx) incidentNotice(inc Incident, tr locale.Texts) Message {
	var b strings.Builder
	if inc.Serious {
		b.WriteString(tr.T("notice.new_serious", "Number", inc.Number, "Reasons", seriousReasonNames(tr, inc)))
	} else {
		b.WriteString(tr.T("notice.new", "Number", inc.Number))
	}
	b.WriteString("\n")
	b.WriteString(r.facts(inc, tr))
	if involve := involved(inc, tr); involve != "" {
		b.WriteString("\n" + tr.T("notice.involve", "Who", involve))
	}
	return Message{Text: b.String()}
}

// involved names the parties the coordinator, as their contact, must
// involve (C9): police, Legal, insurance, communication.
func involved(inc Incident, tr locale.Texts) string {
	var out []string
	switch {
	case inc.Police().Supported() || inc.Police() == PoliceDone:
		out = append(out, tr.T("involve.police"))
	case inc.PoliceMelding():
		out = append(out, tr.T("involve.police_melding"))
	}
	if inc.Damage() {
		out = append(out, tr.T("involve.legal"), tr.T("involve.insurance"))
	}
	if inc.Serious {
		out = append(out, tr.T("involve.communication"))
	}
	return strings.Join(out, ", ")
}

// facts lists the main facts of an incident in tr's language.
func (r *formCtx) facts(inc Incident, tr locale.Texts) string {
	where := []string{}
	if d, ok := r.org.Department(inc.Department()); ok {
		where = append(where, d.Name)
	}
	if l, ok := r.org.Location(inc.Location()); ok {
		where = append(where, l.Name)
	} else if inc.Report.Text("location_text") != "" {
		where = append(where, inc.Report.Text("location_text"))
	}
	lines := []string{
		tr.T("facts.what", "What", register.CategoryNames(tr, inc.Categories())),
		tr.T("facts.when", "When", tr.Moment(inc.Occurred())),
		tr.T("facts.where", "Where", strings.Join(where, ", ")),
		tr.T("facts.reporter", "Name", inc.ReporterName, "Email", inc.Reporter),
	}
	if inc.Subject != inc.Reporter {
		lines = append(lines, tr.T("facts.subject", "Name", inc.SubjectName, "Email", inc.Subject))
	}
	return "• " + strings.Join(lines, "\n• ")
}
