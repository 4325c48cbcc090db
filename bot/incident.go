package bot

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"meldbot/bot/form"
	"meldbot/bot/locale"
	"meldbot/bot/register"

	"meldbot/bot/when"
)

// Incident is one entry in the register (the GIR): who reported it and for
// whom, the report as made — its answers, by question of the report form —
// and what the follow-up recorded — the answers of the task forms. The
// forms are the one place that says what each answer is: which question,
// whether it is personal data, its export column. The typed accessors
// below exist only for what meldbot's rules read.
type Incident struct {
	Number     string    `json:"number"` // GIR-2026-0042
	ReportedAt time.Time `json:"reported_at"`
	// Reporter is who made the report; Subject is who it happened to. They
	// differ when a security guard reports for a colleague (G9).
	Reporter     Email  `json:"reporter"`
	ReporterName string `json:"reporter_name,omitempty"`
	Subject      Email  `json:"subject"`
	SubjectName  string `json:"subject_name,omitempty"`

	// Report holds the answers of the report as made, by question ID of
	// the report form; only questions on its path have one.
	Report form.Answers `json:"report"`
	// MarkedSerious is set when the reporter marked the report serious.
	MarkedSerious bool `json:"marked_serious,omitempty"`
	Serious       bool `json:"serious"`

	Status Status `json:"status"`

	// FirstCareAt is when first care was taken up (M5), by FirstCareBy:
	// the first "Ik pak het op", or "Gedaan" when it came first.
	FirstCareAt time.Time `json:"first_care_at,omitzero"`
	FirstCareBy Email     `json:"first_care_by,omitempty"`
	// CareGivenAt is when first care was given, by CareGivenBy: when its
	// task was marked done.
	CareGivenAt time.Time `json:"care_given_at,omitzero"`
	CareGivenBy Email     `json:"care_given_by,omitempty"`
	// Recorded holds what the follow-up recorded, by question ID of the
	// task forms: the police report's outcome and reference (M6), the
	// measure toward the offender (M10), the analysis (M9), the guard's
	// evaluation (G8).
	Recorded form.Answers `json:"recorded,omitempty"`

	// PurgedAt is when the personal data was removed after the retention
	// period (see Purge); zero while it is kept.
	PurgedAt time.Time `json:"purged_at,omitzero"`
}

// PoliceIntent is what the report says about going to the police.
type PoliceIntent string

// The answers to the report's police question.
const (
	PoliceWill      PoliceIntent = "will"      // will report (aangifte)
	PoliceDone      PoliceIntent = "done"      // reported already
	PoliceUndecided PoliceIntent = "undecided" // not sure yet
	PoliceNo        PoliceIntent = "no"        // no report
)

// Supported reports whether the report asks for support with a police
// report: the reporter will report, or is not sure yet.
func (p PoliceIntent) Supported() bool { return p == PoliceWill || p == PoliceUndecided }

// Categories returns what happened.
func (inc Incident) Categories() []register.Category { return categoriesOf(inc.Report) }

// Occurred returns when it happened, as exactly as the reporter knew.
func (inc Incident) Occurred() when.Moment {
	if m := inc.Report["when"].Moment; m != nil {
		return *m
	}
	return when.Moment{Time: inc.ReportedAt, Precision: when.Minute}
}

// Department returns the ID of the department it happened in, or "".
func (inc Incident) Department() string {
	if d := inc.Report.Key("department"); d != "none" {
		return d
	}
	return ""
}

// Location returns the ID of the location it happened at, or "" when it
// happened elsewhere (see the answer to "location_text").
func (inc Incident) Location() string {
	if l := inc.Report.Key("location"); l != "elsewhere" {
		return l
	}
	return ""
}

// Channel returns how the contact was: in_person, phone or written.
func (inc Incident) Channel() string { return inc.Report.Key("channel") }

// Party returns who the other party was: unknown, citizen or colleague.
func (inc Incident) Party() string { return inc.Report.Key("party") }

// Injury returns none, light or medical.
func (inc Incident) Injury() string { return inc.Report.Key("injury") }

// Weapon reports whether a weapon was involved.
func (inc Incident) Weapon() bool { return inc.Report.Yes("weapon") }

// Damage reports whether there was material damage: so reported, or the
// incident is damage to property (M11).
func (inc Incident) Damage() bool {
	return inc.Report.Yes("damage") || slices.Contains(inc.Categories(), register.CatDamage)
}

// TalkNow reports whether the employee wanted someone to talk to at once.
func (inc Incident) TalkNow() bool { return inc.Report.Yes("talk_now") }

// Police returns what the report says about going to the police.
func (inc Incident) Police() PoliceIntent { return PoliceIntent(inc.Report.Key("police")) }

// PoliceMelding reports whether, without a police report, a police record
// (melding) is wanted (E9).
func (inc Incident) PoliceMelding() bool { return inc.Report.Yes("melding") }

// SecurityInvolved reports whether a security guard was involved (G8).
func (inc Incident) SecurityInvolved() bool { return inc.Report.Yes("security") }

// WorkplaceMeasure reports whether the workplace needs adapting (F1).
func (inc Incident) WorkplaceMeasure() bool { return inc.Report.Yes("workplace") }

// WantsCheckIns reports whether the employee wants check-ins (E11).
func (inc Incident) WantsCheckIns() bool { return inc.Report.Yes("checkin") }

// Witnesses returns the witnesses as the reporter named them.
func (inc Incident) Witnesses() string { return inc.Report.Text("witnesses") }

// PoliceOutcome returns what the police report came to: aangifte or
// melding, "none", or "" while nothing is known. A report made before the
// incident was reported counts as aangifte.
func (inc Incident) PoliceOutcome() string {
	if o := inc.Recorded.Key("police_outcome"); o != "" {
		return o
	}
	if inc.Police() == PoliceDone {
		return "aangifte"
	}
	return ""
}

// Measure returns the kind of measure taken toward the offender (M10), or
// "" while none is recorded.
func (inc Incident) Measure() string { return inc.Recorded.Key("measure") }

// MeasureUntil returns when a ban ends, or the zero time.
func (inc Incident) MeasureUntil() time.Time {
	if m := inc.Recorded["ban_until"].Moment; m != nil {
		return m.Time
	}
	return time.Time{}
}

// TimeToFirstCare returns how long after the report first care was taken
// up, and false when it was not (yet).
func (inc Incident) TimeToFirstCare() (time.Duration, bool) {
	if inc.FirstCareAt.IsZero() {
		return 0, false
	}
	return inc.FirstCareAt.Sub(inc.ReportedAt), true
}

// TimeToCareGiven returns how long after the report first care was given,
// and false when it was not (yet).
func (inc Incident) TimeToCareGiven() (time.Duration, bool) {
	if inc.CareGivenAt.IsZero() {
		return 0, false
	}
	return inc.CareGivenAt.Sub(inc.ReportedAt), true
}

// Status is where an incident is in its handling.
type Status string

// Incident statuses.
const (
	StatusOpen   Status = "open"
	StatusClosed Status = "closed"
)

// seriousReasonNames says in the reader's language why an incident counts
// as serious: "Fysiek geweld, Letsel"; "" when it does not.
func seriousReasonNames(tr locale.Texts, inc Incident) string {
	reasons := inc.SeriousReasons()
	names := make([]string, len(reasons))
	for i, k := range reasons {
		names[i] = tr.T("serious." + k)
	}
	return strings.Join(names, ", ")
}

// IncidentNumber formats the register number of the seq-th incident of year.
func IncidentNumber(year, seq int) string { return fmt.Sprintf("GIR-%d-%04d", year, seq) }

// ParseIncidentNumber splits a number such as "GIR-2026-0042" (any case,
// leading zeros optional) into year and sequence.
func ParseIncidentNumber(s string) (year, seq int, ok bool) {
	parts := strings.Split(strings.ToUpper(strings.TrimSpace(s)), "-")
	if len(parts) != 3 || parts[0] != "GIR" {
		return 0, 0, false
	}
	year, err1 := strconv.Atoi(parts[1])
	seq, err2 := strconv.Atoi(parts[2])
	if err1 != nil || err2 != nil || year < 2000 || year > 9999 || seq < 1 {
		return 0, 0, false
	}
	return year, seq, true
}

// CanonicalNumber returns the register number in its standard form, e.g.
// "gir-2026-42" becomes "GIR-2026-0042".
func CanonicalNumber(s string) (string, bool) {
	year, seq, ok := ParseIncidentNumber(s)
	if !ok {
		return "", false
	}
	return IncidentNumber(year, seq), true
}

// OnlyUnsafe reports whether the report is the lighter report of an unsafe
// situation, with no incident against a person.
func OnlyUnsafe(cats []register.Category) bool {
	return len(cats) == 1 && cats[0] == register.CatUnsafe
}

// SeriousReasons returns why an incident counts as serious: physical
// violence, an injury, a threat with a weapon, or the reporter said so.
// An empty result means it is not serious.
func (inc Incident) SeriousReasons() []string {
	var r []string
	if slices.Contains(inc.Categories(), register.CatPhysical) {
		r = append(r, "physical")
	}
	if inc.Injury() == "light" || inc.Injury() == "medical" {
		r = append(r, "injury")
	}
	if inc.Weapon() {
		r = append(r, "weapon")
	}
	if inc.MarkedSerious {
		r = append(r, "marked")
	}
	return r
}

// ReportAnswers returns the answers of a report from values given per
// question ID, as a report carried over from elsewhere or made up for a
// test gives them: for a question with buttons the keys, separated by
// commas ("verbal,threat"); for a question of text the text. A moment is
// given separately. Questions the report form does not have are left out.
func ReportAnswers(occurred time.Time, values map[string]string) form.Answers {
	a := form.Answers{"when": {Moment: &when.Moment{Time: occurred, Precision: when.Minute}}}
	for id, v := range values {
		s, ok := reportForm.Step(id)
		switch {
		case !ok || v == "":
		case s.Kind == form.FreeText:
			a[id] = form.Answer{Text: v}
		default:
			a[id] = form.Answer{Keys: strings.Split(v, ",")}
		}
	}
	return a
}
