package slack

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/slack-go/slack"

	"meldbot/bot"
)

// Block Kit limits that shape how a message is rendered.
const (
	maxSectionText    = 3000 // characters of one section's text
	maxButtonsInBlock = 25   // elements of one actions block
	maxButtonLabel    = 75   // characters of a button's text
	maxBlocks         = 50   // blocks of one message
	maxFallbackText   = 3000 // characters of the notification text
)

// render turns a message into Slack's notification text and blocks: the
// text in mrkdwn sections (meldbot's *emphasis* and "• " lists are Slack's
// own markup already), the choices as buttons, at most 25 to an actions
// block. A message without choices has no actions block, so an update to it
// removes the buttons.
func render(m bot.Message) (fallback string, blocks []slack.Block) {
	text := escape(m.Text)
	var actions []slack.Block
	for i := 0; i < len(m.Choices); i += maxButtonsInBlock {
		end := min(i+maxButtonsInBlock, len(m.Choices))
		var buttons []slack.BlockElement
		for j := i; j < end; j++ {
			buttons = append(buttons, button(j, m.Choices[j]))
		}
		actions = append(actions, slack.NewActionBlock(fmt.Sprintf("choices-%d", i/maxButtonsInBlock), buttons...))
	}
	sections := chunks(text, maxSectionText)
	if room := maxBlocks - len(actions); len(sections) > room {
		sections = sections[:room]
		sections[room-1] = truncate(sections[room-1], maxSectionText)
	}
	for _, s := range sections {
		blocks = append(blocks, slack.NewSectionBlock(slack.NewTextBlockObject(slack.MarkdownType, s, false, false), nil, nil))
	}
	blocks = append(blocks, actions...)

	fallback = text
	if fallback == "" && len(m.Choices) > 0 {
		fallback = escape(m.Choices[0].Label)
	}
	return truncate(fallback, maxFallbackText), blocks
}

// button renders choice number i. Action IDs are unique in the message.
func button(i int, c bot.Choice) *slack.ButtonBlockElement {
	label := slack.NewTextBlockObject(slack.PlainTextType, truncate(c.Label, maxButtonLabel), true, false)
	b := slack.NewButtonBlockElement(fmt.Sprintf("choice-%d", i), c.Value, label)
	switch c.Style {
	case bot.StylePrimary:
		b = b.WithStyle(slack.StylePrimary)
	case bot.StyleDanger:
		b = b.WithStyle(slack.StyleDanger)
	}
	return b
}

// escape protects the three characters Slack's mrkdwn reserves.
func escape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

// chunks splits text at line ends into pieces of at most limit characters;
// a longer line is split after a space where it can (see cutAt), never
// inside an escape such as &amp;.
func chunks(text string, limit int) []string {
	text = strings.TrimRight(text, "\n")
	if text == "" {
		return nil
	}
	var out []string
	var cur strings.Builder
	n := 0 // characters in cur
	flush := func() {
		if n > 0 {
			out = append(out, cur.String())
			cur.Reset()
			n = 0
		}
	}
	for _, line := range strings.Split(text, "\n") {
		ln := utf8.RuneCountInString(line)
		if n > 0 && n+1+ln > limit {
			flush()
		}
		for ln > limit {
			r := []rune(line)
			cut := cutAt(r, limit)
			out = append(out, string(r[:cut]))
			line, ln = string(r[cut:]), ln-cut
		}
		if n > 0 {
			cur.WriteByte('\n')
			n++
		}
		cur.WriteString(line)
		n += ln
	}
	flush()
	return out
}

// cutAt returns where to split the runes r, longer than limit: after the
// last space in the second half of the limit, else at the limit; moved back
// before an escape (&amp; &lt; &gt;) that the cut would break, which Slack
// would show as stray characters.
func cutAt(r []rune, limit int) int {
	cut := limit
	for i := limit; i > limit/2; i-- {
		if r[i-1] == ' ' {
			cut = i
			break
		}
	}
	for i := cut - 1; i >= 0 && i > cut-len("&amp;"); i-- {
		if r[i] == ';' {
			break
		}
		if r[i] == '&' {
			return max(i, 1)
		}
	}
	return cut
}

// truncate shortens s to at most limit characters, ending in "…", cut as
// cutAt says.
func truncate(s string, limit int) string {
	if utf8.RuneCountInString(s) <= limit {
		return s
	}
	r := []rune(s)
	return string(r[:cutAt(r, limit-1)]) + "…"
}

// ref names a Slack message as "channel/ts".
func ref(channel, ts string) bot.Ref { return bot.Ref(channel + "/" + ts) }

// splitRef is the inverse of ref.
func splitRef(r bot.Ref) (channel, ts string, ok bool) {
	channel, ts, ok = strings.Cut(string(r), "/")
	return channel, ts, ok && channel != "" && ts != ""
}
