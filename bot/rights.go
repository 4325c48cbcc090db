package bot

import "meldbot/bot/policy"

// Who may use the commands that not everyone may use. The commands check
// these rules, /incident help lists only what a person may use, and a
// refusal says what the person can do instead, in words that fit their
// roles. Which incidents a person may see is AccessTo's.

// mayReportFor reports whether a person may report for a colleague (G9):
// security guards, managers, deputies and coordinators.
func mayReportFor(p Person) bool {
	return p.Has(policy.RoleSecurity) || p.Has(policy.RoleManager) || p.Has(policy.RoleDeputy) || p.Has(policy.RoleCoordinator)
}

// mayExport reports whether a person may export the register: the
// coordinator, who keeps it.
func mayExport(p Person) bool { return p.Has(policy.RoleCoordinator) }

// mayAudit reports whether a person may read the audit trail: the
// coordinator.
func mayAudit(p Person) bool { return p.Has(policy.RoleCoordinator) }

// maySeePolicy reports whether a person may see the set-up checklist and
// the state of the policy cycle: everyone with a part in running the policy
// beyond being an employee.
func maySeePolicy(p Person) bool {
	for _, r := range p.Roles {
		if r != policy.RoleEmployee {
			return true
		}
	}
	return false
}

// mayOverview reports whether a person may ask for overviews of the
// register: the coordinator, the town clerk and the board, and a manager or
// deputy of a department (for that department). overviewCommand says which
// periods and scopes each may ask for.
func mayOverview(p Person) bool {
	return p.Has(policy.RoleCoordinator) || boardLevel(p) || managesDepartment(p)
}

// boardLevel reports whether a person is the town clerk or the board
// contact, who get half-yearly and yearly overviews.
func boardLevel(p Person) bool { return p.Has(policy.RoleTownClerk) || p.Has(policy.RoleBoard) }

// managesDepartment reports whether a person is a manager or deputy of a
// department.
func managesDepartment(p Person) bool {
	return (p.Has(policy.RoleManager) || p.Has(policy.RoleDeputy)) && p.Department != ""
}

// refusals are the texts that refuse a command, per command: the first
// whose rule fits the person is theirs, the last fits everyone.
var refusals = map[string][]struct {
	fits func(Person) bool
	key  string
}{
	"export": {
		{managesDepartment, "export.not_allowed.manager"},
		{boardLevel, "export.not_allowed.board"},
		{everyone, "export.not_allowed"},
	},
	"audit": {
		{managesDepartment, "audit.not_allowed.manager"},
		{everyone, "audit.not_allowed"},
	},
	"policy":   {{everyone, "policy.not_allowed"}},
	"overview": {{everyone, "overview.not_allowed"}},
	"for":      {{everyone, "for.not_allowed"}},
}

func everyone(Person) bool { return true }

// refuse answers a command the person may not use, with the refusal that
// fits them.
func (t *turn) refuse(command string) error {
	for _, r := range refusals[command] {
		if r.fits(t.person) {
			return t.reply(Message{Text: t.tr.T(r.key)})
		}
	}
	return t.reply(Message{Text: t.tr.T("action.unknown")})
}

// refuseShow answers /incident toon for an incident the person may not see,
// or that does not exist, saying which incidents they do see. Only the
// coordinator, who sees every incident, is told that it does not exist.
func (t *turn) refuseShow(number string) error {
	p := t.person
	key := "show.not_allowed"
	switch {
	case p.Has(policy.RoleCoordinator):
		key = "show.not_found"
	case managesDepartment(p):
		key = "show.not_allowed.manager"
	case p.Has(policy.RoleLegal):
		key = "show.not_allowed.legal"
	}
	department := ""
	if d, ok := t.b.org.Department(p.Department); ok {
		department = d.Name
	}
	return t.reply(Message{Text: t.tr.T(key, "Number", number, "Department", department)})
}
