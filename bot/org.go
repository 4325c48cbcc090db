package bot

import (
	"slices"
	"strings"
	"time"

	"meldbot/bot/calendar"
	"meldbot/bot/locale"
	"meldbot/bot/policy"
)

// Person is someone named in the organisation file.
type Person struct {
	Email      Email
	Name       string
	Roles      []policy.Role
	Department string      // department ID, may be empty
	Locations  []string    // location IDs, for facility staff and security guards
	Language   locale.Lang // empty: the organisation's language
}

// Has reports whether the person plays role r. Everyone is an employee.
func (p Person) Has(r policy.Role) bool {
	return r == policy.RoleEmployee || slices.Contains(p.Roles, r)
}

// DisplayName returns the name, or the e-mail address when no name is known.
func (p Person) DisplayName() string {
	if p.Name != "" {
		return p.Name
	}
	return string(p.Email)
}

// Department is an organisational unit with its own manager(s).
type Department struct {
	ID        string
	Name      string
	Locations []string // location IDs where the department works
}

// Location is a building or site, such as the town hall.
type Location struct {
	ID   string
	Name string
}

// WorkingHours says when the organisation works, for deadlines counted in
// working hours and for reminders that should not arrive at night: the
// working week of its calendar.
type WorkingHours = calendar.WorkingWeek

// Organisation is the content of the organisation file: who is who, where,
// and the settings that belong to this municipality.
type Organisation struct {
	Name         string
	Language     locale.Lang
	TimeZone     *time.Location
	WorkingHours WorkingHours
	People       []Person
	Departments  []Department
	Locations    []Location
	// Support lists where people can turn for help (company doctor,
	// confidential adviser, victim support), shown after a report.
	Support []string
	// Schedule changes, turns off or adds duties of the policy cycle.
	Schedule []ScheduleEntry
	// Training is how often training is planned (M2, G11): yearly,
	// half_yearly or quarterly; empty means yearly.
	Training policy.Cadence
	// Register holds the privacy settings of the register: retention and
	// the smallest count shown beyond the coordinator.
	Register RegisterSettings
	// Backup says where and how often the data file is backed up.
	Backup BackupSettings
	// Calendar is the working calendar: the holidays and closed days, the
	// window of every task kind and the escalation delay; the zero value
	// is the default calendar. Its Zone and Week are not read:
	// WorkingCalendar takes TimeZone and WorkingHours.
	Calendar calendar.Settings
	// OnCall names who takes urgent first care outside working hours
	// (piket, bereikbaarheidsdienst), per department or for the whole
	// organisation; empty when the organisation has no such service.
	OnCall []OnCall
}

// ScheduleEntry is a line of the organisation file's schedule: it changes a
// duty of the default policy cycle (same Row), turns it off, or adds a new
// one. Empty fields keep the default.
type ScheduleEntry struct {
	Row               string
	Enabled           *bool
	Cron              string
	FirstWorkingDay   *bool
	Period            string
	Role              policy.Role
	Scope             policy.Scope
	Kind              policy.DutyKind
	DueWorkingDays    int
	EscalateAfterDays int
	Title, Text       map[locale.Lang]string
	// Line and CronLine say where the entry and its cron are in the file.
	Line, CronLine int
}

// Person returns the person with the given e-mail address.
func (o *Organisation) Person(email Email) (Person, bool) {
	for _, p := range o.People {
		if p.Email == email {
			return p, true
		}
	}
	return Person{}, false
}

// PersonOrGuest returns the person named in the organisation file, or an
// employee without a department for someone who is not named there: every
// member of staff may report, listed or not.
func (o *Organisation) PersonOrGuest(u User) Person {
	if p, ok := o.Person(u.Email); ok {
		return p
	}
	return Person{Email: u.Email, Name: u.Name}
}

// NameOf returns how a person is named to others: their name from the
// organisation file, or their e-mail address.
func (o *Organisation) NameOf(email Email) string {
	return o.PersonOrGuest(User{Email: email}).DisplayName()
}

// Find looks a colleague up by e-mail address, name or first name (when
// only one person has it: a first name several people share finds no one).
// A leading @ is ignored. An e-mail address not in the file is a colleague
// too, returned with only its address: every member of staff may be
// reported for.
func (o *Organisation) Find(who string) (Person, bool) {
	w := strings.ToLower(strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(who), "@")))
	if w == "" {
		return Person{}, false
	}
	var byFirst []Person
	for _, p := range o.People {
		first, _, _ := strings.Cut(strings.ToLower(p.Name), " ")
		switch {
		case p.Email == Email(w) || strings.ToLower(p.Name) == w:
			return p, true
		case first == w:
			byFirst = append(byFirst, p)
		}
	}
	if len(byFirst) == 1 {
		return byFirst[0], true
	}
	if at := strings.Index(w, "@"); at > 0 && strings.Contains(w[at:], ".") && !strings.Contains(w, " ") {
		return Person{Email: Email(w)}, true
	}
	return Person{}, false
}

// WithRole returns everyone who plays role r, in file order.
func (o *Organisation) WithRole(r policy.Role) []Person {
	var out []Person
	for _, p := range o.People {
		if slices.Contains(p.Roles, r) {
			out = append(out, p)
		}
	}
	return out
}

// Managers returns the managers of a department.
func (o *Organisation) Managers(dept string) []Person {
	return o.inDepartment(policy.RoleManager, dept)
}

// Deputies returns the deputy managers of a department.
func (o *Organisation) Deputies(dept string) []Person { return o.inDepartment(policy.RoleDeputy, dept) }

// inDepartment returns the people with role r in a department.
func (o *Organisation) inDepartment(r policy.Role, dept string) []Person {
	var out []Person
	for _, p := range o.WithRole(r) {
		if p.Department == dept {
			out = append(out, p)
		}
	}
	return out
}

// Coordinators returns the aggression coordinator(s).
func (o *Organisation) Coordinators() []Person { return o.WithRole(policy.RoleCoordinator) }

// Department returns the department with the given ID.
func (o *Organisation) Department(id string) (Department, bool) {
	for _, d := range o.Departments {
		if d.ID == id {
			return d, true
		}
	}
	return Department{}, false
}

// Location returns the location with the given ID.
func (o *Organisation) Location(id string) (Location, bool) {
	for _, l := range o.Locations {
		if l.ID == id {
			return l, true
		}
	}
	return Location{}, false
}

// LangOf returns the language a person is addressed in by default.
func (o *Organisation) LangOf(p Person) locale.Lang {
	if p.Language != "" {
		return p.Language
	}
	if o.Language != "" {
		return o.Language
	}
	return locale.Dutch
}

// In returns t in the organisation's time zone (see Zone).
func (o *Organisation) In(t time.Time) time.Time { return t.In(o.Zone()) }
