package bot

// form is a conversation declared as data: its questions, and what happens
// when they are all answered. The report is a form; so is recording the
// outcome of a task. The engine in flow.go runs every form alike.
type form struct {
	id    string
	steps []step
	// summary shows every answer and asks to confirm before finish.
	summary bool
	// confirmCancel asks before throwing the answers away.
	confirmCancel bool
	// finish is called when every question on the path is answered (and,
	// with a summary, confirmed). It ends the conversation.
	finish func(r *formCtx) error
}

// env is what decides which questions of a form are asked.
type env struct {
	a answers
	// forOther is true when the reporter reports for someone else (G9).
	forOther bool
	// guards is true when the organisation has security guards.
	guards bool
	// reporterIsGuard is true when a security guard reports.
	reporterIsGuard bool
}

// path returns the steps asked, given the answers so far.
func (f *form) path(e env) []step {
	var out []step
	for _, s := range f.steps {
		if s.applies == nil || s.applies(e) {
			out = append(out, s)
		}
	}
	return out
}

// next returns the first step on the path without an answer; when every
// question is answered, the summary or "" (finished).
func (f *form) next(e env) string {
	for _, s := range f.path(e) {
		if _, ok := e.a[s.id]; !ok {
			return s.id
		}
	}
	if f.summary {
		return stepSummary
	}
	return ""
}

// previous returns the step before current on the path, or "" at the first.
// From the summary it is the last step.
func (f *form) previous(e env, current string) string {
	prev := ""
	for _, s := range f.path(e) {
		if s.id == current {
			return prev
		}
		prev = s.id
	}
	return prev
}

// last returns the last step on the path.
func (f *form) last(e env) string {
	path := f.path(e)
	if len(path) == 0 {
		return ""
	}
	return path[len(path)-1].id
}

// step returns the step with the given ID.
func (f *form) step(id string) (step, bool) {
	for _, s := range f.steps {
		if s.id == id {
			return s, true
		}
	}
	return step{}, false
}

// formByID returns a form; the empty ID is the report.
func formByID(id string) *form {
	if id == "" || id == reportForm.id {
		return reportForm
	}
	return taskForms[id]
}
