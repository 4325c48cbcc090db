package bot

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
		data, err := locales.ReadFile("locales/" + string(lang) + ".yaml")
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

// Every question has a prompt, help and summary label, and every fixed
// option a label, in every language.
func TestEveryStepHasItsTexts(t *testing.T) {
	c, err := NewCatalog()
	if err != nil {
		t.Fatal(err)
	}
	org := &Organisation{Departments: []Department{{ID: "d", Name: "D"}}, Locations: []Location{{ID: "l", Name: "L"}}}
	for _, lang := range Langs {
		r := &formCtx{turn: &turn{tr: c.In(lang)}, org: org, conv: &Conversation{Answers: map[string]Answer{}}}
		var steps []step
		steps = append(steps, reportForm.steps...)
		for _, f := range taskForms {
			steps = append(steps, f.steps...)
		}
		for _, s := range steps {
			suffixes := []string{"prompt", "help", "label"}
			if s.forOther {
				suffixes = append(suffixes, "prompt_other")
			}
			for _, suffix := range suffixes {
				if got := c.T(lang, "step."+s.id+"."+suffix); strings.HasPrefix(got, "⟦") {
					t.Errorf("%s: no %s for step %s", lang, suffix, s.id)
				}
			}
			if s.options == nil {
				continue
			}
			for _, o := range s.options(r) {
				if strings.HasPrefix(o.label, "⟦") || o.label == "" {
					t.Errorf("%s: step %s option %s has no label", lang, s.id, o.key)
				}
			}
		}
		for _, k := range []TaskKind{TaskFirstCare, TaskContactToday, TaskAftercareTalk, TaskFollowUp, TaskTalkRequest,
			TaskPolice, TaskOffender, TaskBanEnds, TaskAnalysis, TaskTeamMeeting, TaskUnsafe, TaskLegal, TaskFacility,
			TaskSecurityEval, TaskCheckIn} {
			for _, suffix := range []string{"title", "body"} {
				if got := c.T(lang, "task."+string(k)+"."+suffix); strings.HasPrefix(got, "⟦") {
					t.Errorf("%s: task %s has no %s", lang, k, suffix)
				}
			}
		}
		for id := range taskForms {
			if got := c.T(lang, "form."+id+".intro"); strings.HasPrefix(got, "⟦") {
				t.Errorf("%s: form %s has no intro", lang, id)
			}
		}
		for _, k := range Categories {
			if got := c.T(lang, "opt.categories."+string(k)); strings.HasPrefix(got, "⟦") {
				t.Errorf("%s: category %s has no label", lang, k)
			}
		}
	}
	if got := c.T(Dutch, "no.such.key"); got != "⟦no.such.key⟧" {
		t.Errorf("a missing key shows as %q", got)
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
