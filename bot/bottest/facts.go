package bottest

import (
	"fmt"

	"meldbot/bot/register"
)

// FactsText shows facts with the names their symbols stand for, so facts
// lent by different scans (whose symbols differ) can be compared.
func FactsText(f *register.Facts) string {
	name := func(s register.Symbol) string {
		if int(s) >= len(f.Names) {
			return fmt.Sprintf("symbol %d of %d", s, len(f.Names))
		}
		return f.Names[s]
	}
	var cats []string
	for _, c := range f.Categories {
		cats = append(cats, name(c))
	}
	return fmt.Sprintf("occurred %d reported %d first care %d care given %d serious %t care open %t categories %q department %q location %q police %q measure %q aftercare %v open %v",
		f.Occurred, f.Reported, f.FirstCare, f.CareGiven, f.Serious, f.CareOpen, cats, name(f.Department), name(f.Location),
		name(f.Police), name(f.Measure), f.Aftercare, f.Open)
}
