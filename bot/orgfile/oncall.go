package orgfile

import (
	"fmt"
	"slices"
	"strings"

	"meldbot/bot"
	"meldbot/bot/policy"
)

// onCallEntry is a line of on_call: a person or a role, for a department
// or (without one) for the whole organisation.
type onCallEntry struct {
	Department field[string] `yaml:"department"`
	Person     field[string] `yaml:"person"`
	Role       field[string] `yaml:"role"`
}

// checkOnCall reads on_call. Who is named must be known: a person listed
// under people, or a role someone has (in the department, when one is
// given); one entry per department and one for the organisation.
func (f *file) checkOnCall(p *Problems, org *bot.Organisation, depts map[string]bool) {
	seen := map[string]int{}
	for _, in := range f.OnCall {
		line, col := in.Person.Line, in.Person.Column
		if !in.Person.Set {
			line, col = in.Role.Line, in.Role.Column
		}
		if in.Department.Set {
			line, col = in.Department.Line, in.Department.Column
		}
		e := bot.OnCall{Department: strings.TrimSpace(in.Department.V)}
		if in.Department.Set && !checkRef(p, in.Department, "department", depts) {
			continue
		}
		scope := "the organisation"
		if e.Department != "" {
			scope = "department " + e.Department
		}
		if prev, dup := seen[e.Department]; dup {
			p.add(line, col, fmt.Sprintf("keep one entry for %s; the other is on line %d", scope, prev), "%s is on call twice", scope)
			continue
		}
		seen[e.Department] = line
		switch {
		case in.Person.Set && in.Role.Set:
			p.add(line, col, "write person: <e-mail> or role: <role>", "on call for %s names both a person and a role", scope)
			continue
		case !in.Person.Set && !in.Role.Set:
			p.add(line, col, "write person: <e-mail> or role: <role>", "on call for %s names nobody", scope)
			continue
		case in.Person.Set:
			person, ok := org.Person(bot.EmailOf(in.Person.V))
			if !ok {
				p.add(in.Person.Line, in.Person.Column, "list the person under people too, with the address they have in the chat tool",
					"%q on call is not listed under people", in.Person.V)
				continue
			}
			e.Person = person.Email
		default:
			e.Role = policy.Role(strings.ToLower(strings.TrimSpace(in.Role.V)))
			if !slices.Contains(policy.Roles, e.Role) {
				p.add(in.Role.Line, in.Role.Column, "use one of the roles of the people section", "unknown role %q", in.Role.V)
				continue
			}
			if !someoneHas(org, e.Role, e.Department) {
				p.add(in.Role.Line, in.Role.Column, "give someone the role, or name a person",
					"nobody has role %s in %s", e.Role, scope)
				continue
			}
		}
		org.OnCall = append(org.OnCall, e)
	}
}

// someoneHas reports whether someone has role r, in dept when it is set.
func someoneHas(org *bot.Organisation, r policy.Role, dept string) bool {
	for _, p := range org.WithRole(r) {
		if dept == "" || p.Department == dept {
			return true
		}
	}
	return false
}
