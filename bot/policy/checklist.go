package policy

// SetupItem is one item of the checklist: a set-up row, for one department
// when the row asks one per department (S2, M1).
type SetupItem struct {
	Row        Row
	Department string
}

// Key is the item's name in the store: "B1" or "S2/publiekszaken".
func (i SetupItem) Key() string {
	if i.Department == "" {
		return i.Row.ID
	}
	return i.Row.ID + "/" + i.Department
}

// SetupItems returns the set-up checklist of an organisation with the given
// departments: every set-up row of the matrix, once, or once per
// department for a row that asks so.
func SetupItems(departments []string) []SetupItem {
	var out []SetupItem
	for _, r := range Matrix {
		if r.Kind != KindSetup {
			continue
		}
		if !r.PerDepartment {
			out = append(out, SetupItem{Row: r})
			continue
		}
		for _, d := range departments {
			out = append(out, SetupItem{Row: r, Department: d})
		}
	}
	return out
}
