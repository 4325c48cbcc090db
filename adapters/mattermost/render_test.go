package mattermost

import "testing"

func TestMarkdown(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Je melding is geregistreerd onder nummer *GIR-2026-0001*.", "Je melding is geregistreerd onder nummer **GIR-2026-0001**."},
		{"Typ op elk moment *terug*, *stop* of *help*.", "Typ op elk moment **terug**, **stop** of **help**."},
		{"Wat gebeurt er nu?\n• De coördinator weet het.\n• Je manager belt je.", "Wat gebeurt er nu?\n- De coördinator weet het.\n- Je manager belt je."},
		{"• *Wat:* Bedreiging", "- **Wat:** Bedreiging"},
		{"5 * 3 = 15, a*b", "5 * 3 = 15, a*b"},
		{"geen *\nmarkering*", "geen *\nmarkering*"},
		{"  • ingesprongen", "  • ingesprongen"},
	} {
		if got := markdown(tc.in); got != tc.want {
			t.Errorf("markdown(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestActionIDsAreLettersAndDigits(t *testing.T) {
	for i := range 40 {
		id := actionID(i)
		for _, r := range id {
			if !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9') {
				t.Fatalf("action id %q has %q: Mattermost routes clicks only to letters and digits", id, r)
			}
		}
	}
}
