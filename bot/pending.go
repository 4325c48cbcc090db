package bot

import (
	"strings"

	"meldbot/bot/form"
)

// A question may have to ask something before its answer is stored (a
// form.Pending): which of two readings of a clock time was meant, who a
// name typed at a Names question is, or the rest of a text longer than a
// message. This file asks those follow-up questions and shows what was
// understood once an answer is stored.

// context is what typed text at question s is read against; opts are the
// buttons of what is asked now.
func (r *formCtx) context(s step, opts []form.Option) form.Context {
	c := form.Context{Options: opts, Now: r.now, Limit: MaxInput}
	if s.People != nil {
		c.People = s.People(r.env())
	}
	return c
}

// takesLong reports whether the question asked now reads a text longer
// than a message (form.Step.Long).
func (r *formCtx) takesLong() bool {
	s, ok := r.form.Step(r.conv.Step)
	return ok && s.Long
}

// askPending keeps the follow-up a question needs and asks it. A text over
// the limit is answered with where it was cut off.
func (r *formCtx) askPending(p *form.Pending) error {
	r.conv.Pending = p
	if err := r.save(); err != nil {
		return err
	}
	if p.Text != "" {
		return r.ask(r.tr.T("report.long.kept", "Max", MaxInput, "End", lastWords(p.Text, 8)))
	}
	return r.ask()
}

// choosePending applies a button of the follow-up question: the answer
// when nothing is left to ask, else the next follow-up. handled is false
// for a button that is not the follow-up's.
func (r *formCtx) choosePending(s step, p *form.Pending, key string) (handled bool, err error) {
	o, ok := form.OptionByKey(r.pendingOptions(*p), key)
	if !ok {
		return false, nil
	}
	if err := r.showChosen(o.Label); err != nil {
		return true, err
	}
	a, _ := p.Choose(key)
	if a == nil {
		if err := r.save(); err != nil {
			return true, err
		}
		return true, r.ask()
	}
	return true, r.answer(s, *a, false)
}

// pendingQuestion renders the follow-up question p stands for.
func (r *formCtx) pendingQuestion(p form.Pending) Message {
	tr := r.tr
	var text string
	switch m := p.Open(); {
	case len(p.Readings) == 2:
		text = tr.T("report.pending.time", "Day", tr.LongDay(p.Readings[0].Time, r.now),
			"First", tr.Clock(p.Readings[0]), "Second", tr.Clock(p.Readings[1]))
	case m != nil && len(m.Candidates) == 1:
		text = tr.T("report.pending.person", "Name", m.Candidates[0].Name, "Typed", m.Typed)
	case m != nil:
		text = tr.T("report.pending.people", "Typed", m.Typed)
	default:
		text = tr.T("report.pending.rest")
	}
	return r.choices(text, r.pendingOptions(p))
}

// pendingOptions are the buttons of the follow-up question: the readings
// of the time, the people a name may be and "someone else", or "klaar".
func (r *formCtx) pendingOptions(p form.Pending) []form.Option {
	var out []form.Option
	switch m := p.Open(); {
	case len(p.Readings) > 0:
		for i, m := range p.Readings {
			out = append(out, form.Option{Key: form.ReadingKey(i), Label: m.Time.Format("15:04")})
		}
	case m != nil && len(m.Candidates) == 1:
		out = append(out, form.Option{Key: form.Yes, Label: r.tr.T("report.pending.yes")},
			form.Option{Key: form.Nobody, Label: r.tr.T("report.pending.no")})
	case m != nil:
		for _, c := range m.Candidates {
			out = append(out, form.Option{Key: form.PersonKey(c), Label: c.Name})
		}
		out = append(out, form.Option{Key: form.Nobody, Label: r.tr.T("report.pending.someone_else")})
	default:
		out = append(out, form.Option{Key: form.Done, Label: r.tr.T("report.pending.done")})
	}
	return out
}

// noted is what the next question starts with after answer a to s, so a
// wrong reading is caught at once: the moment understood, the people
// recognised, the choices a typed list named. Clicked buttons show
// themselves; they get no such line.
func (r *formCtx) noted(s step, a form.Answer, typed bool) string {
	var what string
	switch {
	case s.Kind == form.Moment && a.Moment != nil:
		what = r.tr.Noted(*a.Moment, r.now)
	case s.Kind == form.Names && a.Text != "":
		var names []string
		recognised := map[string]bool{}
		for _, k := range a.People {
			recognised[r.org.NameOf(Email(k))] = true
		}
		for _, n := range strings.Split(a.Text, ", ") {
			if recognised[n] {
				n = r.tr.T("report.noted.colleague", "Name", n)
			}
			names = append(names, n)
		}
		what = strings.Join(names, ", ")
	case s.Kind == form.ManyOf && typed:
		what = r.display(s, a)
	default:
		return ""
	}
	return r.tr.T("report.noted", "Answer", what)
}

// firstWords returns the first n words of text, before an ellipsis when
// there are more.
func firstWords(text string, n int) string {
	words := strings.Fields(text)
	if len(words) <= n {
		return text
	}
	return strings.Join(words[:n], " ") + "…"
}

// lastWords returns the last n words of text, after an ellipsis when there
// are more.
func lastWords(text string, n int) string {
	words := strings.Fields(text)
	if len(words) <= n {
		return text
	}
	return "…" + strings.Join(words[len(words)-n:], " ")
}
