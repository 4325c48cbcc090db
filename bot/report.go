package bot

import "slices"

// The report conversation (E7): the questions of PRODUCT.md, in order. Which
// are asked depends on earlier answers; the lighter report of an unsafe
// situation (E10) skips everything about an other party and consequences.
var reportSteps = []step{
	{id: "categories", kind: manyOf, options: fixed("categories", catKeys()...)},
	{id: "channel", kind: oneOf, options: fixed("channel", "in_person", "phone", "written"), applies: aboutPerson},
	{id: "when", kind: moment, options: fixed("when", "now")},
	{id: "department", kind: oneOf, options: departmentOptions},
	{id: "location", kind: oneOf, options: locationOptions},
	{id: "location_text", kind: freeText, minLen: 2, applies: answerIs("location", "elsewhere")},
	{id: "description", kind: freeText, minLen: 10},
	{id: "party", kind: oneOf, options: fixed("party", "unknown", "citizen", "colleague"), applies: aboutPerson},
	{id: "party_name", kind: freeText, skippable: true, options: fixed("party_name", "skip"),
		applies: both(aboutPerson, answerIn("party", "citizen", "colleague"))},
	{id: "party_count", kind: oneOf, options: fixed("party_count", "single", "couple", "group"), applies: aboutPerson},
	{id: "weapon", kind: oneOf, options: yesNo("weapon"), applies: threatOrViolence},
	{id: "injury", kind: oneOf, options: fixed("injury", "none", "light", "medical"), applies: aboutPerson},
	{id: "absence", kind: oneOf, options: fixed("absence", "no", "yes", "unsure"), applies: aboutPerson},
	{id: "damage", kind: oneOf, options: yesNo("damage"), applies: both(aboutPerson, not(hasCategory(CatDamage)))},
	{id: "impact", kind: oneOf, options: fixed("impact", "low", "some", "high"), applies: aboutPerson},
	{id: "witnesses", kind: freeText, skippable: true, options: fixed("witnesses", "none"), applies: aboutPerson},
	{id: "talk_now", kind: oneOf, options: yesNo("talk_now"), applies: aboutPerson},
	{id: "police", kind: oneOf, options: fixed("police", "will", "done", "undecided", "no"), applies: aboutPerson},
	{id: "police_ref", kind: freeText, skippable: true, options: fixed("police_ref", "skip"),
		applies: both(aboutPerson, answerIs("police", "done"))},
	{id: "melding", kind: oneOf, options: yesNo("melding"), applies: both(aboutPerson, answerIs("police", "no"))},
}

// Pseudo-steps handled by the engine rather than declared above.
const (
	stepSummary = "summary" // all answers, then confirm / change / cancel
	stepEdit    = "edit"    // which answer to change
	stepCancel  = "cancel"  // are you sure you want to stop
)

func catKeys() []string {
	keys := make([]string, len(Categories))
	for i, c := range Categories {
		keys[i] = string(c)
	}
	return keys
}

// stepByID returns the declared step with the given ID.
func stepByID(id string) (step, bool) {
	for _, s := range reportSteps {
		if s.id == id {
			return s, true
		}
	}
	return step{}, false
}

// path returns the steps asked, given the answers so far.
func path(a answers) []step {
	var out []step
	for _, s := range reportSteps {
		if s.applies == nil || s.applies(a) {
			out = append(out, s)
		}
	}
	return out
}

// nextStep returns the first step on the path without an answer, or the
// summary when every question is answered.
func nextStep(a answers) string {
	for _, s := range path(a) {
		if _, ok := a[s.id]; !ok {
			return s.id
		}
	}
	return stepSummary
}

// previousStep returns the step before current on the path, or "" at the
// first. From the summary it is the last step.
func previousStep(a answers, current string) string {
	prev := ""
	for _, s := range path(a) {
		if s.id == current {
			return prev
		}
		prev = s.id
	}
	return prev
}

func categoriesOf(a answers) []Category {
	var out []Category
	for _, k := range a["categories"].Keys {
		out = append(out, Category(k))
	}
	return out
}

// aboutPerson is false for the lighter report of an unsafe situation.
func aboutPerson(a answers) bool { return !OnlyUnsafe(categoriesOf(a)) }

func threatOrViolence(a answers) bool {
	return a.has("categories", string(CatThreat)) || a.has("categories", string(CatPhysical))
}

func hasCategory(c Category) func(answers) bool {
	return func(a answers) bool { return a.has("categories", string(c)) }
}

func answerIs(step, key string) func(answers) bool {
	return func(a answers) bool { return a.key(step) == key }
}

func answerIn(step string, keys ...string) func(answers) bool {
	return func(a answers) bool { return slices.Contains(keys, a.key(step)) }
}

func both(f, g func(answers) bool) func(answers) bool {
	return func(a answers) bool { return f(a) && g(a) }
}

func not(f func(answers) bool) func(answers) bool {
	return func(a answers) bool { return !f(a) }
}

// fixed returns options whose labels come from the catalogue as
// "opt.<step>.<key>".
func fixed(stepID string, keys ...string) func(r *reportCtx) []option {
	return func(r *reportCtx) []option {
		out := make([]option, len(keys))
		for i, k := range keys {
			out[i] = option{key: k, label: r.tr.T("opt." + stepID + "." + k)}
		}
		return out
	}
}

func yesNo(stepID string) func(r *reportCtx) []option { return fixed(stepID, "yes", "no") }

// departmentOptions lists the departments of the organisation, the
// reporter's own first, and "none of these".
func departmentOptions(r *reportCtx) []option {
	var out []option
	for _, d := range r.org.Departments {
		o := option{key: d.ID, label: d.Name}
		if d.ID == r.person.Department {
			out = append([]option{o}, out...)
			continue
		}
		out = append(out, o)
	}
	return append(out, option{key: "none", label: r.tr.T("opt.department.none")})
}

// locationOptions lists the locations of the chosen department first, then
// the others, then "elsewhere".
func locationOptions(r *reportCtx) []option {
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
