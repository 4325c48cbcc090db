package console

import (
	"strings"
	"testing"
)

func TestEmphasisWithoutItsMarkers(t *testing.T) {
	for _, tc := range []struct{ in, plain, ansi string }{
		{"*GIR-2026-0001*", "GIR-2026-0001", "\x1b[1mGIR-2026-0001\x1b[22m"},
		{"_Elk kwartaal_", "Elk kwartaal", "\x1b[3mElk kwartaal\x1b[23m"},
		{"Je melding (*GIR-2026-0001*) en *Alarmtest* — Stadhuis.", "Je melding (GIR-2026-0001) en Alarmtest — Stadhuis.",
			"Je melding (\x1b[1mGIR-2026-0001\x1b[22m) en \x1b[1mAlarmtest\x1b[22m — Stadhuis."},
		{"*a* *b*", "a b", "\x1b[1ma\x1b[22m \x1b[1mb\x1b[22m"},
		{"tom_smit@voorbeeldrode.nl en town_clerk_x", "tom_smit@voorbeeldrode.nl en town_clerk_x", "tom_smit@voorbeeldrode.nl en town_clerk_x"},
		{"2 * 3 * 4 en 5*6*7", "2 * 3 * 4 en 5*6*7", "2 * 3 * 4 en 5*6*7"},
		{"* geen nadruk *", "* geen nadruk *", "* geen nadruk *"},
	} {
		if got := styled(tc.in, false); got != tc.plain {
			t.Errorf("styled(%q) = %q, want %q", tc.in, got, tc.plain)
		}
		if got := styled(tc.in, true); got != tc.ansi {
			t.Errorf("styled(%q, terminal) = %q, want %q", tc.in, got, tc.ansi)
		}
	}
}

// The coordinator's role card has the cadences in italics and the rows in
// bold: the console shows the words, never the markers; on a terminal, in
// italics and bold.
func TestRoleCardWithoutMarkers(t *testing.T) {
	d := newDriver(t)
	got := d.expect("@karin /incident rol", "Elk kwartaal")
	if strings.Contains(got, "_Elk kwartaal_") || strings.Contains(got, "*") {
		t.Errorf("markers show:\n%s", got)
	}
	d = newDriver(t, func(o *Options) { o.Styled = true })
	d.expect("@karin /incident rol", "\x1b[3mElk kwartaal\x1b[23m")
}
