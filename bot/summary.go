package bot

import (
	"fmt"
	"strings"
	"time"

	"meldbot/bot/when"
)

const timeMinute = time.Minute

// summary shows every answer on the path and asks to confirm.
func (r *formCtx) summary() Message {
	inc := r.incident()
	var b strings.Builder
	b.WriteString(r.tr.T("report.summary.title"))
	b.WriteString("\n")
	if r.conv.Subject != "" {
		b.WriteString("• " + r.tr.T("report.summary.about", "Name", firstNameOr(r.conv.SubjectName, r.conv.Subject), "Email", r.conv.Subject) + "\n")
	}
	for _, s := range r.form.path(r.env()) {
		a, ok := r.conv.Answers[s.id]
		if !ok {
			continue
		}
		fmt.Fprintf(&b, "• %s: %s\n", r.tr.T("step."+s.id+".label"), r.display(s, a))
	}
	if reasons := seriousReasonNames(r.tr, inc); reasons != "" {
		b.WriteString("\n" + r.tr.T("report.summary.serious", "Reasons", reasons) + "\n")
	}
	b.WriteString("\n" + r.tr.T("report.summary.confirm"))
	return r.choices(b.String(), r.summaryOptions(inc))
}

// summaryOptions are the buttons under the summary of inc, the incident
// the answers make.
func (r *formCtx) summaryOptions(inc Incident) []option {
	opts := []option{
		{key: "confirm", label: r.tr.T("report.summary.send")},
		{key: "edit", label: r.tr.T("report.summary.edit")},
	}
	switch {
	case inc.MarkedSerious:
		opts = append(opts, option{key: "serious", label: r.tr.T("report.summary.unmark_serious")})
	case len(inc.SeriousReasons()) == 0:
		opts = append(opts, option{key: "serious", label: r.tr.T("report.summary.mark_serious")})
	}
	return append(opts, option{key: "cancel", label: r.tr.T("report.summary.cancel")})
}

func (r *formCtx) onSummary(key string) error {
	switch key {
	case "confirm":
		return r.form.finish(r)
	case "edit":
		r.conv.Step = stepEdit
	case "serious":
		if answers(r.conv.Answers).key("serious") == "yes" {
			delete(r.conv.Answers, "serious")
		} else {
			r.conv.Answers["serious"] = Answer{Keys: []string{"yes"}}
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

func (r *formCtx) editOptions() []option {
	var opts []option
	for _, s := range r.form.path(r.env()) {
		if _, ok := r.conv.Answers[s.id]; ok {
			opts = append(opts, option{key: s.id, label: r.tr.T("step." + s.id + ".label")})
		}
	}
	return append(opts, option{key: "back", label: r.tr.T("report.edit.back")})
}

func (r *formCtx) onEdit(key string) error {
	if key == "back" {
		r.conv.Step = stepSummary
	} else if _, ok := r.form.step(key); ok {
		r.conv.Step = key
	}
	if err := r.save(); err != nil {
		return err
	}
	return r.ask()
}

// display renders an answer for the summary.
func (r *formCtx) display(s step, a Answer) string {
	switch {
	case a.Moment != nil:
		return formatMoment(r.tr, *a.Moment)
	case a.Text != "":
		return a.Text
	case a.Key() == "skip":
		return r.tr.T("report.skipped")
	case len(a.Keys) > 0:
		opts := r.options(s)
		var labels []string
		for _, k := range a.Keys {
			if o, ok := optionByKey(opts, k); ok {
				labels = append(labels, o.label)
			} else {
				labels = append(labels, k)
			}
		}
		return strings.Join(labels, ", ")
	}
	return "—"
}

// formatMoment renders a moment in the reader's language, e.g.
// "vr 27 nov 2026, 13:00" or "vr 27 nov 2026, ochtend".
func formatMoment(tr Texts, m when.Moment) string {
	t := m.Time
	day := formatDay(tr, t)
	switch m.Precision {
	case when.PartOfDay:
		return day + ", " + tr.T("time.part."+string(m.Part))
	case when.Day:
		return day + " " + tr.T("time.unknown")
	}
	return day + ", " + t.Format("15:04")
}

// formatDay renders the day of a moment in the reader's language, e.g.
// "vr 27 nov 2026".
func formatDay(tr Texts, t time.Time) string {
	return fmt.Sprintf("%s %d %s %d", tr.T(fmt.Sprintf("time.weekday.%d", t.Weekday())), t.Day(),
		tr.T(fmt.Sprintf("time.month.%d", t.Month())), t.Year())
}
