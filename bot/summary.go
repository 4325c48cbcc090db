package bot

import (
	"fmt"
	"strings"
	"time"

	"meldbot/bot/form"
)

const timeMinute = time.Minute

// summary shows every answer on the path and asks to confirm.
func (r *formCtx) summary() Message {
	inc := r.incident()
	var b strings.Builder
	b.WriteString(r.tr.T("report.summary.title"))
	b.WriteString("\n")
	if r.conv.Subject != "" {
		b.WriteString("• " + r.tr.T("report.summary.about", "Name", Person{Name: r.conv.SubjectName, Email: r.conv.Subject}.DisplayName(), "Email", r.conv.Subject) + "\n")
	}
	for _, s := range r.form.Path(r.env()) {
		a, ok := r.conv.Answers[s.ID]
		if !ok {
			continue
		}
		fmt.Fprintf(&b, "• %s: %s\n", r.tr.T("step."+s.ID+".label"), r.display(s, a))
	}
	if reasons := seriousReasonNames(r.tr, inc); reasons != "" {
		b.WriteString("\n" + r.tr.T("report.summary.serious", "Reasons", reasons) + "\n")
	}
	b.WriteString("\n" + r.tr.T("report.summary.confirm"))
	return r.choices(b.String(), r.summaryOptions(inc))
}

// summaryOptions are the buttons under the summary of inc, the incident
// the answers make.
func (r *formCtx) summaryOptions(inc Incident) []form.Option {
	opts := []form.Option{
		{Key: "confirm", Label: r.tr.T("report.summary.send")},
		{Key: "edit", Label: r.tr.T("report.summary.edit")},
	}
	switch {
	case inc.MarkedSerious:
		opts = append(opts, form.Option{Key: "serious", Label: r.tr.T("report.summary.unmark_serious")})
	case len(inc.SeriousReasons()) == 0:
		opts = append(opts, form.Option{Key: "serious", Label: r.tr.T("report.summary.mark_serious")})
	}
	return append(opts, form.Option{Key: "cancel", Label: r.tr.T("report.summary.cancel")})
}

func (r *formCtx) onSummary(key string) error {
	switch key {
	case "confirm":
		return r.finish()
	case "edit":
		r.conv.Step = stepEdit
	case "serious":
		if r.conv.Answers.Yes("serious") {
			delete(r.conv.Answers, "serious")
		} else {
			r.conv.Answers["serious"] = form.Answer{Keys: []string{"yes"}}
		}
	case "cancel":
		return r.askCancel()
	default:
		return r.ask()
	}
	if err := r.save(); err != nil {
		return err
	}
	if key == "serious" && r.ref != "" {
		return r.update(r.ref, r.question())
	}
	return r.ask()
}

func (r *formCtx) editOptions() []form.Option {
	var opts []form.Option
	for _, s := range r.form.Path(r.env()) {
		if _, ok := r.conv.Answers[s.ID]; ok {
			opts = append(opts, form.Option{Key: s.ID, Label: r.tr.T("step." + s.ID + ".label")})
		}
	}
	return append(opts, form.Option{Key: "back", Label: r.tr.T("report.edit.back")})
}

func (r *formCtx) onEdit(key string) error {
	if key == "back" {
		r.conv.Step = stepSummary
	} else if _, ok := r.form.Step(key); ok {
		r.conv.Step, r.conv.Editing = key, true
	}
	if err := r.save(); err != nil {
		return err
	}
	return r.ask()
}

// display renders an answer for the summary.
func (r *formCtx) display(s step, a form.Answer) string { return displayAnswer(s, a, r.env()) }

// displayAnswer renders an answer as the person gave it: the labels of the
// buttons chosen (a yes or no as plain Ja or Nee), the text typed or the
// moment, in e's language. The
// summary of a report and /incident toon show answers alike.
func displayAnswer(s step, a form.Answer, e env) string {
	switch {
	case a.Moment != nil:
		return e.tr.Moment(*a.Moment)
	case a.Text != "":
		return a.Text
	case a.Key() == form.Skipped:
		return e.tr.T("report.skipped")
	case s.Kind == form.YesNo && (a.Key() == "yes" || a.Key() == "no"):
		// "Ja" and "Nee" as such, not the buttons' "Ja, graag" or "Nee,
		// dank je": the same words, cased alike, in every list.
		return e.tr.T("report.answer." + a.Key())
	case len(a.Keys) > 0:
		opts := optionsOf(s, e)
		var labels []string
		for _, k := range a.Keys {
			if o, ok := form.OptionByKey(opts, k); ok {
				labels = append(labels, o.Label)
			} else {
				labels = append(labels, k)
			}
		}
		return strings.Join(labels, ", ")
	}
	return "—"
}
