package form_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	"meldbot/bot/form"
	"meldbot/bot/when"
)

// answers is an Env of nothing but answers.
type answers form.Answers

func (a answers) Given() form.Answers { return form.Answers(a) }

var amsterdam, _ = time.LoadLocation("Europe/Amsterdam")
var now = time.Date(2026, 11, 27, 15, 0, 0, 0, amsterdam)

var yesNo = func(answers) []form.Option {
	return []form.Option{{Key: "yes", Label: "Ja"}, {Key: "no", Label: "Nee"}}
}

// A form walks its questions in order, skipping those that do not apply
// to the answers so far; going back follows the same path.
func TestAFormAsksOnlyWhatApplies(t *testing.T) {
	f := &form.Form[answers]{ID: "t", Steps: []form.Step[answers]{
		{ID: "damage", Kind: form.OneOf, Options: yesNo},
		{ID: "what", Kind: form.FreeText, Applies: func(a answers) bool { return form.Answers(a).Yes("damage") }},
		{ID: "police", Kind: form.OneOf, Options: yesNo},
	}}
	a := answers{}
	if got := f.Next(a); got != "damage" {
		t.Fatalf("first question %q", got)
	}
	a["damage"] = form.Answer{Keys: []string{"no"}}
	if got := f.Next(a); got != "police" {
		t.Errorf("after no damage the next question is %q, want police", got)
	}
	if got := f.Previous(a, "police"); got != "damage" {
		t.Errorf("back from police goes to %q, want damage", got)
	}
	a["damage"] = form.Answer{Keys: []string{"yes"}}
	if got := f.Next(a); got != "what" {
		t.Errorf("after damage the next question is %q, want what", got)
	}
	a["what"], a["police"] = form.Answer{Text: "ruit"}, form.Answer{Keys: []string{"no"}}
	if got := f.Next(a); got != "" {
		t.Errorf("with every answer given the next question is %q", got)
	}
	a["damage"] = form.Answer{Keys: []string{"no"}}
	if on := f.OnPath(a); len(on) != 2 || on.Text("what") != "" {
		t.Errorf("answers on the path after changing damage to no: %v", on)
	}
	if got := f.Last(a); got != "police" {
		t.Errorf("last question %q", got)
	}
}

// Typed text is read as the answer its question takes, or as the reason
// it is not one.
func TestReadingTypedText(t *testing.T) {
	cats := func(answers) []form.Option {
		return []form.Option{{Key: "verbal", Label: "Verbale agressie"}, {Key: "threat", Label: "Bedreiging"}, {Key: "physical", Label: "Fysiek geweld"}}
	}
	for _, c := range []struct {
		name  string
		step  form.Step[answers]
		text  string
		keys  []string
		words string
		probl form.Problem
	}{
		{"a number picks a button", form.Step[answers]{Kind: form.OneOf, Options: yesNo}, "2", []string{"no"}, "", 0},
		{"a yes in words", form.Step[answers]{Kind: form.OneOf, Options: yesNo}, "jazeker", []string{"yes"}, "", 0},
		{"a label without accents", form.Step[answers]{Kind: form.OneOf, Options: cats}, "fysiek geweld.", []string{"physical"}, "", 0},
		{"no such button", form.Step[answers]{Kind: form.OneOf, Options: yesNo}, "misschien", nil, "", form.NotAChoice},
		{"a list of numbers and names", form.Step[answers]{Kind: form.ManyOf, Options: cats}, "1 en bedreiging", []string{"verbal", "threat"}, "", 0},
		{"a list with an unknown part", form.Step[answers]{Kind: form.ManyOf, Options: cats}, "1, schelden", nil, "", form.UnknownChoices},
		{"text long enough", form.Step[answers]{Kind: form.FreeText, MinLen: 5}, "  een klant  ", nil, "een klant", 0},
		{"text too short", form.Step[answers]{Kind: form.FreeText, MinLen: 5}, "kort", nil, "", form.TooShort},
		{"nothing to add", form.Step[answers]{Kind: form.FreeText, Skippable: true, MinLen: 5}, "-", []string{form.Skipped}, "", 0},
		{"a moment", form.Step[answers]{Kind: form.Moment}, "vandaag 14:30", nil, "", 0},
		{"a moment in the future", form.Step[answers]{Kind: form.Moment}, "morgen 14:30", nil, "", form.NotAMoment},
		{"an end date", form.Step[answers]{Kind: form.Until}, "3 maanden", nil, "", 0},
		{"not an end date", form.Step[answers]{Kind: form.Until}, "gisteren", nil, "", form.NotAnEndDate},
	} {
		var opts []form.Option
		if c.step.Options != nil {
			opts = c.step.Options(answers{})
		}
		r := c.step.Read(c.text, form.Context{Options: opts, Now: now})
		if r.Problem != c.probl {
			t.Errorf("%s: problem %v, want %v", c.name, r.Problem, c.probl)
			continue
		}
		if c.probl != 0 {
			if r.Answer != nil {
				t.Errorf("%s: an answer %+v with a problem", c.name, r.Answer)
			}
			continue
		}
		switch {
		case r.Answer == nil:
			t.Errorf("%s: no answer", c.name)
		case c.keys != nil && !slices.Equal(r.Answer.Keys, c.keys):
			t.Errorf("%s: keys %q, want %q", c.name, r.Answer.Keys, c.keys)
		case c.words != "" && r.Answer.Text != c.words:
			t.Errorf("%s: text %q, want %q", c.name, r.Answer.Text, c.words)
		}
	}
	r := form.Step[answers]{Kind: form.Moment}.Read("morgen 14:30", form.Context{Now: now})
	if !errors.Is(r.Err, when.ErrFuture) {
		t.Errorf("a moment in the future gives %v, want when.ErrFuture", r.Err)
	}
	nowButton := []form.Option{{Key: "now", Label: "Zojuist"}}
	if r := (form.Step[answers]{Kind: form.Moment}).Read("1", form.Context{Options: nowButton, Now: now}); r.Choice != "now" {
		t.Errorf("1 at a moment question is %+v, want its first button", r)
	}
}

// Back, stop and help work at every question, in Dutch and English.
func TestWordsThatAlwaysWork(t *testing.T) {
	for text, want := range map[string]form.Word{
		"terug": form.Back, "Back": form.Back, "vorige vraag": form.Back,
		"stop": form.Stop, "Annuleren": form.Stop, "help": form.Help, "?": form.Help, "hulp": form.Help,
		"nee": form.NoWord, "stoppen met roken": form.NoWord,
	} {
		if got := form.WordOf(text); got != want {
			t.Errorf("WordOf(%q) = %v, want %v", text, got, want)
		}
	}
}
