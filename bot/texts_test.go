package bot

import (
	"strings"
	"testing"

	"meldbot/bot/form"
	"meldbot/bot/locale"
	"meldbot/bot/register"
)

// Every question has a prompt, help and summary label, and every fixed
// option a label, in every language.
func TestEveryStepHasItsTexts(t *testing.T) {
	c, err := locale.NewCatalog()
	if err != nil {
		t.Fatal(err)
	}
	org := &Organisation{Departments: []Department{{ID: "d", Name: "D"}}, Locations: []Location{{ID: "l", Name: "L"}}}
	for _, lang := range locale.Langs {
		e := env{a: form.Answers{}, org: org, tr: c.In(lang)}
		var steps []step
		steps = append(steps, reportForm.Steps...)
		for _, f := range taskForms {
			steps = append(steps, f.Steps...)
		}
		for _, s := range steps {
			suffixes := []string{"prompt", "help", "label"}
			if s.ForOther {
				suffixes = append(suffixes, "prompt_other", "help_other")
			}
			for _, suffix := range suffixes {
				if got := c.T(lang, "step."+s.ID+"."+suffix); strings.HasPrefix(got, "⟦") {
					t.Errorf("%s: no %s for step %s", lang, suffix, s.ID)
				}
			}
			other := e
			other.forOther, other.subject, other.subjectName = true, "tom.smit@voorbeeldrode.nl", "Tom Smit"
			for _, o := range append(optionsOf(s, e), optionsOf(s, other)...) {
				if strings.HasPrefix(o.Label, "⟦") || o.Label == "" {
					t.Errorf("%s: step %s option %s has no label", lang, s.ID, o.Key)
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
		for _, k := range register.Categories {
			if got := c.T(lang, "opt.categories."+string(k)); strings.HasPrefix(got, "⟦") {
				t.Errorf("%s: category %s has no label", lang, k)
			}
		}
	}
	if got := c.T(locale.Dutch, "no.such.key"); got != "⟦no.such.key⟧" {
		t.Errorf("a missing key shows as %q", got)
	}
}
