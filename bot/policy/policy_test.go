package policy

import (
	"testing"

	"meldbot/bot/locale"
)

// The matrix has the 67 rows of the policy, each once, and the default
// schedule plans exactly its recurring rows, each with its texts in every
// language.
func TestTheMatrixAndItsSchedule(t *testing.T) {
	ids := map[string]bool{}
	for _, r := range Matrix {
		if ids[r.ID] {
			t.Errorf("row %s twice", r.ID)
		}
		ids[r.ID] = true
	}
	if len(Matrix) != 67 {
		t.Errorf("%d rows, want 67", len(Matrix))
	}
	duties, err := DefaultSchedule()
	if err != nil {
		t.Fatal(err)
	}
	planned := map[string]bool{}
	for _, d := range duties {
		planned[d.Row] = true
		for _, lang := range locale.Langs {
			if d.Title[lang] == "" || d.Text[lang] == "" {
				t.Errorf("%s has no %s text", d.Row, lang)
			}
		}
	}
	for _, r := range Matrix {
		want := r.Kind == KindRecurring
		if planned[r.ID] != want {
			t.Errorf("row %s (%s) planned: %v", r.ID, r.Kind, planned[r.ID])
		}
	}
}
