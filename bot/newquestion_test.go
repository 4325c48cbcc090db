package bot

import (
	"slices"
	"testing"
	"time"

	"meldbot/bot/form"
	"meldbot/bot/register"
)

// A new yes/no question is one declaration in the report form (and its
// texts): it is asked where it stands, exported as a new last column of
// its part, and kept or purged as its Record says — nothing else to change.
// This is the worked example of docs/architecture.md.
func TestANewQuestionIsOneDeclaration(t *testing.T) {
	saved := reportForm.Steps
	defer func() { reportForm.Steps = saved }()
	filmed := step{ID: "filmed", Kind: form.YesNo, Applies: aboutPerson, Record: column("filmed")}
	reportForm.Steps = append(slices.Clone(saved), filmed)

	cols := exportColumns()
	var plain []string
	for _, c := range cols {
		if !c.Personal {
			plain = append(plain, c.Name)
		}
	}
	if plain[len(plain)-1] != "filmed" {
		t.Errorf("the export's columns without personal data end with %q, want the new one", plain[len(plain)-1])
	}
	inc := Incident{Number: "GIR-2026-0001", Report: ReportAnswers(time.Now(), map[string]string{"categories": "verbal", "filmed": "yes"})}
	var value string
	for _, c := range cols {
		if c.Name == "filmed" {
			value = c.value(&Organisation{}, inc, register.Row{})
		}
	}
	if value != "yes" {
		t.Errorf("exported %q for the new question", value)
	}
	if got := stripped(inc, time.Now()).Report.Key("filmed"); got != "yes" {
		t.Errorf("the purge removed an answer that is not personal: %q", got)
	}
	reportForm.Steps[len(reportForm.Steps)-1].Record = personal("filmed")
	if _, kept := stripped(inc, time.Now()).Report["filmed"]; kept {
		t.Error("the purge kept an answer declared personal")
	}
	if q := Questions(); q[len(saved)].ID != "filmed" {
		t.Errorf("the questions do not list the new one: %+v", q[len(saved)])
	}
}
