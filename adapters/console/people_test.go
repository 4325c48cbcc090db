package console

import (
	"slices"
	"strings"
	"testing"

	"meldbot/bot"
	"meldbot/bot/locale"
	"meldbot/bot/policy"
)

// The console finds people as the bot does, and also by the part of the
// address before the @, by role (its name or label in either language, or a
// common word for it, with or without accents), and by the start of a part
// of a name. Where several people fit, it finds them all.
func TestFindPeopleByNameAddressOrRole(t *testing.T) {
	texts, err := locale.NewCatalog()
	if err != nil {
		t.Fatal(err)
	}
	org := &bot.Organisation{People: []bot.Person{
		{Name: "Tom Smit", Email: "tom.smit@voorbeeldrode.nl"},
		{Name: "Tom de Wit", Email: "tom.dewit@voorbeeldrode.nl"},
		{Name: "Karin de Vries", Email: "karin.devries@voorbeeldrode.nl", Roles: []policy.Role{policy.RoleCoordinator}},
		{Name: "Peter Bakker", Email: "peter.bakker@voorbeeldrode.nl", Roles: []policy.Role{policy.RoleManager}},
		{Name: "Ingrid Mulder", Email: "ingrid.mulder@voorbeeldrode.nl", Roles: []policy.Role{policy.RoleManager}},
		{Name: "Linda Hendriks", Email: "linda.hendriks@voorbeeldrode.nl", Roles: []policy.Role{policy.RoleFacility}},
		{Name: "Ahmed Ouali", Email: "ahmed.ouali@voorbeeldrode.nl", Roles: []policy.Role{policy.RoleSecurity}},
	}}
	c, err := New(strings.NewReader(""), &strings.Builder{}, org, texts, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		who  string
		want []string // the part of each address before the @
	}{
		{"karin", []string{"karin.devries"}},
		{"@Tom de Wit", []string{"tom.dewit"}},
		{"tom.smit", []string{"tom.smit"}},
		{"TOM.SMIT@voorbeeldrode.nl", []string{"tom.smit"}},
		{"nieuw@voorbeeldrode.nl", []string{"nieuw"}},
		{"coordinator", []string{"karin.devries"}},
		{"coördinator", []string{"karin.devries"}},
		{"Coördinator agressie en geweld", []string{"karin.devries"}},
		{"aggression and violence coordinator", []string{"karin.devries"}},
		{"facilitair", []string{"linda.hendriks"}},
		{"facilitaire zaken", []string{"linda.hendriks"}},
		{"facility services", []string{"linda.hendriks"}},
		{"security guard", []string{"ahmed.ouali"}},
		{"beveiliging", []string{"ahmed.ouali"}},
		{"leidinggevende", []string{"peter.bakker", "ingrid.mulder"}},
		{"afdelingsmanager", []string{"peter.bakker", "ingrid.mulder"}},
		{"medewerker", []string{"tom.smit", "tom.dewit"}},
		{"vries", []string{"karin.devries"}},
		{"de v", []string{"karin.devries"}},
		{"mulder", []string{"ingrid.mulder"}},
		{"pet", []string{"peter.bakker"}},
		{"tom", []string{"tom.smit", "tom.dewit"}},
		{"de", []string{"tom.dewit", "karin.devries"}},
		{"niemand", nil},
		{"ries", nil}, // not the start of a part of a name
		{"", nil},
	} {
		var got []string
		for _, u := range c.find(tc.who) {
			local, _, _ := strings.Cut(string(u.Email), "@")
			got = append(got, local)
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("find(%q) = %q; want %q", tc.who, got, tc.want)
		}
	}
}

func TestStartingAsSomeoneUnknownOrAmbiguousIsRefused(t *testing.T) {
	texts, _ := locale.NewCatalog()
	org := &bot.Organisation{Name: "Gemeente Voorbeeldrode", People: []bot.Person{
		{Name: "Tom Smit", Email: "tom.smit@voorbeeldrode.nl"},
		{Name: "Peter Bakker", Email: "peter.bakker@voorbeeldrode.nl", Roles: []policy.Role{policy.RoleManager}},
		{Name: "Ingrid Mulder", Email: "ingrid.mulder@voorbeeldrode.nl", Roles: []policy.Role{policy.RoleManager}},
		{Name: "Karin de Vries", Email: "karin.devries@voorbeeldrode.nl", Roles: []policy.Role{policy.RoleCoordinator}},
	}}
	if _, err := New(strings.NewReader(""), &strings.Builder{}, org, texts, Options{As: "niemand"}); err == nil || !strings.Contains(err.Error(), `"niemand"`) {
		t.Errorf("err = %v, want --as niemand refused by name", err)
	}
	_, err := New(strings.NewReader(""), &strings.Builder{}, org, texts, Options{As: "leidinggevende"})
	if err == nil || !strings.Contains(err.Error(), "Peter Bakker, Ingrid Mulder") || !strings.Contains(err.Error(), "--as peter") {
		t.Errorf("err = %v, want the managers listed and an example", err)
	}
	for as, want := range map[string]string{"tom": "tom.smit@voorbeeldrode.nl", "coördinator": "karin.devries@voorbeeldrode.nl"} {
		c, err := New(strings.NewReader(""), &strings.Builder{}, org, texts, Options{As: as})
		if err != nil || c.me.Email != bot.Email(want) {
			t.Errorf("--as %s: %v, %+v", as, err, c)
		}
	}
}
