package console

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"meldbot/bot"
)

// batch is what arrives while one typed line is handled — the bot's
// replies, messages to others, the console's own words — shown together
// when the line is done.
type batch struct {
	me      string  // who typed the line
	entries []entry // in the order they arrived
	// travel marks a line that moved the clock: each moment something
	// arrives gets a heading with the time.
	travel bool
	// lettered are the people whose messages got letters.
	lettered []string
}

// entry is one thing to show: a message sent or updated, or a note of the
// console.
type entry struct {
	ref    bot.Ref
	to     string
	m      bot.Message
	update bool
	at     time.Time
	note   string
	// files says where the message's picture and file were saved, before
	// it arrived.
	files []saved
}

// arrived shows an entry, or keeps it for the end of the line being
// handled; the caller holds c.mu.
func (c *Console) arrived(e entry) {
	if c.batch != nil {
		c.batch.entries = append(c.batch.entries, e)
		return
	}
	// Outside a line: something the running bot did by itself, such as
	// a reminder that came due. It shows at once, under the prompt.
	if c.prompting {
		fmt.Fprintln(c.out)
	}
	if e.note != "" {
		fmt.Fprintln(c.out, e.note)
	} else {
		c.render(e)
	}
	if c.prompting {
		fmt.Fprintf(c.out, "%s> ", firstName(c.me))
	}
}

// showBatch shows what the line brought. The update of a message the
// person answered shows only when nothing else came for them: the next
// question is feedback enough. While the clock travels, everything shows,
// under the time it happened.
func (c *Console) showBatch(ctx context.Context, h bot.Handler) {
	c.mu.Lock()
	b := c.batch
	c.batch = nil
	if b == nil {
		c.mu.Unlock()
		return
	}
	c.letter(b)
	newToMe := false
	for _, e := range b.entries {
		newToMe = newToMe || (!e.update && e.note == "" && e.to == b.me)
	}
	var stamp string
	for i, e := range b.entries {
		switch {
		case e.note != "":
			fmt.Fprintln(c.out, e.note)
			continue
		case !b.travel && e.update && e.to == b.me && len(e.m.Choices) == 0 && newToMe:
			continue
		case e.update && shownLater(b.entries[i+1:], e):
			continue
		}
		if b.travel {
			if s := c.formatTime(c.tr, e.at); s != stamp {
				stamp = s
				fmt.Fprintf(c.out, "── %s ──\n", s)
			}
		}
		c.render(e)
	}
	me := c.me
	explain := false
	for _, to := range b.lettered {
		if bot.Email(to) == me.Email && !c.explained {
			c.explained, explain = true, true
		}
	}
	c.mu.Unlock()
	if explain {
		c.print(c.textsOf(ctx, h, me).T("console.letters"))
	}
}

// shownLater reports whether a later entry updates the same message in the
// same minute, or another copy of it to the same person (a task listed
// again with /incident taken) the same way, so that e need not show.
func shownLater(later []entry, e entry) bool {
	for _, l := range later {
		if !l.update || !l.at.Truncate(time.Minute).Equal(e.at.Truncate(time.Minute)) {
			continue
		}
		if l.ref == e.ref || l.to == e.to && l.m.Text == e.m.Text && sameChoices(l.m.Choices, e.m.Choices) {
			return true
		}
	}
	return false
}

// sameChoices reports whether two messages have the same buttons.
func sameChoices(a, b []bot.Choice) bool {
	return slices.EqualFunc(a, b, func(x, y bot.Choice) bool { return x.Label == y.Label })
}

// render writes a message; the caller holds c.mu.
func (c *Console) render(e entry) {
	var prefix string
	if bot.Email(e.to) == c.me.Email {
		prefix = "meldbot: "
	} else {
		p := c.org.PersonOrGuest(bot.User{Email: bot.EmailOf(e.to)})
		prefix = "→ " + p.DisplayName() + ": "
	}
	if e.update {
		prefix += "(" + c.tr.T("console.updated") + ") "
	}
	letter := ""
	if s := c.shown[e.ref]; s != nil && len(e.m.Choices) > 0 {
		letter = s.letter
	}
	if letter != "" {
		prefix += "[" + letter + "] "
	}
	lines := strings.Split(e.m.Text, "\n")
	fmt.Fprintf(c.out, "%s%s\n", prefix, styled(lines[0], c.opts.Styled))
	for _, l := range lines[1:] {
		fmt.Fprintln(c.out, strings.TrimRight("   "+styled(l, c.opts.Styled), " "))
	}
	for i, ch := range e.m.Choices {
		fmt.Fprintf(c.out, "   %s%s. %s\n", letter, strconv.Itoa(i+1), styled(ch.Label, c.opts.Styled))
	}
	for _, f := range e.files {
		fmt.Fprintln(c.out, "   "+string(f))
	}
}
