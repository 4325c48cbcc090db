package bot

import (
	"encoding/json"
	"maps"
	"time"

	"meldbot/bot/form"
	"meldbot/bot/register"
	"meldbot/bot/when"
)

// Incidents stored before the report's answers were kept by question (up to
// schema 9) held one field per answer. They are read into answers here, so
// every incident reads alike, whenever it was stored; a migration writes
// them back in the new form.

// legacyIncident holds the fields of an incident as stored before.
type legacyIncident struct {
	Categories       []register.Category `json:"categories"`
	Channel          string              `json:"channel"`
	Occurred         when.Moment         `json:"occurred"`
	Department       string              `json:"department"`
	Location         string              `json:"location"`
	LocationText     string              `json:"location_text"`
	Description      string              `json:"description"`
	Party            string              `json:"party"`
	PartyName        string              `json:"party_name"`
	PartyCount       string              `json:"party_count"`
	Weapon           bool                `json:"weapon"`
	Injury           string              `json:"injury"`
	Absence          string              `json:"absence"`
	Damage           bool                `json:"damage"`
	Impact           string              `json:"impact"`
	Witnesses        string              `json:"witnesses"`
	TalkNow          bool                `json:"talk_now"`
	Police           string              `json:"police"`
	PoliceRef        string              `json:"police_ref"`
	PoliceMelding    bool                `json:"police_melding"`
	SecurityInvolved bool                `json:"security_involved"`
	WorkplaceMeasure bool                `json:"workplace_measure"`
	WantsCheckIns    bool                `json:"wants_check_ins"`

	PoliceOutcome     string `json:"police_outcome"`
	RecordedPoliceRef string `json:"recorded_police_ref"`
	Measure           *struct {
		Kind   string    `json:"kind"`
		Until  time.Time `json:"until"`
		Reason string    `json:"reason"`
	} `json:"measure"`
	Analysis     string `json:"analysis"`
	SecurityEval string `json:"security_eval"`
}

// UnmarshalJSON reads an incident as stored now, or as stored before its
// answers were kept by question.
func (inc *Incident) UnmarshalJSON(data []byte) error {
	type stored Incident // without this method
	var s struct {
		stored
		legacyIncident
	}
	if err := json.Unmarshal(data, &s); err != nil {
		return err
	}
	*inc = Incident(s.stored)
	if inc.Report == nil {
		inc.Report, inc.Recorded = s.legacyIncident.answers(inc.Subject != inc.Reporter)
	}
	return nil
}

// answers returns the report's answers and the follow-up's records that
// the old fields held. A yes/no question answered "no" was stored as
// false, like one never asked: it counts as asked when it lies on the
// report's path.
func (l legacyIncident) answers(forOther bool) (report, recorded form.Answers) {
	a := form.Answers{}
	key := func(id, k string) {
		if k != "" {
			a[id] = form.Answer{Keys: []string{k}}
		}
	}
	text := func(id, t string) {
		if t != "" {
			a[id] = form.Answer{Text: t}
		}
	}
	yes := func(id string, v bool) {
		if v {
			key(id, "yes")
		} else {
			key(id, "no")
		}
	}
	for _, c := range l.Categories {
		a["categories"] = form.Answer{Keys: append(a["categories"].Keys, string(c))}
	}
	key("channel", l.Channel)
	if !l.Occurred.Time.IsZero() {
		m := l.Occurred
		a["when"] = form.Answer{Moment: &m}
	}
	key("department", l.Department)
	if l.Location == "" && l.LocationText != "" {
		key("location", "elsewhere")
	} else {
		key("location", l.Location)
	}
	text("location_text", l.LocationText)
	text("description", l.Description)
	key("party", l.Party)
	text("party_name", l.PartyName)
	key("party_count", l.PartyCount)
	yes("weapon", l.Weapon)
	key("injury", l.Injury)
	key("absence", l.Absence)
	yes("damage", l.Damage)
	key("impact", l.Impact)
	text("witnesses", l.Witnesses)
	if l.SecurityInvolved {
		key("security", "yes")
	}
	yes("workplace", l.WorkplaceMeasure)
	yes("talk_now", l.TalkNow)
	key("police", l.Police)
	yes("melding", l.PoliceMelding)
	yes("checkin", l.WantsCheckIns)
	// Before schema 9 the reference a manager recorded went into the
	// report's field too; a report asks for one only when it was made
	// already.
	recordedRef := l.RecordedPoliceRef
	if l.Police == string(PoliceDone) {
		text("police_ref", l.PoliceRef)
	} else if recordedRef == "" {
		recordedRef = l.PoliceRef
	}
	// The form of those versions asked about the place, injury, weapons
	// and damage whatever the channel: the path is read without it, so
	// none of those answers is lost, and the channel is kept beside them.
	withoutChannel := maps.Clone(a)
	delete(withoutChannel, "channel")
	report = reportForm.OnPath(env{a: withoutChannel, forOther: forOther, guards: true})
	if c, ok := a["channel"]; ok && aboutPerson(env{a: a}) {
		report["channel"] = c
	}
	if s, ok := a["security"]; ok {
		report["security"] = s
	}

	recorded = form.Answers{}
	if l.PoliceOutcome != "" {
		recorded["police_outcome"] = form.Answer{Keys: []string{l.PoliceOutcome}}
	}
	if recordedRef != "" {
		recorded["police_reference"] = form.Answer{Text: recordedRef}
	}
	if m := l.Measure; m != nil {
		recorded["measure"] = form.Answer{Keys: []string{m.Kind}}
		if !m.Until.IsZero() {
			recorded["ban_until"] = form.Answer{Moment: &when.Moment{Time: m.Until, Precision: when.Day}}
		}
		if m.Reason != "" {
			recorded["measure_reason"] = form.Answer{Text: m.Reason}
		}
	}
	if l.Analysis != "" {
		recorded["conclusion"] = form.Answer{Text: l.Analysis}
	}
	if l.SecurityEval != "" {
		recorded["evaluation"] = form.Answer{Text: l.SecurityEval}
	}
	if len(recorded) == 0 {
		recorded = nil
	}
	return report, recorded
}
