package bot

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"meldbot/bot/when"
)

// Category is a kind of incident, as on the registration form.
type Category string

// The categories of the report form. CatUnsafe (E10) is the lighter report of
// an unsafe or risky situation rather than an incident against a person.
const (
	CatVerbal         Category = "verbal"         // verbale agressie
	CatThreat         Category = "threat"         // bedreiging
	CatIntimidation   Category = "intimidation"   // intimidatie
	CatSexual         Category = "sexual"         // seksuele intimidatie
	CatDiscrimination Category = "discrimination" // discriminatie
	CatPhysical       Category = "physical"       // fysiek geweld
	CatDamage         Category = "damage"         // vernieling, schade aan eigendommen
	CatUnsafe         Category = "unsafe"         // onveilige situatie (E10)
	CatOther          Category = "misc"           // anders
)

// Categories lists the categories in the order of the form.
var Categories = []Category{
	CatVerbal, CatThreat, CatIntimidation, CatSexual, CatDiscrimination,
	CatPhysical, CatDamage, CatUnsafe, CatOther,
}

// Incident is one entry in the register (the GIR).
type Incident struct {
	Number     string    `json:"number"` // GIR-2026-0042
	ReportedAt time.Time `json:"reported_at"`
	// Reporter is who made the report; Subject is who it happened to. They
	// differ when a security guard reports for a colleague (G9).
	Reporter     string `json:"reporter"`
	ReporterName string `json:"reporter_name,omitempty"`
	Subject      string `json:"subject"`
	SubjectName  string `json:"subject_name,omitempty"`

	Categories   []Category  `json:"categories"`
	Channel      string      `json:"channel,omitempty"` // in_person, phone, written
	Occurred     when.Moment `json:"occurred"`
	Department   string      `json:"department,omitempty"`
	Location     string      `json:"location,omitempty"`      // location ID
	LocationText string      `json:"location_text,omitempty"` // free text when elsewhere
	Description  string      `json:"description"`

	Party      string `json:"party,omitempty"` // unknown, citizen, colleague
	PartyName  string `json:"party_name,omitempty"`
	PartyCount string `json:"party_count,omitempty"` // one, few, group
	Weapon     bool   `json:"weapon,omitempty"`

	Injury    string `json:"injury,omitempty"`  // none, light, medical
	Absence   string `json:"absence,omitempty"` // yes, no, unsure
	Damage    bool   `json:"damage,omitempty"`
	Impact    string `json:"impact,omitempty"` // low, some, high
	Witnesses string `json:"witnesses,omitempty"`
	TalkNow   bool   `json:"talk_now,omitempty"`

	Police string `json:"police,omitempty"` // will, done, undecided, no
	// PoliceRef is the reference of a police report the reporter had made
	// already, as given in the report; the one the follow-up recorded is
	// RecordedPoliceRef.
	PoliceRef     string `json:"police_ref,omitempty"`
	PoliceMelding bool   `json:"police_melding,omitempty"`

	SecurityInvolved bool `json:"security_involved,omitempty"` // a guard was involved (G8)
	WorkplaceMeasure bool `json:"workplace_measure,omitempty"` // the workplace needs adapting (F1)
	WantsCheckIns    bool `json:"wants_check_ins,omitempty"`   // the employee wants check-ins (E11)

	MarkedSerious bool `json:"marked_serious,omitempty"`
	Serious       bool `json:"serious"`

	Status Status `json:"status"`

	// What the follow-up recorded.
	FirstCareAt   time.Time `json:"first_care_at,omitempty"` // first care taken up (M5)
	FirstCareBy   string    `json:"first_care_by,omitempty"`
	PoliceOutcome string    `json:"police_outcome,omitempty"` // aangifte, melding, none (M6)
	// RecordedPoliceRef is the reference of the report or melding the
	// follow-up supported (M6), as the manager recorded it.
	RecordedPoliceRef string   `json:"recorded_police_ref,omitempty"`
	Measure           *Measure `json:"measure,omitempty"`       // toward the offender (M10)
	Analysis          string   `json:"analysis,omitempty"`      // conclusion of the analysis (M9)
	SecurityEval      string   `json:"security_eval,omitempty"` // the guard's own evaluation (G8)

	// PurgedAt is when the personal data was removed after the retention
	// period (see Purge); zero while it is kept.
	PurgedAt time.Time `json:"purged_at,omitempty"`
}

// Measure is what was done toward the offender (M10).
type Measure struct {
	Kind   string    `json:"kind"` // warning_letter, talk, ban, claim, none
	Until  time.Time `json:"until,omitempty"`
	Reason string    `json:"reason,omitempty"`
	By     string    `json:"by"`
	At     time.Time `json:"at"`
}

// TimeToFirstCare returns how long after the report first care was taken
// up, and false when it was not (yet).
func (inc Incident) TimeToFirstCare() (time.Duration, bool) {
	if inc.FirstCareAt.IsZero() {
		return 0, false
	}
	return inc.FirstCareAt.Sub(inc.ReportedAt), true
}

// Status is where an incident is in its handling.
type Status string

// Incident statuses.
const (
	StatusOpen   Status = "open"
	StatusClosed Status = "closed"
)

// categoryNames names categories in the reader's language: "Verbale
// agressie, Bedreiging".
func categoryNames(tr Texts, cats []Category) string {
	names := make([]string, len(cats))
	for i, c := range cats {
		names[i] = tr.T("opt.categories." + string(c))
	}
	return strings.Join(names, ", ")
}

// seriousReasonNames says in the reader's language why an incident counts
// as serious: "Fysiek geweld, Letsel"; "" when it does not.
func seriousReasonNames(tr Texts, inc Incident) string {
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
func OnlyUnsafe(cats []Category) bool {
	return len(cats) == 1 && cats[0] == CatUnsafe
}

// SeriousReasons returns why an incident counts as serious: physical
// violence, an injury, a threat with a weapon, or the reporter said so.
// An empty result means it is not serious.
func (inc Incident) SeriousReasons() []string {
	var r []string
	if slices.Contains(inc.Categories, CatPhysical) {
		r = append(r, "physical")
	}
	if inc.Injury == "light" || inc.Injury == "medical" {
		r = append(r, "injury")
	}
	if inc.Weapon {
		r = append(r, "weapon")
	}
	if inc.MarkedSerious {
		r = append(r, "marked")
	}
	return r
}
