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
