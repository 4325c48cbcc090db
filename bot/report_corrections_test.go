package bot_test

import (
	"strings"
	"testing"
	"unicode"

	"meldbot/bot/bottest"
)

// repeated returns a run of four words said twice in a text, or "": a
// correction that repeats what the question says right after it.
func repeated(text string) string {
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != ':' && r != '-'
	})
	seen := map[string]bool{}
	for i := 0; i+4 <= len(words); i++ {
		run := strings.Join(words[i:i+4], " ")
		if seen[run] {
			return run
		}
		seen[run] = true
	}
	return ""
}

// After a mistake the reporter reads what was wrong and the question once:
// the correction does not say again what the question says.
func TestACorrectionDoesNotRepeatTheQuestion(t *testing.T) {
	for _, c := range []struct {
		at    func(*testing.T, *bottest.Harness)
		typed string
	}{
		{toCategory, "banaan"},
		{toCategory, "1, 12"},
		{toCategory, "[Verder]"},
		{toChannel, "per duif"},
		{toWhen, "weet ik niet meer"},
		{toWhen, "morgen 10:00"},
		{toWhen, "31-02 10:00"},
		{toWhen, "01-01-2024"},
		{toDescription, "boos"},
	} {
		h := bottest.New(t)
		c.at(t, h)
		got := step(t, h, "sanne", c.typed)
		if run := repeated(got); run != "" {
			t.Errorf("%q: the reply says %q twice:\n%s", c.typed, run, got)
		}
	}
	// And in a task form: an end date that cannot be read.
	h := bottest.New(t)
	n := toBanEnd(t, h)
	for _, typed := range []string{"altijd", "over 20 jaar"} {
		if got := step(t, h, "peter", typed, "Tot wanneer geldt het verbod?"); repeated(got) != "" {
			t.Errorf("%q (%s): the reply says %q twice:\n%s", typed, n, repeated(got), got)
		}
	}
}

// A yes or no reads the same, cased alike, in the summary, in /incident
// toon and in /incident mijn gegevens.
func TestYesAndNoReadAlikeEverywhere(t *testing.T) {
	h := bottest.New(t)
	toDescription(t, h)
	h.AnswerUntil(t, "sanne", map[string]string{"checkin": "[Ja, graag]", "talk_now": "[Nee, nu niet]"}, "summary")
	lines := []string{"Later vragen hoe het gaat: Ja", "Nu iemand spreken: Nee", "Wapen: Nee", "Naam of klantnummer: klantnummer 123456"}
	h.Expect(t, "sanne", lines...)
	step(t, h, "sanne", "[Versturen]")
	step(t, h, "sanne", "/incident toon GIR-2026-0001", lines...)
	step(t, h, "sanne", "/incident mijn gegevens", "Een melding die je aan het invullen bent: Nee")
}
