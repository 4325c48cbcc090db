package form

import "testing"

// Fold makes what people type comparable with the labels of options: case,
// accents and surrounding punctuation do not count, the words do.
func TestFold(t *testing.T) {
	for typed, want := range map[string]string{
		"Fysiek geweld.":       "fysiek geweld",
		"  Coördinator ":       "coordinator",
		"CAFÉ!":                "cafe",
		"één":                  "een",
		"Ja, graag":            "ja, graag",
		"wat?":                 "wat?",
		"-":                    "-",
		"Seksuele intimidatie": "seksuele intimidatie",
		"naïef…":               "naief",
		"":                     "",
	} {
		if got := Fold(typed); got != want {
			t.Errorf("Fold(%q) = %q, want %q", typed, got, want)
		}
	}
}

// A yes or no is read as people type it, with or without commas and
// courtesies, at any question whose options are yes and no.
func TestFindOptionReadsYesAndNoInWords(t *testing.T) {
	opts := []Option{{Key: "yes", Label: "Ja"}, {Key: "no", Label: "Nee"}}
	for typed, want := range map[string]string{
		"Nee, dank je": "no", "nee dank je.": "no", "Nee hoor": "no", "nee, bedankt": "no", "Liever niet": "no",
		"No, thank you": "no", "Ja, graag!": "yes", "ja hoor": "yes", "Ja, dat wil ik": "yes", "Klopt": "yes", "2": "no",
	} {
		o, ok := FindOption(opts, typed)
		if !ok || o.Key != want {
			t.Errorf("%q: %q (found %v), want %q", typed, o.Key, ok, want)
		}
	}
	for _, typed := range []string{"misschien", "nee ja", "3"} {
		if o, ok := FindOption(opts, typed); ok {
			t.Errorf("%q read as %q", typed, o.Key)
		}
	}
}

// BenchmarkFoldOptionLabels folds the labels of the report's first question and
// a typed answer, as matching every typed answer does.
func BenchmarkFoldOptionLabels(b *testing.B) {
	labels := []string{"Verbale agressie", "Bedreiging", "Intimidatie", "Seksuele intimidatie", "Discriminatie",
		"Fysiek geweld", "Vernieling of schade", "Onveilige situatie", "Iets anders", "Verder"}
	b.ReportAllocs()
	for b.Loop() {
		for _, l := range labels {
			_ = Fold(l)
		}
		_ = Fold("fysiek geweld")
	}
}
