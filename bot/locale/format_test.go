package locale

import "testing"

// A name owns what follows as each language writes it: Dutch adds an s,
// with an apostrophe after a vowel that would change its sound and an
// apostrophe alone after an s-sound.
func TestPossessive(t *testing.T) {
	c, err := NewCatalog()
	if err != nil {
		t.Fatal(err)
	}
	nl, en := c.In(Dutch), c.In(English)
	for name, want := range map[string]string{
		"Tom": "Toms", "Ahmed": "Ahmeds", "Anne": "Annes", "Fatima": "Fatima's", "Mo": "Mo's", "Eddy": "Eddy's",
		"Kees": "Kees'", "Max": "Max'", "Inez": "Inez'", "José": "José's",
	} {
		if got := nl.Possessive(name); got != want {
			t.Errorf("Dutch %s: %q, want %q", name, got, want)
		}
	}
	if got := en.Possessive("Tom"); got != "Tom's" {
		t.Errorf("English: %q", got)
	}
}

// Names in a sentence read as a list: commas, and the last one after "en".
func TestAnd(t *testing.T) {
	c, err := NewCatalog()
	if err != nil {
		t.Fatal(err)
	}
	nl, en := c.In(Dutch), c.In(English)
	for _, tc := range []struct {
		names  []string
		nl, en string
	}{
		{nil, "", ""},
		{[]string{"Fatima"}, "Fatima", "Fatima"},
		{[]string{"Fatima", "Karin"}, "Fatima en Karin", "Fatima and Karin"},
		{[]string{"Fatima", "Henk", "Karin"}, "Fatima, Henk en Karin", "Fatima, Henk and Karin"},
	} {
		if got := nl.And(tc.names); got != tc.nl {
			t.Errorf("Dutch %v: %q, want %q", tc.names, got, tc.nl)
		}
		if got := en.And(tc.names); got != tc.en {
			t.Errorf("English %v: %q, want %q", tc.names, got, tc.en)
		}
	}
}
