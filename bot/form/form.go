// Package form runs conversations declared as data: a form is a list of
// questions, each with the kind of answer it takes, the buttons it offers
// and when it is asked. The package reads what a person types or clicks as
// an answer and walks the questions; it knows nothing of reports, tasks or
// chat platforms. E is what, besides the answers, decides which questions
// are asked (for a report: whether it is made for someone else).
package form

// Kind is the kind of answer a question takes.
type Kind int

// Kinds of answer.
const (
	OneOf    Kind = iota // one button
	YesNo                // one of two buttons, yes and no
	ManyOf               // one or more buttons, then "Verder"
	FreeText             // typed text
	Moment               // a date and time in the past (see package when)
	Until                // a date in the future, such as the end of a ban
	Names                // names of people, recognised among Step.People
)

// Option is one button of a question: the key stored as the answer and the
// label shown.
type Option struct {
	Key   string
	Label string
}

// Env is what a form's questions are asked in: the answers so far, and
// whatever else decides which questions apply.
type Env interface {
	Given() Answers
}

// Step is one question of a form, declared as data. Its texts are in the
// catalogue under "step.<ID>.prompt", ".help" and ".label".
type Step[E Env] struct {
	ID   string
	Kind Kind
	// Options returns the buttons: the choices of OneOf and ManyOf
	// questions, and quick answers (such as "geen getuigen") of text and
	// moment questions. Nil means none.
	Options func(E) []Option
	// Applies reports whether the question is asked, given the answers so
	// far; nil means always.
	Applies func(E) bool
	// ForOther questions have a third-person prompt and help
	// ("prompt_other", "help_other") for a report made for someone else.
	ForOther bool
	// MinLen is the shortest text a FreeText question accepts.
	MinLen int
	// Long text questions take a text longer than a message: a message
	// over the limit is kept up to it, and the rest is asked for in the
	// next (see Context.Limit). MaxLen bounds the whole answer.
	Long   bool
	MaxLen int
	// People returns whom a Names question recognises.
	People func(E) []Person
	// Skippable text questions accept "-" (or "geen") for "nothing to add".
	Skippable bool
	// Record says where the answer goes when the form is kept: whether
	// it is personal data and its column in the register's export.
	Record Record
}

// Record is what a question's answer is in the register: every question
// decides both (a test keeps it so), so no answer can leak into an export
// or outlive the retention period by being forgotten.
type Record struct {
	// Personal answers name or describe people: they are left out of an
	// anonymous export and removed after the retention period.
	Personal bool
	// Column is the answer's column in the export; NoColumn keeps it out.
	Column string
}

// NoColumn is the Column of an answer that the export leaves out, such as
// a wish that matters only for the follow-up.
const NoColumn = "-"

// Form is a conversation declared as data: its questions in the order they
// are asked.
type Form[E Env] struct {
	ID    string
	Steps []Step[E]
	// Summary shows every answer and asks to confirm before the form is
	// done.
	Summary bool
	// ConfirmCancel asks before the answers are thrown away; short forms
	// stop at once.
	ConfirmCancel bool
}

// Path returns the questions asked, given e.
func (f *Form[E]) Path(e E) []Step[E] {
	var out []Step[E]
	for _, s := range f.Steps {
		if s.Applies == nil || s.Applies(e) {
			out = append(out, s)
		}
	}
	return out
}

// Next returns the first question on the path without an answer, or ""
// when every question is answered.
func (f *Form[E]) Next(e E) string {
	given := e.Given()
	for _, s := range f.Path(e) {
		if _, ok := given[s.ID]; !ok {
			return s.ID
		}
	}
	return ""
}

// Previous returns the question before current on the path, or "" at the
// first; for a question not on the path (the summary), the last one.
func (f *Form[E]) Previous(e E, current string) string {
	prev := ""
	for _, s := range f.Path(e) {
		if s.ID == current {
			return prev
		}
		prev = s.ID
	}
	return prev
}

// Last returns the last question on the path, or "".
func (f *Form[E]) Last(e E) string {
	path := f.Path(e)
	if len(path) == 0 {
		return ""
	}
	return path[len(path)-1].ID
}

// Step returns the question with the given ID.
func (f *Form[E]) Step(id string) (Step[E], bool) {
	for _, s := range f.Steps {
		if s.ID == id {
			return s, true
		}
	}
	return Step[E]{}, false
}

// OnPath returns the answers to the questions on the path: an answer to a
// question that no longer applies (the person went back and changed an
// earlier answer) is left out.
func (f *Form[E]) OnPath(e E) Answers {
	given := e.Given()
	out := Answers{}
	for _, s := range f.Path(e) {
		if a, ok := given[s.ID]; ok {
			out[s.ID] = a
		}
	}
	return out
}
