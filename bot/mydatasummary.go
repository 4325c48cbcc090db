package bot

import (
	"fmt"
	"strings"

	"meldbot/bot/policy"
)

// myDataSummary writes what /incident mijn gegevens keeps about a person
// in words, for the person to read: who they are in the organisation file,
// their reports and who saw or received each and when, their tasks, what
// they ticked off, and whether a report is in progress. The attached file
// holds all of it for software; own are the person's incidents as they may
// see them.
func (t *turn) myDataSummary(d personalData, own []viewed) (string, error) {
	tr, org := t.tr, t.b.org
	var b strings.Builder
	b.WriteString(tr.T("mydata.title", "At", tr.Time(org.In(d.Made))))

	b.WriteString("\n\n" + tr.T("mydata.person.title"))
	me := Person{Name: d.Person.Name, Email: d.Person.Email}
	lines := []string{tr.T("mydata.person.name", "Name", me.DisplayName(), "Email", d.Person.Email)}
	var roles []string
	for _, r := range d.Person.Roles {
		roles = append(roles, tr.T("role."+string(r)))
	}
	if len(roles) == 0 {
		roles = append(roles, tr.T("role."+string(policy.RoleEmployee)))
	}
	lines = append(lines, tr.T("mydata.person.roles", "Roles", strings.Join(roles, ", ")))
	if dep, ok := org.Department(d.Person.Department); ok {
		lines = append(lines, tr.T("mydata.person.department", "Department", dep.Name))
	}
	var places []string
	for _, id := range d.Person.Locations {
		if l, ok := org.Location(id); ok {
			places = append(places, l.Name)
		}
	}
	if len(places) > 0 {
		lines = append(lines, tr.T("mydata.person.locations", "Locations", strings.Join(places, ", ")))
	}
	lines = append(lines, tr.T("mydata.person.lang", "Lang", tr.T("lang.name."+string(tr.Lang)), "Chosen", d.Prefs != nil))
	b.WriteString("\n• " + strings.Join(lines, "\n• "))

	b.WriteString("\n\n" + tr.T("mydata.incidents", "Count", len(own)))
	if len(own) == 0 {
		b.WriteString("\n" + tr.T("mydata.incidents.none"))
	}
	for _, v := range own {
		line, err := t.incidentLine(v)
		if err != nil {
			return "", err
		}
		b.WriteString("\n• " + line)
		seen, err := t.seenOf(v)
		if err != nil {
			return "", err
		}
		if len(seen) == 0 {
			b.WriteString("\n   " + tr.T("mydata.seen.nobody"))
			continue
		}
		b.WriteString("\n   " + tr.T("mydata.seen.title"))
		for _, l := range seen {
			b.WriteString("\n   – " + l)
		}
	}

	b.WriteString("\n\n" + tr.T("mydata.tasks", "Count", len(d.Tasks)))
	if len(d.Tasks) == 0 {
		b.WriteString("\n" + tr.T("mydata.tasks.none"))
	}
	for _, task := range d.Tasks {
		title := taskTitle(task, tr)
		if task.Incident != "" {
			title += " (" + task.Incident + ")"
		}
		fmt.Fprintf(&b, "\n• %s — %s", title, t.taskState(task))
	}

	b.WriteString("\n\n" + tr.T("mydata.other"))
	var checks []string
	for _, c := range d.Checks {
		name := c.Item
		if it, ok := org.setupItem(c.Item); ok {
			name = it.Row.ID
			if dep, ok := org.Department(it.Department); ok {
				name += " " + dep.Name
			}
		}
		checks = append(checks, name+" ("+tr.Time(org.In(c.At))+")")
	}
	others := []string{tr.T("mydata.checks", "Count", len(checks), "List", strings.Join(checks, ", "))}
	started := ""
	if d.Conversation != nil {
		started = tr.Time(org.In(d.Conversation.Started))
	}
	others = append(others,
		tr.T("mydata.conversation", "Started", started),
		tr.T("mydata.audit", "Entries", tr.Count("entries", len(d.Audit))))
	b.WriteString("\n• " + strings.Join(others, "\n• "))

	coordinator := tr.T("mydata.the_coordinator")
	if cs := org.Coordinators(); len(cs) > 0 {
		coordinator = cs[0].DisplayName()
	}
	b.WriteString("\n\n" + tr.T("mydata.file", "Coordinator", coordinator))
	return b.String(), nil
}

// reportKinds are the kinds of meldbot's messages that show a report as
// made, not the care that followed it: what the reporter of someone else's
// incident is told was shown to whom.
var reportKinds = map[string]bool{
	shownRegistered: true, shownNewReport: true, shownForYou: true, shownWitness: true, shownSerious: true, shownBan: true,
}

// seenOf says who else saw or received an incident of the person, and
// when, from the audit trail: per person, with their role, which messages
// or requests showed it to them, how often, from when to when. For a
// report made for someone else it names only what showed the report
// itself; the care that followed is the other person's.
func (t *turn) seenOf(v viewed) ([]string, error) {
	entries, err := t.tx.AuditOf(v.inc.Number)
	if err != nil {
		return nil, err
	}
	tr, org, me := t.tr, t.b.org, t.person.Email
	keep := func(e AuditEntry) bool {
		if e.To == me || e.To == "" {
			return false
		}
		switch e.Action {
		case AuditRead:
			return true
		case AuditShown:
			return v.access >= FullAccess || reportKinds[e.What]
		}
		return false
	}
	kind := func(e AuditEntry) string {
		if e.Action == AuditRead {
			return tr.T("mydata.read." + e.What)
		}
		return tr.T("audit.kind." + e.What)
	}
	var out []string
	for _, s := range seenBy(entries, keep, kind) {
		p := org.PersonOrGuest(User{Email: s.to})
		role := ""
		for _, r := range p.Roles {
			if r != policy.RoleEmployee {
				role = tr.T("role." + string(r))
				break
			}
		}
		out = append(out, tr.T("mydata.seen.by", "Name", p.DisplayName(), "Role", role, "Kinds", strings.Join(s.kinds, ", "),
			"Times", tr.Count("times", s.n), "When", tr.Span(org.In(s.first), org.In(s.last))))
	}
	return out, nil
}
