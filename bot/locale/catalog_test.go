package locale

import (
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
		m := map[string]string{}
		if err := yaml.Unmarshal(data, &m); err != nil {
			t.Fatalf("%s: %v", lang, err)
		}
		raw[lang] = m
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

// A count of one is a count like any other: texts choose their own words
// for it.
func TestCatalogCountOfOne(t *testing.T) {
	c, err := NewCatalog()
	if err != nil {
		t.Fatal(err)
	}
	for lang, want := range map[Lang]string{Dutch: "Je hebt 1 openstaande taak:", English: "You have 1 open task:"} {
		if got := c.T(lang, "tasks.header", "Count", 1); got != want {
			t.Errorf("%s: %q, want %q", lang, got, want)
		}
	}
}
