package bot

import (
	"slices"

	"meldbot/bot/register"
)

// reportForm is the report conversation (E7): the questions of PRODUCT.md,
// in order. Which are asked depends on earlier answers; the lighter report
// of an unsafe situation (E10) skips everything about an other party and
// consequences.
var reportForm = &form{
	id:            "report",
	summary:       true,
	confirmCancel: true,
	steps: []step{
		{id: "categories", kind: manyOf, options: fixed("categories", catKeys()...)},
		{id: "channel", kind: oneOf, options: fixed("channel", "in_person", "phone", "written"), applies: aboutPerson},
		{id: "when", kind: moment, options: fixed("when", "now")},
		{id: "department", kind: oneOf, options: departmentOptions, forOther: true},
		{id: "location", kind: oneOf, options: locationOptions},
		{id: "location_text", kind: freeText, minLen: 2, applies: answerIs("location", "elsewhere")},
		{id: "description", kind: freeText, minLen: 10},
		{id: "party", kind: oneOf, options: fixed("party", "unknown", "citizen", "colleague"), applies: aboutPerson},
		{id: "party_name", kind: freeText, skippable: true, options: fixed("party_name", "skip"),
			applies: both(aboutPerson, answerIn("party", "citizen", "colleague"))},
		{id: "party_count", kind: oneOf, options: fixed("party_count", "single", "couple", "group"), applies: aboutPerson},
		{id: "weapon", kind: oneOf, options: yesNo("weapon"), applies: threatOrViolence},
		{id: "injury", kind: oneOf, options: fixed("injury", "none", "light", "medical"), applies: aboutPerson, forOther: true},
		{id: "absence", kind: oneOf, options: fixed("absence", "no", "yes", "unsure"), applies: aboutPerson, forOther: true},
		{id: "damage", kind: oneOf, options: yesNo("damage"), applies: both(aboutPerson, not(hasCategory(register.CatDamage)))},
		{id: "impact", kind: oneOf, options: fixed("impact", "low", "some", "high"), applies: aboutPerson, forOther: true},
		{id: "witnesses", kind: freeText, skippable: true, options: fixed("witnesses", "none"), applies: aboutPerson},
		{id: "security", kind: oneOf, options: yesNo("security"), applies: func(e env) bool { return aboutPerson(e) && e.guards && !e.reporterIsGuard }},
		{id: "workplace", kind: oneOf, options: yesNo("workplace")},
		{id: "talk_now", kind: oneOf, options: yesNo("talk_now"), applies: aboutPerson, forOther: true},
		{id: "police", kind: oneOf, options: fixed("police", "will", "done", "undecided", "no"), applies: aboutPerson, forOther: true},
		{id: "police_ref", kind: freeText, skippable: true, options: fixed("police_ref", "skip"),
			applies: both(aboutPerson, answerIs("police", "done"))},
		{id: "melding", kind: oneOf, options: yesNo("melding"), applies: both(aboutPerson, answerIs("police", "no"))},
		{id: "checkin", kind: oneOf, options: yesNo("checkin"), applies: func(e env) bool { return aboutPerson(e) && !e.forOther }},
	},
}

// Pseudo-steps handled by the engine rather than declared in a form.
const (
	stepSummary = "summary" // all answers, then confirm / change / cancel
	stepEdit    = "edit"    // which answer to change
	stepCancel  = "cancel"  // are you sure you want to stop
)

func init() { reportForm.finish = (*formCtx).confirm }

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
		User:    NormalizeEmail(t.person.Email),
		Answers: map[string]Answer{},
		Started: t.now,
	}
	about := t.person
	intro := t.tr.T("report.intro")
	if len(subject) > 0 {
		about = subject[0]
		c.Subject, c.SubjectName = NormalizeEmail(about.Email), about.Name
		intro = t.tr.T("report.intro_other", "Name", about.DisplayName())
	}
	if _, ok := t.b.org.Department(about.Department); ok {
		c.Answers["department"] = Answer{Keys: []string{about.Department}}
	}
	r := t.form(c)
	c.Step = r.form.next(r.env())
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

func categoriesOf(a answers) []register.Category {
	var out []register.Category
	for _, k := range a["categories"].Keys {
		out = append(out, register.Category(k))
	}
	return out
}

// aboutPerson is false for the lighter report of an unsafe situation.
func aboutPerson(e env) bool { return !OnlyUnsafe(categoriesOf(e.a)) }

func threatOrViolence(e env) bool {
	return e.a.has("categories", string(register.CatThreat)) || e.a.has("categories", string(register.CatPhysical))
}

func hasCategory(c register.Category) func(env) bool {
	return func(e env) bool { return e.a.has("categories", string(c)) }
}

func answerIs(step, key string) func(env) bool {
	return func(e env) bool { return e.a.key(step) == key }
}

func answerIn(step string, keys ...string) func(env) bool {
	return func(e env) bool { return slices.Contains(keys, e.a.key(step)) }
}

func both(f, g func(env) bool) func(env) bool {
	return func(e env) bool { return f(e) && g(e) }
}

func not(f func(env) bool) func(env) bool {
	return func(e env) bool { return !f(e) }
}

// fixed returns options whose labels come from the catalogue as
// "opt.<step>.<key>".
func fixed(stepID string, keys ...string) func(r *formCtx) []option {
	return func(r *formCtx) []option {
		out := make([]option, len(keys))
		for i, k := range keys {
			out[i] = option{key: k, label: r.tr.T("opt." + stepID + "." + k)}
		}
		return out
	}
}

func yesNo(stepID string) func(r *formCtx) []option { return fixed(stepID, "yes", "no") }

// departmentOptions lists the departments of the organisation, the
// subject's own first, and "none of these".
func departmentOptions(r *formCtx) []option {
	own := r.person.Department
	if r.conv.Subject != "" {
		p, _ := r.org.Person(r.conv.Subject)
		own = p.Department
	}
	var out []option
	for _, d := range r.org.Departments {
		o := option{key: d.ID, label: d.Name}
		if d.ID == own {
			out = append([]option{o}, out...)
			continue
		}
		out = append(out, o)
	}
	return append(out, option{key: "none", label: r.tr.T("opt.department.none")})
}

// locationOptions lists the locations of the chosen department first, then
// the others, then "elsewhere".
func locationOptions(r *formCtx) []option {
	dept, _ := r.org.Department(answers(r.conv.Answers).key("department"))
	var own, other []option
	for _, l := range r.org.Locations {
		o := option{key: l.ID, label: l.Name}
		if slices.Contains(dept.Locations, l.ID) {
			own = append(own, o)
		} else {
			other = append(other, o)
		}
	}
	return append(append(own, other...), option{key: "elsewhere", label: r.tr.T("opt.location.elsewhere")})
}
