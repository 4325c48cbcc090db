package policy

import (
	"time"

	"meldbot/bot/locale"
)

// Scope says for whom a recurring duty comes: once for the organisation, or
// once per location or department.
type Scope string

// Scopes of a duty.
const (
	ScopeOrganisation Scope = "organisation"
	ScopeLocation     Scope = "location"
	ScopeDepartment   Scope = "department"
)

// DutyKind says what a recurring duty brings with it.
type DutyKind string

// Kinds of duty.
const (
	DutyPlain     DutyKind = "duty"       // a prompt with done / later / not needed
	DutyAlarmTest DutyKind = "alarm_test" // F2: all working / defect found
	DutyOverview  DutyKind = "overview"   // comes with the overview of the past period
	DutyTrends    DutyKind = "trends"     // comes with the department's trends (C7)
	DutyLocation  DutyKind = "location"   // comes with the incidents of the location (G10)
)

// Duty is a recurring duty of the policy cycle (an R row of the matrix):
// who is asked what, per which scope, and how long they have. The schedules
// package decides when; the bot asks, reminds and escalates.
type Duty struct {
	Row   string
	Role  Role
	Scope Scope
	Kind  DutyKind
	Title map[locale.Lang]string
	Body  map[locale.Lang]string
	// DueWorkingDays is the time to do it; EscalateAfter how long after the
	// deadline the coordinator is told (working time).
	DueWorkingDays int
	EscalateAfter  time.Duration
}

// Occurrence is one time a duty comes round: for a period ("2026-11",
// "2026-Q4", "2026-H2", "2026") and a scope (a location or department ID,
// or "" for the organisation). Its key is what makes it happen once.
type Occurrence struct {
	Duty   Duty
	Period string
	Scope  string
	// At is when it was planned; an occurrence started well after it was
	// planned (after downtime) says it is late.
	At time.Time
}

// Key is the occurrence's identity: "F2/2026-11/stadhuis".
func (o Occurrence) Key() string {
	scope := o.Scope
	if scope == "" {
		scope = "org"
	}
	return o.Duty.Row + "/" + o.Period + "/" + scope
}
