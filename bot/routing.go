package bot

import (
	"slices"

	"meldbot/bot/policy"
)

// Routing decides who is asked to act on an incident. Nobody is ever asked
// to give first care to themselves.

// careGivers returns who gives first care and aftercare for someone of
// department dept: its first manager, and as fallback (in order) the other
// managers, the deputies and the coordinators. Without managers the deputy
// is asked, without either the coordinator. subject is left out.
func (o *Organisation) careGivers(dept string, subject Email) (assignee Email, fallback []Email) {
	var chain []Email
	for _, group := range [][]Person{o.Managers(dept), o.Deputies(dept), o.Coordinators()} {
		for _, p := range group {
			if p.Email != subject && !slices.Contains(chain, p.Email) {
				chain = append(chain, p.Email)
			}
		}
	}
	if len(chain) == 0 {
		return "", nil
	}
	return chain[0], chain[1:]
}

// coordinatorsExcept returns the coordinators' addresses, without skip.
func (o *Organisation) coordinatorsExcept(skip Email) []Email {
	var out []Email
	for _, p := range o.Coordinators() {
		if p.Email != skip {
			out = append(out, p.Email)
		}
	}
	return out
}

// atLocation returns the people with role r who work at location loc;
// people with no locations listed work everywhere. With no location known,
// everyone with the role.
func (o *Organisation) atLocation(r policy.Role, loc string) []Email {
	var out []Email
	for _, p := range o.WithRole(r) {
		if loc == "" || len(p.Locations) == 0 || slices.Contains(p.Locations, loc) {
			out = append(out, p.Email)
		}
	}
	return out
}

// emails returns the addresses of people.
func emails(ps []Person) []Email {
	out := make([]Email, len(ps))
	for i, p := range ps {
		out[i] = p.Email
	}
	return out
}

// split returns the first address and the rest, or, when there is none,
// the coordinators as assignee and fallback.
func (o *Organisation) split(people []Email) (Email, []Email) {
	if len(people) == 0 {
		c := o.coordinatorsExcept("")
		if len(c) == 0 {
			return "", nil
		}
		return c[0], c[1:]
	}
	rest := append([]Email(nil), people[1:]...)
	for _, c := range o.coordinatorsExcept("") {
		if !slices.Contains(people, c) {
			rest = append(rest, c)
		}
	}
	return people[0], rest
}

// refreshAssignee gives a manager's task that was planned weeks ago to
// whoever manages the department now: the organisation file may have
// changed since the report.
func (b *Bot) refreshAssignee(task *Task, inc *Incident) {
	if inc == nil || !task.cares() {
		return
	}
	if manager, fallback := b.org.careGivers(inc.Department(), inc.Subject); manager != "" {
		task.Assignee, task.Fallback = manager, fallback
	}
}
