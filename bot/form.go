package bot

import (
	"maps"
	"slices"

	"meldbot/bot/form"
	"meldbot/bot/locale"
)

// The forms of meldbot are declared as data (package form): the report
// (report.go) and the forms that record a task's outcome (taskforms.go).
// This file is what the domain adds to them: what decides which questions
// are asked, which form a stored conversation fills in, and what happens
// when a form is done.

// env is what decides which questions of a form are asked and which
// buttons they offer.
type env struct {
	a form.Answers
	// forOther is true when the reporter reports for someone else (G9):
	// subject, named subjectName.
	forOther    bool
	subject     Email
	subjectName string
	// reporter is who fills in the form.
	reporter Email
	// guards is true when the organisation has security guards.
	guards bool
	// reporterIsGuard is true when a security guard reports.
	reporterIsGuard bool
	// ownDepartment is the department of the person the report is about.
	ownDepartment string
	org           *Organisation
	tr            locale.Texts
}

// Given returns the answers so far.
func (e env) Given() form.Answers { return e.a }

// step is a question of one of meldbot's forms.
type step = form.Step[env]

// formOf returns a form by its ID; the empty ID is the report. It returns
// nil for a form this version does not have.
func formOf(id string) *form.Form[env] {
	if id == "" || id == reportForm.ID {
		return reportForm
	}
	return taskForms[id]
}

// finish does what a form is for, once every question on its path is
// answered (and, with a summary, confirmed); it ends the conversation.
func (r *formCtx) finish() error {
	switch r.form.ID {
	case reportForm.ID:
		return r.confirm()
	case "police":
		return r.finishPolice()
	case "offender":
		return r.finishOffender()
	case "analysis":
		return r.finishAnalysis()
	case "security_eval":
		return r.finishSecurityEval()
	case "not_needed":
		return r.finishNotNeeded()
	case "duty":
		return r.finishDuty()
	case "defect":
		return r.finishDefect()
	}
	return r.end()
}

// fixed returns options whose labels come from the catalogue as
// "opt.<question>.<key>".
func fixed(stepID string, keys ...string) func(env) []form.Option {
	return func(e env) []form.Option {
		out := make([]form.Option, len(keys))
		for i, k := range keys {
			out[i] = form.Option{Key: k, Label: e.tr.T("opt." + stepID + "." + k)}
		}
		return out
	}
}

// about returns options whose labels come from the catalogue as
// "opt.<question>.<key>", or, in a report made for someone else, as
// "opt.<question>.<key>_other" naming them by their first name: "Tom doet
// aangifte".
func about(stepID string, keys ...string) func(env) []form.Option {
	own := fixed(stepID, keys...)
	return func(e env) []form.Option {
		if !e.forOther {
			return own(e)
		}
		name := firstNameOr(e.subjectName, e.subject)
		out := make([]form.Option, len(keys))
		for i, k := range keys {
			out[i] = form.Option{Key: k, Label: e.tr.T("opt."+stepID+"."+k+"_other", "Name", name)}
		}
		return out
	}
}

// yesNo returns the options of a yes/no question: "yes" and "no", in the
// question's own words ("opt.<question>.yes").
func yesNo(stepID string) func(env) []form.Option { return fixed(stepID, "yes", "no") }

// Question describes a question of one of meldbot's forms: the form it is
// part of, its ID, the answer it takes, and what that answer is in the
// register. Tools and tests that go over every question use it.
type Question struct {
	Form   string
	ID     string
	Kind   form.Kind
	Record form.Record
}

// Questions returns every question of the report form, then of the task
// forms in order of their ID.
func Questions() []Question {
	var out []Question
	add := func(f *form.Form[env]) {
		for _, s := range f.Steps {
			out = append(out, Question{Form: f.ID, ID: s.ID, Kind: s.Kind, Record: s.Record})
		}
	}
	add(reportForm)
	for _, id := range slices.Sorted(maps.Keys(taskForms)) {
		add(taskForms[id])
	}
	return out
}
