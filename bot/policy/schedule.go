package policy

import (
	_ "embed"
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"meldbot/bot/locale"
)

//go:embed schedule.yaml
var defaultSchedule []byte

// Scheduled is a recurring duty as the default schedule writes it: which
// row, who is asked, for which scope, what it brings, when it comes (a cron
// spec in the organisation's time zone and the period of one occurrence)
// and how long people have. The schedules package turns it into a timer.
type Scheduled struct {
	Row               string                 `yaml:"row"`
	Role              Role                   `yaml:"role"`
	Scope             Scope                  `yaml:"scope"`
	Kind              DutyKind               `yaml:"kind"`
	Cron              string                 `yaml:"cron"`
	FirstWorkingDay   bool                   `yaml:"first_working_day"`
	Period            string                 `yaml:"period"`
	DueWorkingDays    int                    `yaml:"due_working_days"`
	EscalateAfterDays int                    `yaml:"escalate_after_days"`
	Title             map[locale.Lang]string `yaml:"title"`
	Text              map[locale.Lang]string `yaml:"text"`
	// PerTrainingCadence replaces cron and period when the organisation
	// trains more often than yearly (M2, G11).
	PerTrainingCadence map[Cadence]struct {
		Cron   string `yaml:"cron"`
		Period string `yaml:"period"`
	} `yaml:"per_training_cadence"`
}

// DefaultSchedule returns the recurring duties of the policy cycle as
// meldbot ships them (schedule.yaml), in the file's order. Adding a duty is
// one entry there, with its texts in Dutch and English.
func DefaultSchedule() ([]Scheduled, error) {
	var d struct {
		Duties []Scheduled `yaml:"duties"`
	}
	dec := yaml.NewDecoder(strings.NewReader(string(defaultSchedule)))
	dec.KnownFields(true)
	if err := dec.Decode(&d); err != nil {
		return nil, fmt.Errorf("policy: the default schedule: %w", err)
	}
	return d.Duties, nil
}
