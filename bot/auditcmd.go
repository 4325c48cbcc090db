package bot

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// auditShown is how many entries /incident audit shows at most: the most
// recent ones.
const auditShown = 50

// auditCommand handles /incident audit [GIR-…]: the audit trail of an
// incident, or without a number that of the register as a whole
// (overviews, exports), for the coordinator only. Looking at an incident's
// trail is itself in that trail.
func (t *turn) auditCommand(number string) error {
	if !mayAudit(t.person) {
		return t.refuse("audit")
	}
	number = strings.TrimSpace(number)
	title := t.tr.T("audit.register")
	var read []AuditEntry
	if number != "" {
		canonical, ok := CanonicalNumber(number)
		if !ok {
			return t.reply(Message{Text: t.tr.T("audit.bad_number", "Number", number)})
		}
		switch _, _, err := t.readIncident(t.person, canonical, "audit"); {
		case err == nil:
			read = append(read, readFor(t.person.Email, canonical, "audit"))
		case !errors.Is(err, ErrNotAllowed):
			return err
		}
		number, title = canonical, t.tr.T("audit.title", "Number", canonical)
	}
	entries, err := t.tx.AuditOf(number)
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		return t.reply(Message{Text: t.tr.T("audit.none", "Number", number)}, read...)
	}
	// What meldbot's own messages showed is summed up per person after the
	// rest: a task message redrawn at every change would crowd out who
	// read or changed the incident.
	events := slices.DeleteFunc(slices.Clone(entries), func(e AuditEntry) bool { return e.Action == AuditShown })
	var b strings.Builder
	b.WriteString(title)
	if len(events) > auditShown {
		b.WriteString("\n" + t.tr.T("audit.latest", "Shown", auditShown, "Count", len(events)))
		events = events[len(events)-auditShown:]
	}
	for _, e := range events {
		who := t.tr.T("show.meldbot")
		if e.By != "" {
			who = t.b.org.NameOf(e.By)
		}
		fmt.Fprintf(&b, "\n• %s — %s — %s", t.tr.Time(t.b.org.In(e.At)), who, t.auditWhat(e))
	}
	if shown := t.shownSummary(entries); shown != "" {
		b.WriteString("\n\n" + shown)
	}
	return t.reply(Message{Text: b.String()}, read...)
}

// shownSummary sums up the entries of meldbot's own messages that showed
// the incident (AuditShown): per person, how many messages of which kinds,
// from when to when; "" when there are none.
func (t *turn) shownSummary(entries []AuditEntry) string {
	people := seenBy(entries, func(e AuditEntry) bool { return e.Action == AuditShown },
		func(e AuditEntry) string { return t.tr.T("audit.kind." + e.What) })
	if len(people) == 0 {
		return ""
	}
	total := 0
	for _, s := range people {
		total += s.n
	}
	lines := []string{t.tr.T("audit.shown_title", "Count", total)}
	for _, s := range people {
		lines = append(lines, t.tr.T("audit.shown_to", "Name", t.b.org.NameOf(s.to), "Messages", t.tr.Count("messages", s.n),
			"Kinds", strings.Join(s.kinds, ", "), "When", t.tr.Span(t.b.org.In(s.first), t.b.org.In(s.last))))
	}
	return strings.Join(lines, "\n• ")
}

// auditWhat says in words what an entry records.
func (t *turn) auditWhat(e AuditEntry) string {
	tr := t.tr
	action := tr.T("audit.action." + string(e.Action))
	switch {
	case e.Action == AuditShown:
		return tr.T("audit.shown", "Name", t.b.org.NameOf(e.To), "What", tr.T("audit.kind."+e.What))
	case e.What == "":
		return action
	case e.Action == AuditRead || e.Action == AuditDenied:
		return action + " (" + tr.T("audit.purpose."+e.What) + ")"
	case e.Action == AuditChange:
		if status, ok := strings.CutPrefix(e.What, "status="); ok {
			return tr.T("audit.status." + status)
		}
		var fields []string // a change may name several, "first_care,care_given"
		for _, f := range strings.Split(e.What, ",") {
			fields = append(fields, tr.T("audit.field."+f))
		}
		return action + ": " + tr.And(fields)
	case e.Action == AuditExport:
		if x, ok := parseExportWhat(e.What); ok {
			return tr.T("audit.export", "From", tr.Date(x.from), "To", tr.Date(x.last), "Format", tr.T("export.format."+string(x.format)),
				"Reports", tr.Count("reports", x.count), "Personal", x.personal)
		}
	case e.Action == AuditOverview:
		return t.overviewWhat(e)
	}
	return action + ": " + e.What
}

// overviewWhat says which overview an entry records — its period, its
// department or location — and, when it went to someone else than who
// made it, to whom.
func (t *turn) overviewWhat(e AuditEntry) string {
	what, _, _ := strings.Cut(e.What, " → ")
	m := overviewWhatRe.FindStringSubmatch(what)
	if m == nil {
		return t.tr.T("audit.action.overview") + ": " + e.What
	}
	scope := m[2]
	if d, ok := t.b.org.Department(scope); ok {
		scope = d.Name
	} else if l, ok := t.b.org.Location(scope); ok {
		scope = l.Name
	}
	to := ""
	if e.To != "" && e.To != e.By {
		to = t.b.org.NameOf(e.To)
	}
	return t.tr.T("audit.overview", "Period", t.tr.Period(m[1]), "Scope", scope, "To", to)
}

// overviewWhatRe reads an overview's What: the period's key, then the
// department's or location's ID when it is narrowed to one.
var overviewWhatRe = regexp.MustCompile(`^(\d{4}(?:-(?:Q[1-4]|H[12]|\d\d))?)(?:-(.+))?$`)
