package bot

import (
	"slices"
	"time"

	"meldbot/bot/policy"
)

// Check is a ticked-off item of the set-up checklist (the O rows): who
// ticked it and when.
type Check struct {
	Item string    `json:"item"` // "B1", or "S2/publiekszaken" for an item per department
	By   Email     `json:"by"`
	At   time.Time `json:"at"`
}

// ChecklistTx stores the set-up checklist.
type ChecklistTx interface {
	// Checks returns every ticked-off item.
	Checks() ([]Check, error)
	// PutCheck records an item as ticked off.
	PutCheck(c Check) error
}

// setupItems returns the checklist of the organisation.
func (o *Organisation) setupItems() []policy.SetupItem {
	var departments []string
	for _, d := range o.Departments {
		departments = append(departments, d.ID)
	}
	return policy.SetupItems(departments)
}

// mayTick reports whether a person may tick an item off: who holds the
// row's role (for an item per department, a manager of that department or
// the town clerk), or a coordinator, who keeps the checklist.
func (o *Organisation) mayTick(p Person, item policy.SetupItem) bool {
	if p.Has(policy.RoleCoordinator) {
		return true
	}
	if !p.Has(item.Row.Role) {
		return false
	}
	if item.Row.Role == policy.RoleManager && item.Department != "" {
		return p.Department == item.Department
	}
	return true
}

// tickable returns the items a person may still tick off.
func (o *Organisation) tickable(p Person, checks map[string]Check) []policy.SetupItem {
	var out []policy.SetupItem
	for _, it := range o.setupItems() {
		if _, done := checks[it.Key()]; !done && o.mayTick(p, it) {
			out = append(out, it)
		}
	}
	return slices.Clip(out)
}
