package console

import (
	"strings"
	"testing"

	"meldbot/bot"
	"meldbot/bot/locale"
	"meldbot/bot/policy"
)

// The console finds people as the bot does, plus by the part of the
// address before the @ and by role; a first name two people share finds no
// one.
func TestFindPeopleAsTheBotDoes(t *testing.T) {
	texts, err := locale.NewCatalog()
	if err != nil {
		t.Fatal(err)
	}
	org := &bot.Organisation{People: []bot.Person{
		{Name: "Tom Smit", Email: "tom.smit@voorbeeldrode.nl"},
		{Name: "Tom de Wit", Email: "tom.dewit@voorbeeldrode.nl"},
		{Name: "Karin de Vries", Email: "karin.devries@voorbeeldrode.nl", Roles: []policy.Role{policy.RoleCoordinator}},
	}}
	c, err := New(strings.NewReader(""), &strings.Builder{}, org, texts, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ who, want string }{
		{"karin", "karin.devries@voorbeeldrode.nl"},
		{"@Tom de Wit", "tom.dewit@voorbeeldrode.nl"},
		{"tom.smit", "tom.smit@voorbeeldrode.nl"},
		{"TOM.SMIT@voorbeeldrode.nl", "tom.smit@voorbeeldrode.nl"},
		{"coordinator", "karin.devries@voorbeeldrode.nl"},
		{"nieuw@voorbeeldrode.nl", "nieuw@voorbeeldrode.nl"},
		{"tom", ""},
		{"niemand", ""},
		{"", ""},
	} {
		u, ok := c.find(tc.who)
		if ok != (tc.want != "") || u.Email != tc.want {
			t.Errorf("find(%q) = %q, %v; want %q", tc.who, u.Email, ok, tc.want)
		}
	}
}

func TestStartingAsSomeoneUnknownIsRefused(t *testing.T) {
	texts, _ := locale.NewCatalog()
	org := &bot.Organisation{Name: "Gemeente Voorbeeldrode", People: []bot.Person{{Name: "Tom Smit", Email: "tom.smit@voorbeeldrode.nl"}}}
	if _, err := New(strings.NewReader(""), &strings.Builder{}, org, texts, Options{As: "niemand"}); err == nil || !strings.Contains(err.Error(), `"niemand"`) {
		t.Errorf("err = %v, want --as niemand refused by name", err)
	}
	c, err := New(strings.NewReader(""), &strings.Builder{}, org, texts, Options{As: "tom"})
	if err != nil || c.me.Email != "tom.smit@voorbeeldrode.nl" {
		t.Errorf("--as tom: %v, %+v", err, c)
	}
}
