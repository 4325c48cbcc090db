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
	// DeleteCheck records an item as open again; an item not ticked off
	// is no error.
	DeleteCheck(item string) error
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

// tickable returns the items a person may tick off and open again, in the
// order of the checklist, ticked or not.
func (o *Organisation) tickable(p Person) []policy.SetupItem {
	var out []policy.SetupItem
	for _, it := range o.setupItems() {
		if o.mayTick(p, it) {
			out = append(out, it)
		}
	}
	return slices.Clip(out)
}

// setupItem returns the item of the checklist with the key given.
func (o *Organisation) setupItem(key string) (policy.SetupItem, bool) {
	for _, it := range o.setupItems() {
		if it.Key() == key {
			return it, true
		}
	}
	return policy.SetupItem{}, false
}
