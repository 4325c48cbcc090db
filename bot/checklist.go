package bot

import (
	"slices"
	"time"
)

// Check is a ticked-off item of the set-up checklist (the O rows): who
// ticked it and when.
type Check struct {
	Item string    `json:"item"` // "B1", or "S2/publiekszaken" for an item per department
	By   string    `json:"by"`
	At   time.Time `json:"at"`
}

// ChecklistTx stores the set-up checklist.
type ChecklistTx interface {
	// Checks returns every ticked-off item.
	Checks() ([]Check, error)
	// PutCheck records an item as ticked off.
	PutCheck(c Check) error
}

// SetupItem is one item of the checklist: a set-up row, for one department
// when the row asks one per department (S2, M1).
type SetupItem struct {
	Row        MatrixRow
	Department string
}

// Key is the item's name in the store: "B1" or "S2/publiekszaken".
func (i SetupItem) Key() string {
	if i.Department == "" {
		return i.Row.ID
	}
	return i.Row.ID + "/" + i.Department
}

// setupItems returns the checklist of the organisation.
func (o *Organisation) setupItems() []SetupItem {
	var out []SetupItem
	for _, r := range Matrix {
		if r.Kind != KindSetup {
			continue
		}
		if !r.PerDepartment {
			out = append(out, SetupItem{Row: r})
			continue
		}
		for _, d := range o.Departments {
			out = append(out, SetupItem{Row: r, Department: d.ID})
		}
	}
	return out
}

// mayTick reports whether a person may tick an item off: who holds the
// row's role (for an item per department, a manager of that department or
// the town clerk), or a coordinator, who keeps the checklist.
func (o *Organisation) mayTick(p Person, item SetupItem) bool {
	if p.Has(RoleCoordinator) {
		return true
	}
	if !p.Has(item.Row.Role) {
		return false
	}
	if item.Row.Role == RoleManager && item.Department != "" {
		return p.Department == item.Department
	}
	return true
}

// tickable returns the items a person may still tick off.
func (o *Organisation) tickable(p Person, checks map[string]Check) []SetupItem {
	var out []SetupItem
	for _, it := range o.setupItems() {
		if _, done := checks[it.Key()]; !done && o.mayTick(p, it) {
			out = append(out, it)
		}
	}
	return slices.Clip(out)
}
