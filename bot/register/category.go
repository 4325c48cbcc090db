package register

import (
	"strings"

	"meldbot/bot/locale"
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

// CategoryNames names categories in the reader's language: "Verbale
// agressie, Bedreiging".
func CategoryNames(tr locale.Texts, cats []Category) string {
	names := make([]string, len(cats))
	for i, c := range cats {
		names[i] = tr.T("opt.categories." + string(c))
	}
	return strings.Join(names, ", ")
}
