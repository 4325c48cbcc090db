package bot

import (
	"errors"
	"fmt"
	"strings"

	"meldbot/bot/policy"
)

// auditShown is how many entries /incident audit shows at most: the most
// recent ones.
const auditShown = 50

// auditCommand handles /incident audit [GIR-…]: the audit trail of an
// incident, or without a number that of the register as a whole
// (overviews, exports), for the coordinator only. Looking at an incident's
// trail is itself in that trail.
func (t *turn) auditCommand(number string) error {
	if !t.person.Has(policy.RoleCoordinator) {
		return t.reply(Message{Text: t.tr.T("audit.not_allowed")})
	}
	number = strings.TrimSpace(number)
	title := t.tr.T("audit.register")
	if number != "" {
		canonical, ok := CanonicalNumber(number)
		if !ok {
			return t.reply(Message{Text: t.tr.T("audit.bad_number", "Number", number)})
		}
		if _, _, err := t.readIncident(t.person, canonical, "audit"); err != nil && !errors.Is(err, ErrNotAllowed) {
			return err
		}
		number, title = canonical, t.tr.T("audit.title", "Number", canonical)
	}
	entries, err := t.tx.AuditOf(number)
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		return t.reply(Message{Text: t.tr.T("audit.none", "Number", number)})
	}
	var b strings.Builder
	b.WriteString(title)
	if len(entries) > auditShown {
		b.WriteString("\n" + t.tr.T("audit.latest", "Shown", auditShown, "Count", len(entries)))
		entries = entries[len(entries)-auditShown:]
	}
	for _, e := range entries {
		who := t.tr.T("show.meldbot")
		if e.By != "" {
			who = t.b.org.NameOf(e.By)
		}
		fmt.Fprintf(&b, "\n• %s — %s — %s", t.tr.Time(e.At), who, t.auditWhat(e))
	}
	return t.reply(Message{Text: b.String()})
}

// auditWhat says in words what an entry records.
func (t *turn) auditWhat(e AuditEntry) string {
	tr := t.tr
	action := tr.T("audit.action." + string(e.Action))
	switch {
	case e.What == "":
		return action
	case e.Action == AuditRead || e.Action == AuditDenied:
		return action + " (" + tr.T("audit.purpose."+e.What) + ")"
	case e.Action == AuditChange:
		if status, ok := strings.CutPrefix(e.What, "status="); ok {
			return tr.T("audit.status." + status)
		}
		return action + ": " + tr.T("audit.field."+e.What)
	case e.Action == AuditExport:
		if what, ok := strings.CutSuffix(e.What, " +personal"); ok {
			return action + ": " + what + " " + tr.T("audit.with_personal")
		}
	}
	return action + ": " + e.What
}
