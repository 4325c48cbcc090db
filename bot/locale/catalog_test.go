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

// rawMessages returns the texts of a language's message file as written,
// by key; a text with plural forms is its forms one after the other.
func rawMessages(t *testing.T, lang Lang) map[string]string {
	t.Helper()
	data, err := messages.ReadFile("messages/" + string(lang) + ".yaml")
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]any{}
	if err := yaml.Unmarshal(data, &m); err != nil {
		t.Fatalf("%s: %v", lang, err)
	}
	out := map[string]string{}
	for key, v := range m {
		switch v := v.(type) {
		case string:
			out[key] = v
		case map[string]any:
			for _, form := range []string{"zero", "one", "two", "few", "many", "other"} {
				if f, ok := v[form].(string); ok {
					out[key] += f + "\n"
				}
			}
		default:
			t.Errorf("%s: %s is neither a text nor plural forms: %T", lang, key, v)
		}
	}
	return out
}

var placeholderRe = regexp.MustCompile(`\{\{[^}]*?\.(\w+)[^}]*\}\}`)

// Both languages use the same placeholders for each key, so no text silently
// loses the number or name it should show.
func TestCatalogPlaceholdersMatch(t *testing.T) {
	raw := map[Lang]map[string]string{}
	for _, lang := range Langs {
		raw[lang] = rawMessages(t, lang)
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
		{Dutch, "count.reports", 1, "1 melding"},
		{Dutch, "count.reports", 12, "12 meldingen"},
		{English, "count.reports", 1, "1 report"},
		{English, "count.reports", 0, "0 reports"},
		{Dutch, "duration.days", 1, "1 dag"},
		{Dutch, "duration.days", 2, "2 dagen"},
	} {
		if got := c.T(tc.lang, tc.key, "Count", tc.count); got != tc.want {
			t.Errorf("%s %s %d: %q, want %q", tc.lang, tc.key, tc.count, got, tc.want)
		}
	}
	if got := c.In(English).Count("reports", 1); got != "1 report" {
		t.Errorf("Count: %q", got)
	}
}

// repositoryPath matches what would send a reader into meldbot's source
// tree: a folder of the repository or a file of it by its extension.
var repositoryPath = regexp.MustCompile(`(?i)\b(docs|bot|cmd|adapters|storage|schedules|deploy)/|\.(md|go)\b|readme`)

// The people who read meldbot's messages have no copy of its repository:
// no text sends them to a file in it.
func TestCatalogNamesNoRepositoryPaths(t *testing.T) {
	for _, lang := range Langs {
		for key, text := range rawMessages(t, lang) {
			if m := repositoryPath.FindString(text); m != "" {
				t.Errorf("%s: %s mentions %q: %s", lang, key, m, text)
			}
		}
	}
}
