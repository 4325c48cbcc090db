package bot

import (
	"errors"
	"slices"
	"strings"

	"meldbot/bot/form"
	"meldbot/bot/policy"
	"meldbot/bot/when"
)

// formCtx is one turn of a conversation: the form being filled in and the
// answers so far. It drives every form alike: the questions and how typed
// text is read are the form's (package form); storing, asking and the side
// steps of the summary (change an answer, stop) are here.
type formCtx struct {
	*turn
	org  *Organisation
	conv *Conversation
	form *form.Form[env]
}

func (t *turn) form(c *Conversation) *formCtx {
	r := &formCtx{turn: t, org: t.b.org, conv: c, form: formOf(c.Form)}
	r.settle()
	return r
}

// settle moves a conversation stored at a step this version no longer has,
// or no longer asks given the answers (after an upgrade), to the next open
// question, so buttons and answers match the step that is asked. When every
// question is answered, that is the summary of a form that has one, else
// the last question, whose answer finishes the form.
func (r *formCtx) settle() {
	switch r.conv.Step {
	case stepSummary, stepEdit, stepCancel:
		return
	}
	if slices.ContainsFunc(r.form.Path(r.env()), func(s step) bool { return s.ID == r.conv.Step }) {
		return
	}
	r.conv.Pending = nil
	if r.conv.Step = r.next(); r.conv.Step == "" {
		r.conv.Step = r.form.Last(r.env())
	}
}

// env returns what decides which questions are asked. The person of the
// turn is the one filling in the form.
func (r *formCtx) env() env {
	own := r.person.Department
	if r.conv.Subject != "" {
		p, _ := r.org.Person(r.conv.Subject)
		own = p.Department
	}
	return env{
		a:               r.conv.Answers,
		forOther:        r.conv.Subject != "",
		subject:         r.conv.Subject,
		subjectName:     r.conv.SubjectName,
		reporter:        r.person.Email,
		guards:          r.b.guards,
		reporterIsGuard: r.person.Has(policy.RoleSecurity),
		ownDepartment:   own,
		org:             r.org,
		tr:              r.tr,
	}
}

// next returns the first question without an answer, the summary when
// every question is answered and the form has one, or "" when the form is
// done.
func (r *formCtx) next() string {
	if id := r.form.Next(r.env()); id != "" || !r.form.Summary {
		return id
	}
	return stepSummary
}

// save stores the conversation. Every path that changes it saves before the
// reply is queued; both are in the same transaction.
func (r *formCtx) save() error {
	r.conv.Updated, r.conv.Reminded = r.now, false
	return r.tx.PutConversation(*r.conv)
}

// end closes the conversation and tells the person lead, such as what was
// recorded or that nothing was. A report parked behind it comes back, its
// question in the same message after lead, so the person reads how the
// form ended before where the report was.
func (r *formCtx) end(lead ...string) error { return r.endShowing(nil, lead...) }

// endShowing is end for a lead that shows an incident; audit lists what it
// discloses.
func (r *formCtx) endShowing(audit []AuditEntry, lead ...string) error {
	if p := r.conv.Parked; p != nil {
		p.Updated = r.now
		if err := r.tx.PutConversation(*p); err != nil {
			return err
		}
		return r.turn.form(p).askShowing(audit, append(slices.Clip(lead), r.tr.T("report.unparked"))...)
	}
	if err := r.tx.DeleteConversation(r.conv.User); err != nil {
		return err
	}
	if text := strings.Join(lead, "\n\n"); text != "" {
		return r.reply(Message{Text: text}, audit...)
	}
	return nil
}

// ask sends the current question, with optional text before it.
func (r *formCtx) ask(before ...string) error { return r.askShowing(nil, before...) }

// askShowing is ask for text before the question that shows an incident;
// audit lists what it discloses.
func (r *formCtx) askShowing(audit []AuditEntry, before ...string) error {
	m := r.question()
	if pre := strings.Join(before, "\n\n"); pre != "" {
		m.Text = pre + "\n\n" + m.Text
	}
	return r.reply(m, audit...)
}

// correct sends a correction and the same question again.
func (r *formCtx) correct(msg string) error { return r.ask(msg) }

// question renders the current step.
func (r *formCtx) question() Message {
	switch r.conv.Step {
	case stepSummary:
		return r.summary()
	case stepEdit:
		return r.choices(r.tr.T("report.edit.prompt"), r.editOptions())
	case stepCancel:
		return r.choices(r.tr.T("report.cancel.prompt"), r.cancelOptions())
	}
	s, _ := r.form.Step(r.conv.Step)
	if p := r.conv.Pending; p != nil {
		return r.pendingQuestion(*p)
	}
	text := r.prompt(s)
	if prev, ok := r.conv.Answers[s.ID]; ok {
		text += "\n" + r.tr.T("report.previous", "Answer", r.display(s, prev))
	}
	opts := r.options(s)
	if s.Kind == form.ManyOf {
		for i, o := range opts {
			if slices.Contains(r.conv.Selecting, o.Key) {
				opts[i].Label = "✓ " + o.Label
			}
		}
		m := r.choices(text, opts)
		m.Choices = append(m.Choices, Choice{Label: r.tr.T("report.continue"), Value: answerValue(r.conv.ID, s.ID, "done"), Style: StylePrimary})
		return m
	}
	return r.choices(text, opts)
}

// prompt is the question of a step; a report for someone else uses the
// third-person wording of a ForOther question.
func (r *formCtx) prompt(s step) string { return r.stepText(s, "prompt") }

// stepText is a text of a step ("prompt", "help"), about the person the
// report is for when that is someone else and the step is ForOther
// ("prompt_other", "help_other").
func (r *formCtx) stepText(s step, text string) string {
	if r.conv.Subject != "" && s.ForOther {
		return r.tr.T("step."+s.ID+"."+text+"_other", "Name", r.subjectFirstName())
	}
	return r.tr.T("step." + s.ID + "." + text)
}

// subjectFirstName is how the questions name the person a report is made
// for: their first name, or their address.
func (r *formCtx) subjectFirstName() string { return firstNameOr(r.conv.SubjectName, r.conv.Subject) }

// options returns the buttons of a step; a yes/no question without its
// own has "yes" and "no" in its own words.
func (r *formCtx) options(s step) []form.Option { return optionsOf(s, r.env()) }

// optionsOf returns the buttons of a step in e.
func optionsOf(s step, e env) []form.Option {
	switch {
	case s.Options != nil:
		return s.Options(e)
	case s.Kind == form.YesNo:
		return yesNo(s.ID)(e)
	}
	return nil
}

func (r *formCtx) choices(text string, opts []form.Option) Message {
	m := Message{Text: text}
	for _, o := range opts {
		m.Choices = append(m.Choices, Choice{Label: o.Label, Value: answerValue(r.conv.ID, r.conv.Step, o.Key)})
	}
	return m
}

// onText handles typed text as the answer to the current question.
func (r *formCtx) onText(body string) error {
	body = strings.TrimSpace(body)
	switch form.WordOf(body) {
	case form.Back:
		return r.back()
	case form.Stop:
		if r.conv.Step != stepCancel {
			return r.askCancel()
		}
	case form.Help:
		return r.help()
	}
	switch r.conv.Step {
	case stepSummary, stepEdit, stepCancel:
		if o, ok := form.FindOption(r.sideOptions(), body); ok {
			return r.onChoice(r.conv.Step, o.Key)
		}
		return r.correct(r.tr.T("report.correct.choice"))
	}
	s, ok := r.form.Step(r.conv.Step)
	if !ok {
		return r.ask()
	}
	if r.conv.Listed != "" && form.Fold(body) == form.Fold(r.tr.T("report.continue")) {
		// "Verder" after a typed list: the list was enough.
		return r.ask(r.tr.T("report.listed"))
	}
	var read form.Reading
	if p := r.conv.Pending; p != nil {
		read = s.ReadPending(*p, body, r.context(s, r.pendingOptions(*p)))
	} else {
		read = s.Read(body, r.context(s, r.options(s)))
	}
	switch {
	case read.Answer != nil && read.Dropped != "":
		return r.answerNoting(s, *read.Answer, true, r.tr.T("report.noted.cut", "Count", s.MaxLen,
			"From", firstWords(read.Dropped, 8)))
	case read.Answer != nil:
		return r.answer(s, *read.Answer, true)
	case read.Pending != nil:
		return r.askPending(read.Pending)
	case read.Choice != "":
		return r.onChoice(s.ID, read.Choice)
	}
	switch read.Problem {
	case form.UnknownChoices:
		return r.correct(r.tr.T("report.correct.many", "Unknown", strings.Join(read.Unknown, ", ")))
	case form.TooShort:
		return r.correct(r.tr.T("report.correct.short", "Count", s.MinLen))
	case form.NotAMoment:
		return r.correct(r.momentError(read.Err))
	case form.NotAnEndDate:
		if errors.Is(read.Err, when.ErrTooFar) {
			return r.correct(r.tr.T("form.correct.until_far", "Count", when.MaxUntilYears, "Latest", r.tr.Day(when.LatestUntil(r.now))))
		}
		return r.correct(r.tr.T("form.correct.until"))
	}
	return r.correct(r.tr.T("report.correct.choice"))
}

func (r *formCtx) sideOptions() []form.Option {
	switch r.conv.Step {
	case stepSummary:
		return r.summaryOptions(r.incident())
	case stepEdit:
		return r.editOptions()
	}
	return r.cancelOptions()
}

func (r *formCtx) momentError(err error) string {
	switch {
	case errors.Is(err, when.ErrFuture):
		return r.tr.T("report.correct.future")
	case errors.Is(err, when.ErrNoSuchDate):
		return r.tr.T("report.correct.no_such_date")
	case errors.Is(err, when.ErrTooOld):
		return r.tr.T("report.correct.too_old")
	}
	return r.tr.T("report.correct.when")
}

// onChoice handles a button: either clicked, or typed as its number or label.
func (r *formCtx) onChoice(stepID, key string) error {
	if stepID != r.conv.Step {
		if stepID == r.conv.Listed && key == "done" {
			// "Verder" clicked under a list that was typed.
			return r.ask(r.tr.T("report.listed"))
		}
		return r.ask(r.tr.T("report.stale_question"))
	}
	switch stepID {
	case stepSummary:
		return r.onSummary(key)
	case stepEdit:
		return r.onEdit(key)
	case stepCancel:
		return r.onCancel(key)
	}
	s, ok := r.form.Step(stepID)
	if !ok {
		return r.ask()
	}
	if p := r.conv.Pending; p != nil {
		if handled, err := r.choosePending(s, p, key); handled {
			return err
		}
		// A button of the question itself, such as "Zojuist": the
		// follow-up is no longer needed.
		r.conv.Pending = nil
	}
	opts := r.options(s)
	if s.Kind == form.ManyOf {
		if key == "done" {
			if len(r.conv.Selecting) == 0 {
				return r.correct(r.tr.T("report.correct.none_selected"))
			}
			return r.answer(s, form.Answer{Keys: slices.Clone(r.conv.Selecting)}, false)
		}
		return r.toggle(opts, key)
	}
	o, ok := form.OptionByKey(opts, key)
	if !ok {
		return r.ask(r.tr.T("report.stale_question"))
	}
	if err := r.showChosen(o.Label); err != nil {
		return err
	}
	if s.Kind == form.Moment && key == "now" {
		m := when.Moment{Time: r.now.Truncate(timeMinute), Precision: when.Minute}
		return r.answer(s, form.Answer{Moment: &m}, false)
	}
	return r.answer(s, form.Answer{Keys: []string{o.Key}}, false)
}

// toggle ticks or unticks an option of a multiple-choice step and redraws
// the clicked message.
func (r *formCtx) toggle(opts []form.Option, key string) error {
	if _, ok := form.OptionByKey(opts, key); !ok {
		return r.ask(r.tr.T("report.stale_question"))
	}
	if i := slices.Index(r.conv.Selecting, key); i >= 0 {
		r.conv.Selecting = slices.Delete(r.conv.Selecting, i, i+1)
	} else {
		r.conv.Selecting = append(r.conv.Selecting, key)
	}
	if err := r.save(); err != nil {
		return err
	}
	if r.ref == "" {
		return r.ask()
	}
	return r.update(r.ref, r.question())
}

// showChosen replaces the clicked question by the question and the choice,
// without buttons.
func (r *formCtx) showChosen(label string) error {
	if r.ref == "" {
		return nil
	}
	q := r.question()
	return r.update(r.ref, Message{Text: q.Text + "\n" + r.tr.T("report.chosen", "Choice", label)})
}

// answer stores an answer and asks the next open question, or finishes the
// form when none is left. The next question starts with what was understood
// of an answer that was read rather than clicked (see noted); typed is
// whether it was typed.
func (r *formCtx) answer(s step, a form.Answer, typed bool) error {
	return r.answerNoting(s, a, typed, r.noted(s, a, typed))
}

// answerNoting is answer with the note the next question starts with.
func (r *formCtx) answerNoting(s step, a form.Answer, typed bool, note string) error {
	r.conv.Answers[s.ID] = a
	r.conv.Selecting, r.conv.Pending = nil, nil
	r.conv.Resume, r.conv.Listed = "", ""
	if typed && s.Kind == form.ManyOf {
		r.conv.Listed = s.ID
	}
	r.conv.Step = r.next()
	if r.conv.Step == "" {
		return r.finish()
	}
	if r.conv.Step == stepSummary {
		r.conv.Editing = false
	}
	if err := r.save(); err != nil {
		return err
	}
	return r.ask(note)
}

// back returns to the question before the current one in the order of the
// form, keeping every answer.
func (r *formCtx) back() error {
	switch r.conv.Step {
	case stepEdit:
		r.conv.Step = stepSummary
	case stepCancel:
		r.conv.Step, r.conv.Resume = r.conv.Resume, ""
	default:
		switch {
		case r.conv.Pending != nil:
			// Back from a follow-up is the question it followed.
			r.conv.Pending = nil
		case r.conv.Editing && r.form.Next(r.env()) == "":
			// Back while changing one answer is the summary.
			r.conv.Step, r.conv.Editing = stepSummary, false
		default:
			prev := r.form.Previous(r.env(), r.conv.Step)
			if prev == "" {
				return r.ask(r.tr.T("report.first_question"))
			}
			r.conv.Step = prev
		}
		r.conv.Selecting = nil
	}
	if err := r.save(); err != nil {
		return err
	}
	return r.ask()
}

// askCancel asks whether the person really wants to stop; short forms stop
// at once.
func (r *formCtx) askCancel() error {
	if !r.form.ConfirmCancel {
		return r.end(r.tr.T("form.cancelled"))
	}
	if r.conv.Step != stepCancel {
		r.conv.Resume, r.conv.Step = r.conv.Step, stepCancel
	}
	if err := r.save(); err != nil {
		return err
	}
	return r.ask()
}

func (r *formCtx) cancelOptions() []form.Option {
	return []form.Option{
		{Key: "yes", Label: r.tr.T("report.cancel.yes")},
		{Key: "no", Label: r.tr.T("report.cancel.no")},
	}
}

func (r *formCtx) onCancel(key string) error {
	switch key {
	case "yes":
		if err := r.showChosen(r.tr.T("report.cancel.yes")); err != nil {
			return err
		}
		if err := r.tx.DeleteConversation(r.conv.User); err != nil {
			return err
		}
		return r.reply(Message{Text: r.tr.T("report.cancelled")})
	case "no":
		r.conv.Step, r.conv.Resume = r.conv.Resume, ""
		if r.conv.Step == "" {
			r.conv.Step = r.next()
		}
		if err := r.save(); err != nil {
			return err
		}
		return r.ask(r.tr.T("report.cancel.resumed"))
	}
	return r.ask()
}

// help explains the current question and the words that always work.
func (r *formCtx) help() error {
	var text string
	switch r.conv.Step {
	case stepSummary, stepEdit, stepCancel:
		text = r.tr.T("report.help." + r.conv.Step)
	default:
		s, _ := r.form.Step(r.conv.Step)
		text = r.stepText(s, "help")
	}
	return r.ask(text + "\n" + r.tr.T("report.help.words"))
}

// firstNameOr returns the first word of name, or fallback.
func firstNameOr(name string, fallback Email) string {
	if f := firstName(name); f != "" {
		return f
	}
	return string(fallback)
}
