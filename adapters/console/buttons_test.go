package console

import (
	"regexp"
	"strings"
	"testing"

	"meldbot/bot/bottest"
)

// Clicking a button on a task shows the task as it is now: the click did
// something, and the person sees what.
func TestEveryClickShowsWhatItDid(t *testing.T) {
	d := newDriver(t)
	bottest.Run(t, d, bottest.ReportScript, d.h.User)
	d.expect("/als peter", "Je bent nu Peter Bakker")
	got := d.expect("Gedaan", "meldbot: (bijgewerkt) Eerste opvang — GIR-2026-0001", "✓ Gedaan door Peter Bakker")
	if n := strings.Count(got, "(bijgewerkt)"); n != 1 {
		t.Errorf("the update shows %d times:\n%s", n, got)
	}
}

// Several tasks with buttons arrive together: each gets a letter, so the
// first can be acted on as well as the newest; a number that is no choice
// is said to be none, with the choices there are.
func TestPickingWhichMessageToActOn(t *testing.T) {
	d := newDriver(t)
	bottest.Run(t, d, bottest.ReportScript, d.h.User)
	d.expect("/als peter", "Je bent nu Peter Bakker")
	got := d.expect("/tijd +1u", "Meerdere berichten hebben knoppen, elk met een letter. Typ de letter en het nummer, bijvoorbeeld B2")
	m := regexp.MustCompile(`meldbot: \[([A-Z])\] Contact vandaag — GIR-2026-0001`).FindStringSubmatch(got)
	if m == nil || m[1] == "A" && !strings.Contains(got, "meldbot: [B] ") {
		t.Fatalf("the tasks have no letters:\n%s", got)
	}
	letter := m[1]
	if !strings.Contains(got, "   "+letter+"1. Ik pak het op\n   "+letter+"2. Gedaan") {
		t.Errorf("the choices of %s are not lettered:\n%s", letter, got)
	}
	d.expect(letter+"1", "meldbot: (bijgewerkt) ["+letter+"] Contact vandaag", "👤 Opgepakt door Peter Bakker", "   "+letter+"1. Gedaan")
	// A number alone is for the newest message; 7 is none of its choices.
	got = d.expect("7", "7 is geen keuze. Typ een nummer van 1 tot en met 4 of de tekst van een knop:\n   1. Ik pak het op\n   2. Gedaan")
	if strings.Contains(got, "Hallo") {
		t.Errorf("7 got the greeting:\n%s", got)
	}
	d.expect(letter+"9", letter+"9 is geen keuze", "   "+letter+"1. Gedaan")
	d.expect("/hulp", "typ de letter en het nummer, bijv. B2", "/tijd maandag 9:00")
}

// The console speaks to each person in their language.
func TestNotAChoiceInThePersonsLanguage(t *testing.T) {
	d := newDriver(t)
	d.expect("@alex /incident", "What happened?")
	d.expect("12", "12 is not a choice. Type a number from 1 to 10 or the text of a button:", "   10. Continue")
	d.expect("/help", "What you can type here:")
	d.expect("/als tom", "You are now Tom Smit")
}
