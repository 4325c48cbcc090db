package bot

import (
	"slices"

	"meldbot/bot/form"
	"meldbot/bot/register"
)

// reportForm is the report conversation (E7): the questions of PRODUCT.md,
// in order. Which are asked depends on earlier answers: the lighter report
// of an unsafe situation (E10) skips everything about an other party and
// consequences, and contact by phone, in writing or online skips what
// needs a place (where, injury, a weapon, damage, a guard, how many people)
// and asks for the channel instead. Each question says what its answer is
// in the register: personal data or not, and its column in the export.
var reportForm = &form.Form[env]{
	ID:            "report",
	Summary:       true,
	ConfirmCancel: true,
	Steps: []step{
		{ID: "categories", Kind: form.ManyOf, Options: fixed("categories", catKeys()...), Record: column("categories")},
		{ID: "channel", Kind: form.OneOf, Options: fixed("channel", "in_person", "phone", "written"), Applies: aboutPerson, Record: column("channel")},
		{ID: "medium", Kind: form.OneOf, Options: fixed("medium", "email", "phone", "social", "website", "letter"),
			Applies: writtenContact, Record: column("medium")},
		{ID: "screenshot", Kind: form.YesNo, Applies: online, Record: column("screenshot")},
		{ID: "when", Kind: form.Moment, Options: fixed("when", "now"), Record: column("occurred")},
		{ID: "department", Kind: form.OneOf, Options: departmentOptions, ForOther: true, Record: column("department")},
		{ID: "location", Kind: form.OneOf, Options: locationOptions, Applies: onSite, Record: column("location")},
		{ID: "location_text", Kind: form.FreeText, MinLen: 2, Applies: both(onSite, answerIs("location", "elsewhere")), Record: personal("location_text")},
		{ID: "description", Kind: form.FreeText, MinLen: 10, Long: true, MaxLen: maxDescription, Record: personal("description")},
		{ID: "party", Kind: form.OneOf, Options: fixed("party", "unknown", "citizen", "colleague"), Applies: aboutPerson, Record: column("party")},
		{ID: "party_name", Kind: form.FreeText, Skippable: true, Options: fixed("party_name", "skip"),
			Applies: both(aboutPerson, answerIn("party", "citizen", "colleague")), Record: personal("party_name")},
		{ID: "party_count", Kind: form.OneOf, Options: fixed("party_count", "single", "couple", "group"), Applies: inPerson, Record: column("party_count")},
		{ID: "weapon", Kind: form.YesNo, Applies: both(inPerson, threatOrViolence), Record: column("weapon")},
		{ID: "injury", Kind: form.OneOf, Options: fixed("injury", "none", "light", "medical"), Applies: inPerson, ForOther: true, Record: column("injury")},
		{ID: "absence", Kind: form.OneOf, Options: fixed("absence", "no", "yes", "unsure"), Applies: aboutPerson, ForOther: true, Record: column("absence")},
		{ID: "damage", Kind: form.YesNo, Applies: both(inPerson, not(hasCategory(register.CatDamage))), Record: column("damage")},
		{ID: "impact", Kind: form.OneOf, Options: fixed("impact", "low", "some", "high"), Applies: aboutPerson, ForOther: true, Record: column("impact")},
		{ID: "witnesses", Kind: form.Names, Options: fixed("witnesses", "none"), People: colleagues, Applies: aboutPerson, Record: personal("witnesses")},
		{ID: "security", Kind: form.YesNo, Applies: func(e env) bool { return guardMayHaveActed(e) && e.guards && !e.reporterIsGuard },
			Record: column(form.NoColumn)},
		{ID: "workplace", Kind: form.YesNo, Record: column(form.NoColumn)},
		{ID: "talk_now", Kind: form.YesNo, Options: about("talk_now", "yes", "no"), Applies: aboutPerson, ForOther: true, Record: column(form.NoColumn)},
		{ID: "police", Kind: form.OneOf, Options: about("police", "will", "done", "undecided", "no"), Applies: aboutPerson, ForOther: true, Record: column("police")},
		{ID: "police_ref", Kind: form.FreeText, Skippable: true, Options: fixed("police_ref", "skip"),
			Applies: both(aboutPerson, answerIs("police", "done")), Record: personal("police_ref")},
		{ID: "melding", Kind: form.YesNo, Applies: both(aboutPerson, answerIs("police", "no")), ForOther: true, Record: column("police_melding")},
		{ID: "checkin", Kind: form.YesNo, Applies: func(e env) bool { return aboutPerson(e) && !e.forOther }, Record: column(form.NoColumn)},
	},
}

// maxDescription is the longest description a report keeps, in
// characters: four full messages.
const maxDescription = 4 * MaxInput

// column is the Record of an answer without personal data, exported in
// the named column (or form.NoColumn).
func column(name string) form.Record { return form.Record{Column: name} }

// personal is the Record of an answer that names or describes people,
// exported in the named column only with personal data, and removed after
// the retention period.
func personal(name string) form.Record { return form.Record{Personal: true, Column: name} }

// Pseudo-steps handled by the engine rather than declared in a form.
const (
	stepSummary = "summary" // all answers, then confirm / change / cancel
	stepEdit    = "edit"    // which answer to change
	stepCancel  = "cancel"  // are you sure you want to stop
)

// startOrResume starts a report, or continues the conversation in progress.
// subject is who the report is about when it is made for someone else.
func (t *turn) startOrResume(subject ...Person) error {
	if c, ok, err := t.conversation(); err != nil || ok {
		if err != nil {
			return err
		}
		r := t.form(c)
		if !c.isReport() {
			return r.ask(t.tr.T("form.busy"))
		}
		return r.ask(t.tr.T("report.resume"))
	}
	c := &Conversation{
		ID:      newID(),
		User:    t.person.Email,
		Answers: form.Answers{},
		Started: t.now,
	}
	about := t.person
	intro := t.tr.T("report.intro")
	if len(subject) > 0 {
		about = subject[0]
		c.Subject, c.SubjectName = about.Email, about.Name
		intro = t.tr.T("report.intro_other", "Name", about.DisplayName())
	}
	if _, ok := t.b.org.Department(about.Department); ok {
		c.Answers["department"] = form.Answer{Keys: []string{about.Department}}
	}
	r := t.form(c)
	c.Step = r.next()
	if err := r.save(); err != nil {
		return err
	}
	return r.ask(intro)
}

func catKeys() []string {
	keys := make([]string, len(register.Categories))
	for i, c := range register.Categories {
		keys[i] = string(c)
	}
	return keys
}

func categoriesOf(a form.Answers) []register.Category {
	var out []register.Category
	for _, k := range a["categories"].Keys {
		out = append(out, register.Category(k))
	}
	return out
}

// aboutPerson is false for the lighter report of an unsafe situation.
func aboutPerson(e env) bool { return !OnlyUnsafe(categoriesOf(e.a)) }

// remote is contact by phone, in writing or online: nothing happened at a
// place. (Like every condition here it looks only at answers on the path:
// an unsafe situation has no channel, even when one was given before the
// category was changed.)
func remote(e env) bool { return aboutPerson(e) && answerIn("channel", "phone", "written")(e) }

// onSite is an incident that happened at a place: in person, or an unsafe
// situation.
func onSite(e env) bool { return !remote(e) }

// inPerson is an incident with an other party at a place.
func inPerson(e env) bool { return aboutPerson(e) && onSite(e) }

// online is written contact by a channel that can be captured on screen:
// e-mail, a text message, social media, a website or form.
func online(e env) bool {
	return writtenContact(e) && answerIn("medium", "email", "phone", "social", "website")(e)
}

// writtenContact is contact in writing or online.
func writtenContact(e env) bool { return aboutPerson(e) && answerIs("channel", "written")(e) }

// guardMayHaveActed is an incident in person, where a security guard may
// have stepped in: the security question, and a guard's own report.
func guardMayHaveActed(e env) bool { return inPerson(e) }

func threatOrViolence(e env) bool {
	return e.a.Has("categories", string(register.CatThreat)) || e.a.Has("categories", string(register.CatPhysical))
}

func hasCategory(c register.Category) func(env) bool {
	return func(e env) bool { return e.a.Has("categories", string(c)) }
}

func answerIs(step, key string) func(env) bool {
	return func(e env) bool { return e.a.Key(step) == key }
}

func answerIn(step string, keys ...string) func(env) bool {
	return func(e env) bool { return slices.Contains(keys, e.a.Key(step)) }
}

func both(f, g func(env) bool) func(env) bool {
	return func(e env) bool { return f(e) && g(e) }
}

func not(f func(env) bool) func(env) bool {
	return func(e env) bool { return !f(e) }
}

// colleagues are the people of the organisation a report may name, such
// as witnesses: everyone with a name but the reporter and the person the
// report is about.
func colleagues(e env) []form.Person {
	var out []form.Person
	for _, p := range e.org.People {
		if p.Name != "" && p.Email != e.reporter && p.Email != e.subject {
			out = append(out, form.Person{Key: string(p.Email), Name: p.Name})
		}
	}
	return out
}

// departmentOptions lists the departments of the organisation, the
// subject's own first, and "none of these".
func departmentOptions(e env) []form.Option {
	var out []form.Option
	for _, d := range e.org.Departments {
		o := form.Option{Key: d.ID, Label: d.Name}
		if d.ID == e.ownDepartment {
			out = append([]form.Option{o}, out...)
			continue
		}
		out = append(out, o)
	}
	return append(out, form.Option{Key: "none", Label: e.tr.T("opt.department.none")})
}

// locationOptions lists the locations of the chosen department first, then
// the others, then "elsewhere".
func locationOptions(e env) []form.Option {
	dept, _ := e.org.Department(e.a.Key("department"))
	var own, other []form.Option
	for _, l := range e.org.Locations {
		o := form.Option{Key: l.ID, Label: l.Name}
		if slices.Contains(dept.Locations, l.ID) {
			own = append(own, o)
		} else {
			other = append(other, o)
		}
	}
	return append(append(own, other...), form.Option{Key: "elsewhere", Label: e.tr.T("opt.location.elsewhere")})
}
