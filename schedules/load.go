package schedules

import (
	_ "embed"
	"fmt"
	"strings"
	"time"

	"github.com/robfig/cron/v3"
	"go.yaml.in/yaml/v3"

	"meldbot/bot"
	"meldbot/bot/orgfile"
)

//go:embed default.yaml
var defaultSchedule []byte

// Duty is a duty of the policy cycle with its schedule: the cron spec (in
// the organisation's time zone), whether only the first working day of the
// period counts, and the period that makes one occurrence.
type Duty struct {
	bot.Duty
	Spec            string
	Schedule        cron.Schedule
	FirstWorkingDay bool
	Period          string // month, quarter, half, year
	Enabled         bool
	escalateDays    int
}

// parser reads standard five-field cron specs and descriptors like @monthly.
var parser = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

type defaults struct {
	Duties []rawDuty `yaml:"duties"`
}

type rawDuty struct {
	Row               string              `yaml:"row"`
	Role              bot.Role            `yaml:"role"`
	Scope             bot.Scope           `yaml:"scope"`
	Kind              bot.DutyKind        `yaml:"kind"`
	Cron              string              `yaml:"cron"`
	FirstWorkingDay   bool                `yaml:"first_working_day"`
	Period            string              `yaml:"period"`
	DueWorkingDays    int                 `yaml:"due_working_days"`
	EscalateAfterDays int                 `yaml:"escalate_after_days"`
	Title             map[bot.Lang]string `yaml:"title"`
	Text              map[bot.Lang]string `yaml:"text"`
}

// trainingRows follow the organisation's training cadence (M2, G11).
var trainingRows = map[string]bool{"M2": true, "G11": true}

// Load returns the policy cycle of an organisation: the default schedule
// embedded in meldbot, with the changes of the organisation file applied.
// Problems are reported with the line of the organisation file (file names
// it); a duty turned off is returned with Enabled false.
func Load(org *bot.Organisation, file string) ([]Duty, error) {
	var d defaults
	dec := yaml.NewDecoder(strings.NewReader(string(defaultSchedule)))
	dec.KnownFields(true)
	if err := dec.Decode(&d); err != nil {
		return nil, fmt.Errorf("schedules: the default schedule: %w", err)
	}
	probs := &orgfile.Problems{File: file}
	var duties []Duty
	index := map[string]int{}
	for _, r := range d.Duties {
		if trainingRows[r.Row] {
			r.Cron, r.Period = trainingCron(org.Training, r.Cron)
		}
		duty, err := build(r, org)
		if err != nil {
			return nil, fmt.Errorf("schedules: default row %s: %w", r.Row, err)
		}
		index[r.Row] = len(duties)
		duties = append(duties, duty)
	}
	for _, e := range org.Schedule {
		i, known := index[e.Row]
		var r rawDuty
		if known {
			r = raw(duties[i])
		} else {
			r = rawDuty{Row: e.Row, Scope: bot.ScopeOrganisation, Kind: bot.DutyPlain, Period: "year", DueWorkingDays: 20}
		}
		applyEntry(&r, e)
		if !known && (e.Cron == "" || e.Role == "" || len(e.Title) == 0) {
			probs.List = append(probs.List, orgfile.Problem{Line: e.Line, Column: 1,
				Msg: fmt.Sprintf("%s is not a row of the default schedule", e.Row),
				Fix: "a duty of your own needs at least role, cron and title (nl, and en for English readers); or use a row such as F2, C3, M3"})
			continue
		}
		duty, err := build(r, org)
		if err != nil {
			probs.List = append(probs.List, orgfile.Problem{Line: max(e.CronLine, e.Line), Column: 1,
				Msg: fmt.Sprintf("schedule of %s: %v", e.Row, err), Fix: `write five fields: minute hour day month weekday, e.g. "0 9 1-7 * *"`})
			continue
		}
		if e.Enabled != nil {
			duty.Enabled = *e.Enabled
		}
		if known {
			duties[i] = duty
		} else {
			index[e.Row] = len(duties)
			duties = append(duties, duty)
		}
	}
	if len(probs.List) > 0 {
		return nil, probs
	}
	return duties, nil
}

// trainingCron returns the schedule of training for a cadence: September
// for yearly, March and September for half-yearly, every quarter's first
// month for quarterly.
func trainingCron(c bot.Cadence, def string) (string, string) {
	switch c {
	case bot.HalfYearly:
		return "0 9 1-7 3,9 *", "half"
	case bot.Quarterly:
		return "0 9 1-7 1,4,7,10 *", "quarter"
	}
	return def, "year"
}

func raw(d Duty) rawDuty {
	return rawDuty{Row: d.Row, Role: d.Role, Scope: d.Scope, Kind: d.Kind, Cron: d.Spec, FirstWorkingDay: d.FirstWorkingDay,
		Period: d.Period, DueWorkingDays: d.DueWorkingDays, Title: d.Title, Text: d.Body,
		EscalateAfterDays: d.escalateDays}
}

func applyEntry(r *rawDuty, e bot.ScheduleEntry) {
	if e.Cron != "" {
		r.Cron = e.Cron
	}
	if e.FirstWorkingDay != nil {
		r.FirstWorkingDay = *e.FirstWorkingDay
	}
	if e.Period != "" {
		r.Period = e.Period
	}
	if e.Role != "" {
		r.Role = e.Role
	}
	if e.Scope != "" {
		r.Scope = e.Scope
	}
	if e.Kind != "" {
		r.Kind = e.Kind
	}
	if e.DueWorkingDays > 0 {
		r.DueWorkingDays = e.DueWorkingDays
	}
	if e.EscalateAfterDays > 0 {
		r.EscalateAfterDays = e.EscalateAfterDays
	}
	if len(e.Title) > 0 {
		r.Title = e.Title
	}
	if len(e.Text) > 0 {
		r.Text = e.Text
	}
}

// build parses a duty's cron spec in the organisation's time zone.
func build(r rawDuty, org *bot.Organisation) (Duty, error) {
	tz := "Europe/Amsterdam"
	if org.TimeZone != nil {
		tz = org.TimeZone.String()
	}
	sched, err := parser.Parse("CRON_TZ=" + tz + " " + r.Cron)
	if err != nil {
		return Duty{}, err
	}
	switch r.Period {
	case "month", "quarter", "half", "year":
	default:
		return Duty{}, fmt.Errorf("unknown period %q", r.Period)
	}
	escalate := r.EscalateAfterDays
	if escalate <= 0 {
		escalate = 3
	}
	day := org.WorkingHours.End - org.WorkingHours.Start
	if day <= 0 {
		day = 8 * time.Hour
	}
	return Duty{
		Duty: bot.Duty{Row: r.Row, Role: r.Role, Scope: r.Scope, Kind: r.Kind, Title: r.Title, Body: r.Text,
			DueWorkingDays: r.DueWorkingDays, EscalateAfter: time.Duration(escalate) * day},
		Spec: r.Cron, Schedule: sched, FirstWorkingDay: r.FirstWorkingDay, Period: r.Period, Enabled: true,
		escalateDays: escalate,
	}, nil
}
