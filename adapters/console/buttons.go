package console

import (
	"regexp"
	"strconv"
	"strings"

	"meldbot/bot"
	"meldbot/bot/locale"
)

// lettered is a choice on a message with a letter: "B2", "b 2", "B.2".
var lettered = regexp.MustCompile(`^([A-Za-z])\s*\.?\s*(\d+)$`)

// button turns what the person typed into a click: a number or a label on
// the newest message to them, when it has buttons, or a letter and a number
// on the message with that letter. A number that is no choice there is
// answered by the console, which lists the choices; then ref is empty and
// ok true.
func (c *Console) button(me bot.User, text string, tr locale.Texts) (ref bot.Ref, value string, ok bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	to := me.Email
	number, letter := text, ""
	if m := lettered.FindStringSubmatch(text); m != nil {
		r, ok := c.letters[string(to)][strings.ToUpper(m[1])]
		if !ok || len(c.shown[r].choices) == 0 {
			return "", "", false
		}
		ref, number, letter = r, m[2], strings.ToUpper(m[1])
	} else if r, ok := c.latest[string(to)]; ok && len(c.shown[r].choices) > 0 {
		ref = r
	} else {
		return "", "", false
	}
	s := c.shown[ref]
	if n, err := strconv.Atoi(number); err == nil {
		if n >= 1 && n <= len(s.choices) {
			return ref, s.choices[n-1].Value, true
		}
		c.notAChoice(text, letter, s.choices, tr)
		return "", "", true
	}
	for _, ch := range s.choices {
		if strings.EqualFold(strings.TrimPrefix(ch.Label, "✓ "), text) {
			return ref, ch.Value, true
		}
	}
	return "", "", false
}

// notAChoice says that what was typed is no choice, and lists the choices
// there are, with the letter that was typed; the caller holds c.mu.
func (c *Console) notAChoice(typed, letter string, choices []bot.Choice, tr locale.Texts) {
	var b strings.Builder
	b.WriteString(tr.T("console.not_a_choice", "Typed", typed, "Count", len(choices)))
	for i, ch := range choices {
		b.WriteString("\n   " + letter + strconv.Itoa(i+1) + ". " + styled(ch.Label, c.opts.Styled))
	}
	c.batch.entries = append(c.batch.entries, entry{note: b.String()})
}

// letter gives each message to a person with buttons among those that
// arrived together a letter, A, B, C…, when there are two or more: the
// person can then pick which message to act on. Earlier letters of that
// person are dropped; the caller holds c.mu.
func (c *Console) letter(b *batch) {
	byTo := map[string][]bot.Ref{}
	var order []string
	for _, e := range b.entries {
		if e.update || e.note != "" || len(c.shown[e.ref].choices) == 0 {
			continue
		}
		if _, ok := byTo[e.to]; !ok {
			order = append(order, e.to)
		}
		byTo[e.to] = append(byTo[e.to], e.ref)
	}
	for _, to := range order {
		refs := byTo[to]
		if len(refs) < 2 || len(refs) > 26 {
			continue
		}
		for _, ref := range c.letters[to] {
			c.shown[ref].letter = ""
		}
		c.letters[to] = map[string]bot.Ref{}
		for i, ref := range refs {
			l := string(rune('A' + i))
			c.letters[to][l] = ref
			c.shown[ref].letter = l
		}
		b.lettered = append(b.lettered, to)
	}
}
