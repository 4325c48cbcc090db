package slack

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/slack-go/slack"

	"meldbot/bot"
)

func TestLongTextIsSplitIntoSectionsAtLineEnds(t *testing.T) {
	line := strings.Repeat("ä", 99) // 100 characters with its newline
	var lines []string
	for range 70 {
		lines = append(lines, line)
	}
	text := strings.Join(lines, "\n")
	_, blocks := render(bot.Message{Text: text})
	var parts []string
	for _, b := range blocks {
		s := b.(*slack.SectionBlock).Text.Text
		if n := utf8.RuneCountInString(s); n > maxSectionText {
			t.Errorf("a section has %d characters, over Slack's %d", n, maxSectionText)
		}
		parts = append(parts, s)
	}
	if len(parts) != 3 || strings.Join(parts, "\n") != text {
		t.Errorf("got %d sections that do not join to the text", len(parts))
	}
}

// A long line without line ends is split after a space, and never inside
// an escape: "&amp;" cut in two would show as "&am" and "p;".
func TestALongLineIsSplitAtASpaceAndNeverInsideAnEscape(t *testing.T) {
	for _, c := range []struct{ name, line string }{
		{"words", strings.Repeat("Wij & jullie <samen> ", 400)},
		{"no spaces", strings.Repeat("a&b<c>", 1000)},
	} {
		text := escape(c.line)
		parts := chunks(text, maxSectionText)
		if strings.Join(parts, "") != text {
			t.Errorf("%s: the pieces do not join to the text", c.name)
		}
		for i, p := range parts {
			if n := utf8.RuneCountInString(p); n > maxSectionText {
				t.Errorf("%s: piece %d has %d characters", c.name, i, n)
			}
			if i < len(parts)-1 && c.name == "words" && !strings.HasSuffix(p, " ") {
				t.Errorf("%s: piece %d ends in the middle of a word: …%q", c.name, i, p[len(p)-10:])
			}
			if brokenEscape(p) {
				t.Errorf("%s: piece %d holds a broken escape: …%q", c.name, i, p[max(0, len(p)-12):])
			}
		}
	}
	if got := truncate(escape(strings.Repeat("x", 2997)+"&&&&&&&&&"), 3000); brokenEscape(got) {
		t.Errorf("truncate breaks an escape: …%q", got[len(got)-12:])
	}
}

// brokenEscape reports whether s holds an & that does not start an escape.
func brokenEscape(s string) bool {
	return strings.Count(s, "&") != strings.Count(s, "&amp;")+strings.Count(s, "&lt;")+strings.Count(s, "&gt;")
}

func TestManyChoicesFillSeveralActionBlocks(t *testing.T) {
	var choices []bot.Choice
	for i := range 30 {
		choices = append(choices, bot.Choice{Label: fmt.Sprintf("Optie %d", i+1), Value: fmt.Sprint(i)})
	}
	choices[0].Label = strings.Repeat("x", 100)
	_, blocks := render(bot.Message{Text: "Kies", Choices: choices})
	if len(blocks) != 3 {
		t.Fatalf("got %d blocks, want a section and two actions blocks", len(blocks))
	}
	first, second := blocks[1].(*slack.ActionBlock), blocks[2].(*slack.ActionBlock)
	if len(first.Elements.ElementSet) != 25 || len(second.Elements.ElementSet) != 5 || first.BlockID == second.BlockID {
		t.Errorf("actions blocks hold %d and %d buttons with IDs %q, %q; want 25 and 5, distinct",
			len(first.Elements.ElementSet), len(second.Elements.ElementSet), first.BlockID, second.BlockID)
	}
	label := first.Elements.ElementSet[0].(*slack.ButtonBlockElement).Text.Text
	if utf8.RuneCountInString(label) != maxButtonLabel || !strings.HasSuffix(label, "…") {
		t.Errorf("a long label became %q, want it cut to %d characters", label, maxButtonLabel)
	}
	last := second.Elements.ElementSet[4].(*slack.ButtonBlockElement)
	if last.ActionID != "choice-29" || last.Value != "29" {
		t.Errorf("last button has action %q value %q", last.ActionID, last.Value)
	}
}

func TestMentionsAndLinksFromSlackBecomePlainText(t *testing.T) {
	w := newWorkspace(t, sanne, tom)
	a := w.adapter()
	for _, tt := range []struct{ in, want string }{
		{"voor <@U002>", "voor tom.smit@voorbeeldrode.nl"},
		{"voor <@U002|tom>", "voor tom.smit@voorbeeldrode.nl"},
		{"voor <@U999|iemand>", "voor @iemand"},
		{"voor <mailto:Tom.Smit@voorbeeldrode.nl|Tom.Smit@voorbeeldrode.nl>", "voor Tom.Smit@voorbeeldrode.nl"},
		{"zie <https://intranet.voorbeeldrode.nl/beleid|het beleid> en <https://politie.nl>", "zie het beleid en https://politie.nl"},
		{"in <#C0ALGEMEEN|algemeen> met <!here>", "in #algemeen met @here"},
		{"3 &lt; 4 &amp;&amp; 5 &gt; 4", "3 < 4 && 5 > 4"},
	} {
		if got := a.plain(context.Background(), tt.in); got != tt.want {
			t.Errorf("plain(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
