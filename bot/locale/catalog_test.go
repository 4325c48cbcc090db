package locale

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

func TestCatalogLanguagesHaveTheSameKeys(t *testing.T) {
	c, err := NewCatalog()
	if err != nil {
		t.Fatal(err)
	}
	nl, en := c.Keys(Dutch), c.Keys(English)
	for _, k := range nl {
		if !slices.Contains(en, k) {
			t.Errorf("%q is in nl.yaml but not in en.yaml", k)
		}
	}
	for _, k := range en {
		if !slices.Contains(nl, k) {
			t.Errorf("%q is in en.yaml but not in nl.yaml", k)
		}
	}
	if len(nl) < 100 {
		t.Errorf("only %d keys loaded: is the catalogue read at all?", len(nl))
	}
}

var placeholderRe = regexp.MustCompile(`\{\{[^}]*?\.(\w+)[^}]*\}\}`)

// Both languages use the same placeholders for each key, so no text silently
// loses the number or name it should show.
func TestCatalogPlaceholdersMatch(t *testing.T) {
	raw := map[Lang]map[string]string{}
	for _, lang := range Langs {
		data, err := messages.ReadFile("messages/" + string(lang) + ".yaml")
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]any{}
		if err := yaml.Unmarshal(data, &m); err != nil {
			t.Fatalf("%s: %v", lang, err)
		}
		raw[lang] = map[string]string{}
		for key, v := range m {
			raw[lang][key] = allForms(v)
		}
	}
	names := func(s string) string {
		var out []string
		for _, m := range placeholderRe.FindAllStringSubmatch(s, -1) {
			if !slices.Contains(out, m[1]) {
				out = append(out, m[1])
			}
		}
		slices.Sort(out)
		return strings.Join(out, ",")
	}
	for key, nl := range raw[Dutch] {
		if en, ok := raw[English][key]; ok && names(nl) != names(en) {
			t.Errorf("%s: nl uses {%s}, en uses {%s}", key, names(nl), names(en))
		}
	}
}

// allForms returns a text of a message file, or all its plural forms
// together.
func allForms(v any) string {
	forms, ok := v.(map[string]any)
	if !ok {
		return fmt.Sprint(v)
	}
	var all []string
	for _, f := range forms {
		all = append(all, fmt.Sprint(f))
	}
	return strings.Join(all, "\n")
}

// A count takes the plural form its language gives it, through the
// catalogue's plural forms: one for 1, the other for 0 and more than one.
func TestCatalogPluralForms(t *testing.T) {
	c, err := NewCatalog()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		lang  Lang
		key   string
		count int
		want  string
	}{
		{Dutch, "tasks.header", 1, "Je hebt 1 openstaande taak:"},
		{Dutch, "tasks.header", 2, "Je hebt 2 openstaande taken:"},
		{English, "tasks.header", 1, "You have 1 open task:"},
		{English, "tasks.header", 0, "You have 0 open tasks:"},
		{Dutch, "count.incidents", 1, "1 melding"},
		{Dutch, "count.incidents", 12, "12 meldingen"},
		{English, "count.incidents", 1, "1 incident"},
		{English, "count.incidents", 3, "3 incidents"},
		{Dutch, "duration.days", 1, "1 dag"},
		{Dutch, "duration.days", 2, "2 dagen"},
	} {
		if got := c.T(tc.lang, tc.key, "Count", tc.count); got != tc.want {
			t.Errorf("%s %s %d: %q, want %q", tc.lang, tc.key, tc.count, got, tc.want)
		}
	}
	if got := c.In(English).Count("incidents", 1); got != "1 incident" {
		t.Errorf("Count: %q", got)
	}
}
