package bot

import "meldbot/bot/policy"

// OnCall is an entry of the organisation file's on_call section: who is on
// call outside working hours (piket, bereikbaarheidsdienst) for one
// department, or for the whole organisation when Department is empty. It
// names a person or a role, not both.
type OnCall struct {
	Department string
	Person     Email
	Role       policy.Role // everyone with the role, in Department when it is set
}

// OnCallFor returns the e-mail addresses of who is on call for a
// department: its own entry, else the organisation's, else nobody (urgent
// first care then follows the usual chain).
func (o *Organisation) OnCallFor(dept string) []Email {
	var entry *OnCall
	for i, e := range o.OnCall {
		switch {
		case e.Department == dept && dept != "":
			entry = &o.OnCall[i]
		case e.Department == "" && entry == nil:
			entry = &o.OnCall[i]
		}
	}
	switch {
	case entry == nil:
		return nil
	case entry.Person != "":
		return []Email{entry.Person}
	}
	people := o.WithRole(entry.Role)
	if entry.Department != "" {
		people = o.inDepartment(entry.Role, entry.Department)
	}
	return emails(people)
}
