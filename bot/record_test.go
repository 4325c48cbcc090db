package bot

import (
	"testing"

	"meldbot/bot/form"
)

// Every question of every form decides what its answer is in the register —
// personal data or not, and its export column (or form.NoColumn) — so a new
// question cannot leak into an export or outlive the retention period by
// being forgotten in a list somewhere else.
func TestEveryQuestionDecidesWhatItsAnswerIsInTheRegister(t *testing.T) {
	forms := []*form.Form[env]{reportForm}
	for _, f := range taskForms {
		forms = append(forms, f)
	}
	for _, f := range forms {
		for _, s := range f.Steps {
			if s.Record.Column == "" {
				t.Errorf("question %s of form %s has no Record: say whether it is personal and which export column it has (form.NoColumn for none)", s.ID, f.ID)
			}
		}
	}
}
