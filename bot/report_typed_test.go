package bot_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"meldbot/bot"
	"meldbot/bot/bottest"
	"meldbot/bot/when"
)

// conversationOf returns who's conversation in progress.
func conversationOf(t *testing.T, h *bottest.Harness, who string) bot.Conversation {
	t.Helper()
	var c bot.Conversation
	if err := h.Store.View(context.Background(), func(tx bot.Tx) (err error) {
		c, err = tx.Conversation(h.User(who).Key())
		return err
	}); err != nil {
		t.Fatalf("%s has no conversation: %v", who, err)
	}
	return c
}

// Times are read as colleagues type them, and what was understood opens
// the next message, so a wrong reading is caught at once. It is Friday 27
// November 2026, 15:00.
func TestReportReadsTimesAsPeopleTypeThem(t *testing.T) {
	for _, c := range []struct{ typed, noted string }{
		{"tien minuten geleden", "Genoteerd: vrijdag 27 november, 14:50"},
		{"twee uur geleden", "Genoteerd: vrijdag 27 november, 13:00"},
		{"een half uur geleden", "Genoteerd: vrijdag 27 november, 14:30"},
		{"gisterenmiddag", "Genoteerd: donderdag 26 november, 's middags"},
		{"eergisterenavond", "Genoteerd: woensdag 25 november, 's avonds"},
		{"gisteren 3 uur 's middags", "Genoteerd: donderdag 26 november, 15:00"},
		{"kwart over 9 's avonds", "Genoteerd: donderdag 26 november, 21:15"},
		{"rond drie uur 's middags", "Genoteerd: vrijdag 27 november, rond 15:00"},
		{"vorige week dinsdag", "Genoteerd: dinsdag 17 november (tijd onbekend)"},
		// Only one reading has passed today: 04:30, not 16:30.
		{"om half vijf", "Genoteerd: vrijdag 27 november, 04:30"},
		{"28-11-2025 09:00", "Genoteerd: vrijdag 28 november 2025, 09:00"}, // a leading zero is the 24-hour clock
	} {
		h := bottest.New(t)
		toWhen(t, h)
		step(t, h, "sanne", c.typed, c.noted, "Waar gebeurde het?")
	}
}

// A clock time from 1 to 12 without a part of the day is asked about with
// a button per reading; nothing is stored until the reporter chose.
func TestReportAsksWhichTimeWasMeant(t *testing.T) {
	h := bottest.New(t)
	toWhen(t, h)
	step(t, h, "sanne", "gisteren om 3 uur", "*Bedoel je donderdag 26 november om 03:00 's nachts of om 15:00 's middags?*", "03:00 | 15:00")
	if c := conversationOf(t, h, "sanne"); c.Answers["when"].Moment != nil || c.Pending == nil {
		t.Fatalf("stored while asking: %+v", c)
	}
	step(t, h, "sanne", "[15:00]", "Genoteerd: donderdag 26 november, 15:00", "Waar gebeurde het?")
	if m := conversationOf(t, h, "sanne").Answers["when"].Moment; m.Time.Hour() != 15 || m.Time.Day() != 26 || m.Precision != when.Minute {
		t.Errorf("stored %+v", m)
	}

	// Typed instead of clicked: the part of the day, or a number.
	for typed, want := range map[string]string{"'s nachts": "02:30", "s middags": "14:30", "2": "14:30", "14:30": "14:30"} {
		h := bottest.New(t)
		toWhen(t, h)
		step(t, h, "sanne", "om half drie", "02:30 | 14:30")
		step(t, h, "sanne", typed, "Genoteerd: vrijdag 27 november, "+want, "Waar gebeurde het?")
	}

	// terug at the follow-up asks the time again; "rond" stays
	// approximate through the buttons to the summary.
	h = bottest.New(t)
	toWhen(t, h)
	step(t, h, "sanne", "gisteren rond 9 uur", "rond 09:00 's ochtends of rond 21:00 's avonds")
	step(t, h, "sanne", "terug", "Wanneer gebeurde het?", "!Bedoel je")
	step(t, h, "sanne", "gisteren een uur of 9", "Bedoel je")
	step(t, h, "sanne", "[21:00]", "Genoteerd: donderdag 26 november, rond 21:00")
	h.AnswerUntil(t, "sanne", nil, "summary")
	h.Expect(t, "sanne", "Wanneer: do 26 nov 2026, rond 21:00")
}

// A list typed at a multiple-choice question shows what was chosen and
// moves on; a "Verder" that follows, typed or clicked, is no mistake.
func TestReportTypedListMovesOn(t *testing.T) {
	h := bottest.New(t)
	step(t, h, "sanne", "/incident")
	step(t, h, "sanne", "1, 2", "Genoteerd: Verbale agressie, Bedreiging", "Hoe was het contact?")
	step(t, h, "sanne", "Verder", "Je keuze was al genoteerd", "Hoe was het contact?", "!herken", "!eerdere vraag")
	if c := conversationOf(t, h, "sanne"); c.Step != "channel" || strings.Join(c.Answers["categories"].Keys, ",") != "verbal,threat" {
		t.Errorf("conversation at %q with %v", c.Step, c.Answers["categories"].Keys)
	}
	step(t, h, "sanne", "[Verder | Wat is er gebeurd?]", "Je keuze was al genoteerd", "Hoe was het contact?", "!eerdere vraag")
	// Once the next question is answered, "Verder" is an answer like any
	// other.
	step(t, h, "sanne", "[Persoonlijk]", "Wanneer gebeurde het?")
	step(t, h, "sanne", "Verder", "Dat tijdstip kan ik niet lezen")
}

// terug while changing one answer from the summary returns to the summary,
// with the answer as it was.
func TestReportBackWhileChangingAnAnswer(t *testing.T) {
	h := bottest.New(t)
	toSummary(t, h)
	step(t, h, "sanne", "[Antwoord wijzigen]")
	step(t, h, "sanne", "[Plaats]", "Waar gebeurde het?")
	step(t, h, "sanne", "terug", "Samenvatting van je melding", "Plaats: Stadhuis", "!Wanneer gebeurde het?")
	// Back to the same answer, then through the follow-up of a time.
	step(t, h, "sanne", "[Antwoord wijzigen]")
	step(t, h, "sanne", "[Wanneer]", "Wanneer gebeurde het?")
	step(t, h, "sanne", "half 1", "Bedoel je")
	step(t, h, "sanne", "terug", "Wanneer gebeurde het?")
	step(t, h, "sanne", "terug", "Samenvatting van je melding", "Wanneer: vr 27 nov 2026, 14:30")
	// A change that opens a new question goes back along the form there.
	step(t, h, "sanne", "[Antwoord wijzigen]")
	step(t, h, "sanne", "[Aangifte]")
	step(t, h, "sanne", "[Ik heb al aangifte gedaan]", "Wat is het registratienummer")
	step(t, h, "sanne", "terug", "Doe je aangifte bij de politie?")
}

// A description longer than a message is kept up to the limit, and the
// rest follows in the next message; "klaar" ends it where it is.
func TestReportLongDescriptionSpansMessages(t *testing.T) {
	first := strings.Repeat("De klant bleef schreeuwen. ", 160) // 4320 characters
	h := bottest.New(t)
	toDescription(t, h)
	step(t, h, "sanne", first, "Je bericht is langer dan 4000 tekens", "tot en met: \"…", "Stuur de rest in een volgend bericht", "Klaar")
	kept := conversationOf(t, h, "sanne").Pending.Text
	if n := len(kept); n > bot.MaxInput || n < bot.MaxInput-30 || !strings.HasPrefix(first, kept+" ") {
		t.Fatalf("kept %d characters, not cut between words: %q", n, kept[len(kept)-20:])
	}
	rest := strings.TrimSpace(first[len(kept):])
	step(t, h, "sanne", rest, "Wie was de andere partij?")
	if got := conversationOf(t, h, "sanne").Answers["description"].Text; got != strings.TrimSpace(first) {
		t.Errorf("description of %d characters, want the %d typed", len(got), len(strings.TrimSpace(first)))
	}

	h = bottest.New(t)
	toDescription(t, h)
	step(t, h, "sanne", first)
	step(t, h, "sanne", "klaar", "Wie was de andere partij?")
	if got := conversationOf(t, h, "sanne").Answers["description"].Text; len([]rune(got)) > bot.MaxInput {
		t.Errorf("klaar kept %d characters", len(got))
	}
}

// A description is kept up to four full messages; what goes past that is
// not stored, and the reporter is told so, with where the part not kept
// begins, instead of finding it cut later.
func TestReportDescriptionPastItsLimitIsCutAndSaysSo(t *testing.T) {
	h := bottest.New(t)
	toDescription(t, h)
	var b strings.Builder
	for i := 1; b.Len() < 4*bot.MaxInput+1000; i++ {
		fmt.Fprintf(&b, "Zin %d van wat er aan de balie gebeurde. ", i)
	}
	typed := strings.TrimSpace(b.String())
	// Sanne pastes it, and each time meldbot asks for the rest, sends
	// what it has not kept yet.
	rest, got := typed, ""
	for range 6 {
		got = step(t, h, "sanne", rest)
		if strings.Contains(got, "ingekort") {
			break
		}
		if !strings.Contains(got, "Stuur de rest in een volgend bericht") {
			t.Fatalf("no request for the rest:\n%s", got)
		}
		kept := conversationOf(t, h, "sanne").Pending.Text
		rest = strings.TrimSpace(typed[len(kept):])
	}
	for _, want := range []string{"Je beschrijving is ingekort tot 16000 tekens", "Niet opgeslagen is alles vanaf „", "Wie was de andere partij?"} {
		if !strings.Contains(got, want) {
			t.Fatalf("after %d characters, the reply lacks %q:\n%s", len(typed), want, got)
		}
	}
	kept := conversationOf(t, h, "sanne").Answers["description"].Text
	if n := len([]rune(kept)); n > 4*bot.MaxInput || n < 4*bot.MaxInput-50 || !strings.HasPrefix(typed, kept) {
		t.Fatalf("kept %d characters, want the first %d or a word less", n, 4*bot.MaxInput)
	}
	notKept := strings.Fields(typed[len(kept):])
	if from := strings.Join(notKept[:8], " ") + "…"; !strings.Contains(got, "„"+from+"”") {
		t.Errorf("the notice does not say where the part not kept begins (%q):\n%s", from, got)
	}
}
