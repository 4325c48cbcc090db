package console

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"meldbot/bot"
	"meldbot/bot/bottest"
	"meldbot/bot/locale"
)

// The banner's own examples work: /als with a role, in Dutch or English,
// with or without accents; a role several people have lists them and
// nobody changes.
func TestSwitchingByRole(t *testing.T) {
	d := newDriver(t)
	d.expect("/als coördinator", "Je bent nu Karin de Vries (coördinator agressie en geweld).")
	d.expect("/als facilitair", "Je bent nu Linda Hendriks (facilitaire zaken).")
	d.expect("/als security guard", "Je bent nu Ahmed Ouali (beveiliger).")
	got := d.expect("/als leidinggevende",
		`Bij "leidinggevende" passen 3 mensen. Typ wie je bedoelt, bijvoorbeeld /als peter:`,
		"   Peter Bakker (afdelingsmanager, Publiekszaken)\n   Ingrid Mulder (afdelingsmanager, Sociaal Domein)\n   Henk de Boer (afdelingsmanager, Openbare Ruimte)",
		"Je blijft Ahmed Ouali.")
	if strings.Contains(got, "Je bent nu") {
		t.Errorf("a role three people have switched to one of them:\n%s", got)
	}
	d.expect("/als de boer", "Je bent nu Henk de Boer (afdelingsmanager, Openbare Ruimte).")
	d.expect("@coordinator /incident help", "Je bent nu Karin de Vries", "meldbot: ")
}

// At a terminal, the prompt names who is typing, also after a switch that
// found nobody.
func TestThePromptSaysWhoIsTyping(t *testing.T) {
	c, out, h := newTerminal(t, "/als niemand\n/als karin\n")
	if err := c.Run(context.Background(), h.Bot); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	_, after, _ := strings.Cut(got, "typ het nummer of de tekst.\n")
	want := "Sanne> " + `Ik vind niemand met "niemand". Typ /wie voor iedereen in de organisatie.` + "\n" +
		"Sanne> Je bent nu Karin de Vries (coördinator agressie en geweld).\n" +
		"Karin> "
	if after != want {
		t.Errorf("after the banner:\n%q\nwant\n%q", after, want)
	}
}

// A message that arrives while the prompt waits goes on its own lines,
// and the prompt comes back under it.
func TestAMessageWhileThePromptWaits(t *testing.T) {
	c, out, _ := newTerminal(t, "")
	c.greet()
	c.prompt()
	if _, err := c.Send(context.Background(), "peter.bakker@voorbeeldrode.nl", bot.Message{Text: "Herinnering"}, bot.Delivery{}); err != nil {
		t.Fatal(err)
	}
	if got := out.String(); !strings.HasSuffix(got, "Sanne> \n→ Peter Bakker: Herinnering\nSanne> ") {
		t.Errorf("output ends %q", got[max(0, len(got)-80):])
	}
}

// newTerminal returns a console as at a terminal, with a prompt, reading
// input, on the sample organisation.
func newTerminal(t *testing.T, input string) (*Console, *bytes.Buffer, *bottest.Harness) {
	t.Helper()
	h := bottest.New(t)
	texts, err := locale.NewCatalog()
	if err != nil {
		t.Fatal(err)
	}
	out := &bytes.Buffer{}
	c, err := New(strings.NewReader(input), out, h.Org, texts, Options{Prompt: true})
	if err != nil {
		t.Fatal(err)
	}
	return c, out, h
}
