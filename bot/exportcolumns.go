package bot

import (
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"meldbot/bot/form"
	"meldbot/bot/locale"
	"meldbot/bot/register"
)

// ExportColumn is a column of the register's export: its name, whether it
// holds personal data (left out of an anonymous export), and how an
// incident's value is written.
type ExportColumn struct {
	Name     string
	Personal bool
	// value is the column's value in the CSV file: codes, stable across
	// languages.
	value func(org *Organisation, inc Incident, r register.Row) string
	// shown is the value as the workbook shows it to people: labels in
	// the reader's language, moments as time.Time, counts as int; nil
	// shows value as it is.
	shown func(org *Organisation, tr locale.Texts, inc Incident, r register.Row) any
	// onlyCSV columns hold the name of what another column holds as a
	// code; the workbook shows that name in the other column instead.
	onlyCSV bool
	// answered columns hold an answer; the others the record's own value.
	answered bool
}

// InWorkbook reports whether the Excel workbook has the column, under a
// header of its own; a column that only names what another holds as a code
// is in the CSV file only.
func (c ExportColumn) InWorkbook() bool { return !c.onlyCSV }

// exportOrder is the order of the export's columns as it has been since
// the first export: a column is only ever added at the end of its part
// (without, then with personal data). A question with a column not named
// here is added at the end of its part by itself.
var exportOrder = []string{
	"number", "occurred", "occurred_precision", "reported_at", "categories", "channel", "department", "department_name",
	"location", "location_name", "serious", "serious_reasons", "weapon", "injury", "absence", "damage", "impact",
	"party", "party_count", "police", "police_melding", "police_outcome", "first_care_at", "first_care_minutes",
	"measure", "measure_until", "status", "closed_at", "purged", "medium", "screenshot", "occurred_approx",
	"reporter", "reporter_name", "subject", "subject_name", "location_text", "description", "party_name", "witnesses",
	"police_ref", "first_care_by", "analysis", "security_eval", "measure_reason",
	"care_given_at", "care_given_minutes", "care_given_by",
}

// recordColumns are the columns that come from the register's record of an
// incident rather than from an answer, and the answers whose value the
// record decides (when: also without an answer; damage: also by its
// category; police_outcome: also when reported already).
var recordColumns = []ExportColumn{
	{Name: "number", value: func(_ *Organisation, inc Incident, _ register.Row) string { return inc.Number }},
	{Name: "occurred", value: func(org *Organisation, inc Incident, _ register.Row) string {
		return exportTime(org, inc.Occurred().Time)
	}, shown: func(org *Organisation, _ locale.Texts, inc Incident, _ register.Row) any {
		return sheetTime(org, inc.Occurred().Time)
	}},
	{Name: "occurred_precision", value: func(_ *Organisation, inc Incident, _ register.Row) string { return string(inc.Occurred().Precision) },
		shown: func(_ *Organisation, tr locale.Texts, inc Incident, _ register.Row) any {
			if p := inc.Occurred().Precision; p != "" {
				return tr.T("export.precision." + string(p))
			}
			return nil
		}},
	{Name: "occurred_approx", value: func(_ *Organisation, inc Incident, _ register.Row) string { return yesOrNo(inc.Occurred().Approx) },
		shown: func(_ *Organisation, tr locale.Texts, inc Incident, _ register.Row) any {
			return sheetYesNo(tr, inc.Occurred().Approx)
		}},
	{Name: "reported_at", value: func(org *Organisation, inc Incident, _ register.Row) string { return exportTime(org, inc.ReportedAt) },
		shown: func(org *Organisation, _ locale.Texts, inc Incident, _ register.Row) any {
			return sheetTime(org, inc.ReportedAt)
		}},
	{Name: "department_name", onlyCSV: true, value: func(org *Organisation, inc Incident, _ register.Row) string {
		d, _ := org.Department(inc.Department())
		return d.Name
	}},
	{Name: "location_name", onlyCSV: true, value: func(org *Organisation, inc Incident, _ register.Row) string {
		l, _ := org.Location(inc.Location())
		return l.Name
	}},
	{Name: "serious", value: func(_ *Organisation, inc Incident, _ register.Row) string { return yesOrNo(inc.Serious) },
		shown: func(_ *Organisation, tr locale.Texts, inc Incident, _ register.Row) any {
			return sheetYesNo(tr, inc.Serious)
		}},
	{Name: "serious_reasons", value: func(_ *Organisation, inc Incident, _ register.Row) string {
		return strings.Join(inc.SeriousReasons(), ";")
	}, shown: func(_ *Organisation, tr locale.Texts, inc Incident, _ register.Row) any {
		return seriousReasonNames(tr, inc)
	}},
	{Name: "damage", value: func(_ *Organisation, inc Incident, _ register.Row) string { return yesOrNo(inc.Damage()) },
		shown: func(_ *Organisation, tr locale.Texts, inc Incident, _ register.Row) any {
			return sheetYesNo(tr, inc.Damage())
		}},
	{Name: "police_outcome", value: func(_ *Organisation, inc Incident, _ register.Row) string { return inc.PoliceOutcome() },
		shown: func(_ *Organisation, tr locale.Texts, inc Incident, _ register.Row) any {
			if o := inc.PoliceOutcome(); o != "" {
				return tr.T("opt.police_outcome." + o)
			}
			return nil
		}},
	{Name: "first_care_at", value: func(org *Organisation, inc Incident, _ register.Row) string { return exportTime(org, inc.FirstCareAt) },
		shown: func(org *Organisation, _ locale.Texts, inc Incident, _ register.Row) any {
			return sheetTime(org, inc.FirstCareAt)
		}},
	{Name: "first_care_minutes", value: func(_ *Organisation, inc Incident, _ register.Row) string {
		return exportMinutes(inc.TimeToFirstCare())
	}, shown: func(_ *Organisation, _ locale.Texts, inc Incident, _ register.Row) any {
		return sheetMinutes(inc.TimeToFirstCare())
	}},
	{Name: "care_given_at", value: func(org *Organisation, inc Incident, _ register.Row) string { return exportTime(org, inc.CareGivenAt) },
		shown: func(org *Organisation, _ locale.Texts, inc Incident, _ register.Row) any {
			return sheetTime(org, inc.CareGivenAt)
		}},
	{Name: "care_given_minutes", value: func(_ *Organisation, inc Incident, _ register.Row) string {
		return exportMinutes(inc.TimeToCareGiven())
	}, shown: func(_ *Organisation, _ locale.Texts, inc Incident, _ register.Row) any {
		return sheetMinutes(inc.TimeToCareGiven())
	}},
	{Name: "status", value: func(_ *Organisation, inc Incident, _ register.Row) string { return string(inc.Status) },
		shown: func(_ *Organisation, tr locale.Texts, inc Incident, _ register.Row) any {
			return tr.T("mine.state." + string(inc.Status))
		}},
	{Name: "closed_at", value: func(org *Organisation, _ Incident, r register.Row) string { return exportTime(org, r.ClosedAt) },
		shown: func(org *Organisation, _ locale.Texts, _ Incident, r register.Row) any {
			return sheetTime(org, r.ClosedAt)
		}},
	{Name: "purged", value: func(_ *Organisation, inc Incident, _ register.Row) string { return yesOrNo(!inc.PurgedAt.IsZero()) },
		shown: func(_ *Organisation, tr locale.Texts, inc Incident, _ register.Row) any {
			return sheetYesNo(tr, !inc.PurgedAt.IsZero())
		}},
	{Name: "reporter", Personal: true, value: func(_ *Organisation, inc Incident, _ register.Row) string { return string(inc.Reporter) }},
	{Name: "reporter_name", Personal: true, value: func(_ *Organisation, inc Incident, _ register.Row) string { return inc.ReporterName }},
	{Name: "subject", Personal: true, value: func(_ *Organisation, inc Incident, _ register.Row) string { return string(inc.Subject) }},
	{Name: "subject_name", Personal: true, value: func(_ *Organisation, inc Incident, _ register.Row) string { return inc.SubjectName }},
	{Name: "first_care_by", Personal: true, value: func(_ *Organisation, inc Incident, _ register.Row) string { return string(inc.FirstCareBy) },
		shown: func(org *Organisation, _ locale.Texts, inc Incident, _ register.Row) any {
			return sheetName(org, inc.FirstCareBy)
		}},
	{Name: "care_given_by", Personal: true, value: func(_ *Organisation, inc Incident, _ register.Row) string { return string(inc.CareGivenBy) },
		shown: func(org *Organisation, _ locale.Texts, inc Incident, _ register.Row) any {
			return sheetName(org, inc.CareGivenBy)
		}},
}

// ExportColumns returns the columns of the register's export, in order:
// the record's own (recordColumns) and one for each question of the report
// and of the task forms whose Record names a column. Questions that share a
// column (the report's police reference and the one the follow-up
// recorded) fill it with the first answer given, recorded first.
// docs/export.md describes every column (a test keeps them in step).
var ExportColumns = sync.OnceValue(exportColumns)

// exportColumns builds the export's columns from the record and the forms.
func exportColumns() []ExportColumn {
	byName := map[string]ExportColumn{}
	for _, c := range recordColumns {
		byName[c.Name] = c
	}
	var extra []string
	add := func(steps []step, answers func(Incident) form.Answers) {
		for _, s := range steps {
			name := s.Record.Column
			if name == form.NoColumn {
				continue
			}
			prev, kept := byName[name]
			own := func(org *Organisation, inc Incident) string { return exportAnswer(org, s, answers(inc)) }
			ownShown := func(org *Organisation, tr locale.Texts, inc Incident) any {
				return sheetAnswer(s, answers(inc), env{a: answers(inc), forOther: inc.Subject != inc.Reporter, org: org, tr: tr})
			}
			switch {
			case kept && !prev.answered:
				continue // the record decides this column
			case kept:
				// Another question fills this column too: its answer first.
				byName[name] = ExportColumn{Name: name, Personal: s.Record.Personal || prev.Personal, answered: true,
					value: func(org *Organisation, inc Incident, r register.Row) string {
						if v := prev.value(org, inc, r); v != "" {
							return v
						}
						return own(org, inc)
					},
					shown: func(org *Organisation, tr locale.Texts, inc Incident, r register.Row) any {
						if prev.value(org, inc, r) != "" {
							return prev.shown(org, tr, inc, r)
						}
						return ownShown(org, tr, inc)
					}}
			default:
				if !slices.Contains(exportOrder, name) {
					extra = append(extra, name)
				}
				byName[name] = ExportColumn{Name: name, Personal: s.Record.Personal, answered: true,
					value: func(org *Organisation, inc Incident, _ register.Row) string { return own(org, inc) },
					shown: func(org *Organisation, tr locale.Texts, inc Incident, _ register.Row) any {
						return ownShown(org, tr, inc)
					}}
			}
		}
	}
	for _, id := range slices.Sorted(maps.Keys(taskForms)) {
		add(taskForms[id].Steps, func(inc Incident) form.Answers { return inc.Recorded })
	}
	add(reportForm.Steps, func(inc Incident) form.Answers { return inc.Report })
	var plain, personal []ExportColumn
	for _, name := range append(slices.Clone(exportOrder), extra...) {
		c, ok := byName[name]
		if !ok {
			continue
		}
		if c.Personal {
			personal = append(personal, c)
		} else {
			plain = append(plain, c)
		}
	}
	return append(plain, personal...)
}

// exportAnswer writes the answer to question s as the export holds it: the
// keys of the buttons chosen (separated by semicolons), the text typed, or
// the moment; a yes/no question not asked is "no".
func exportAnswer(org *Organisation, s step, answers form.Answers) string {
	a, ok := answers[s.ID]
	switch {
	case !ok && s.Kind == form.YesNo:
		return "no"
	case a.Moment != nil:
		return exportTime(org, a.Moment.Time)
	case a.Key() == form.Skipped:
		return ""
	case len(a.Keys) > 0:
		return strings.Join(a.Keys, ";")
	}
	return a.Text
}

// sheetAnswer is the answer to question s as the workbook shows it: the
// labels of the buttons chosen, the text typed, or the moment; a yes/no
// question not asked is "no".
func sheetAnswer(s step, answers form.Answers, e env) any {
	a, ok := answers[s.ID]
	switch {
	case !ok && s.Kind == form.YesNo:
		return sheetYesNo(e.tr, false)
	case !ok, a.Key() == form.Skipped:
		return nil
	case a.Moment != nil:
		return sheetTime(e.org, a.Moment.Time)
	}
	return displayAnswer(s, a, e)
}

// sheetTime is a moment in the organisation's time zone as the workbook
// shows it, or nil.
func sheetTime(org *Organisation, t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return org.In(t)
}

// sheetYesNo is yes or no in the reader's language.
func sheetYesNo(tr locale.Texts, b bool) string {
	if b {
		return tr.T("export.yes")
	}
	return tr.T("export.no")
}

// sheetMinutes is a time after the report in whole minutes, or an empty
// cell.
func sheetMinutes(d time.Duration, ok bool) any {
	if !ok {
		return nil
	}
	return int(d.Round(time.Minute) / time.Minute)
}

// sheetName is the name of a person of the organisation, or an empty cell.
func sheetName(org *Organisation, e Email) any {
	if e == "" {
		return nil
	}
	return org.NameOf(e)
}

// exportTime writes a moment in the organisation's time zone, or "".
func exportTime(org *Organisation, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return org.In(t).Format(exportTimeLayout)
}

// exportMinutes writes a time after the report in whole minutes, or "".
func exportMinutes(d time.Duration, ok bool) string {
	if !ok {
		return ""
	}
	return strconv.Itoa(int(d.Round(time.Minute) / time.Minute))
}

func yesOrNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
