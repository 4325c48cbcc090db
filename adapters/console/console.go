// Package console is meldbot's embedded chat: a terminal where one person
// types at a time and can become anyone in the organisation, so a newcomer
// can play every role. It reads one message per line, also from a pipe, and
// shows buttons as numbered choices.
package console

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"time"

	"meldbot/bot"
	"meldbot/bot/locale"
)

// Options configure a Console.
type Options struct {
	// As is who types first: a name, e-mail address or role. Empty means
	// the first employee without a special role.
	As string
	// Echo prints every input line, for transcripts of piped input.
	Echo bool
	// Settle is called after each line is handled and should deliver the
	// bot's replies, so they show before the next line is read.
	Settle func(context.Context) error
	// Files is the directory where pictures and files sent in the chat
	// (a chart, an export) are written; the console prints their path. It
	// is made on first use, readable by its owner only. Empty means a new
	// private directory under the system's temporary directory.
	Files string
}

// Console is a bot.Chat on a terminal.
type Console struct {
	in   io.Reader
	org  *bot.Organisation
	tr   locale.Texts
	opts Options
	// session marks this run's message references: an update held in the
	// outbox from an earlier run must not land on a message of this run
	// that happens to have the same number.
	session string

	mu      sync.Mutex // guards everything below; Send runs on the dispatcher
	out     io.Writer
	greeted bool // the banner is shown
	me      bot.User
	n       int
	shown   map[bot.Ref]shown  // every message shown, by reference
	latest  map[string]bot.Ref // per recipient: the latest message
}

// shown is what the console remembers of a message: who got it and its
// buttons, so a typed number can click one.
type shown struct {
	to      string
	choices []bot.Choice
}

var _ bot.Chat = (*Console)(nil)

// New returns a console reading from in and writing to out. It fails when
// opts.As names nobody in the organisation.
func New(in io.Reader, out io.Writer, org *bot.Organisation, texts *locale.Catalog, opts Options) (*Console, error) {
	c := &Console{in: in, out: out, org: org, tr: texts.In(org.LangOf(bot.Person{})), opts: opts,
		shown: map[bot.Ref]shown{}, latest: map[string]bot.Ref{},
		session: strconv.FormatInt(time.Now().UnixNano(), 36)}
	c.me = c.defaultUser()
	if opts.As != "" {
		u, ok := c.find(opts.As)
		if !ok {
			return nil, fmt.Errorf("--as %q: nobody in %s by that name, address or role (meldbot run --as sanne, --as coordinator)", opts.As, org.Name)
		}
		c.me = u
	}
	return c, nil
}

// Run reads lines until the input ends or ctx is cancelled.
func (c *Console) Run(ctx context.Context, h bot.Handler) error {
	c.greet()
	lines := make(chan string)
	readErr := make(chan error, 1)
	go func() {
		sc := bufio.NewScanner(c.in)
		sc.Buffer(make([]byte, 64*1024), 1024*1024)
		for sc.Scan() {
			select {
			case lines <- sc.Text():
			case <-ctx.Done():
				return
			}
		}
		readErr <- sc.Err()
	}()
	for {
		select {
		case <-ctx.Done():
			return nil
		case err := <-readErr:
			return err
		case line := <-lines:
			if quit := c.line(ctx, h, line); quit {
				return nil
			}
		}
	}
}

// line handles one input line; it returns true when the person quits.
func (c *Console) line(ctx context.Context, h bot.Handler, line string) (quit bool) {
	text := strings.TrimSpace(line)
	if text == "" {
		return false
	}
	c.mu.Lock()
	me := c.me
	if c.opts.Echo {
		fmt.Fprintf(c.out, "\n%s> %s\n", firstName(me), text)
	}
	c.mu.Unlock()

	if rest, ok := cutWord(text, "/als", "/as"); ok {
		c.switchTo(rest)
		return false
	}
	if strings.HasPrefix(text, "@") {
		who, rest, _ := strings.Cut(text[1:], " ")
		if !c.switchTo(who) || strings.TrimSpace(rest) == "" {
			return false
		}
		text = strings.TrimSpace(rest)
	}
	switch strings.ToLower(text) {
	case "/wie", "/who":
		c.people()
		return false
	case "/exit", "/quit", "/einde":
		return true
	}
	c.mu.Lock()
	me = c.me
	c.mu.Unlock()
	var ev bot.Event
	if args, ok := cutWord(text, "/incident"); ok {
		ev = bot.Command{User: me, Args: args}
	} else if strings.HasPrefix(text, "/") {
		c.print(c.tr.T("console.unknown", "Command", text))
		return false
	} else if ref, value, ok := c.button(me, text); ok {
		ev = bot.Action{User: me, Ref: ref, Value: value}
	} else {
		ev = bot.Text{User: me, Body: text}
	}
	if err := h.Handle(ctx, ev); err != nil {
		c.print(c.tr.T("console.error", "Error", err.Error()))
	}
	if c.opts.Settle != nil {
		if err := c.opts.Settle(ctx); err != nil && ctx.Err() == nil {
			c.print(c.tr.T("console.error", "Error", err.Error()))
		}
	}
	return false
}

// button turns a typed number or label into a click on the latest message
// to the person, when that message has buttons.
func (c *Console) button(me bot.User, text string) (bot.Ref, string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	ref, ok := c.latest[bot.NormalizeEmail(me.Email)]
	if !ok {
		return "", "", false
	}
	choices := c.shown[ref].choices
	if n, err := strconv.Atoi(text); err == nil && n >= 1 && n <= len(choices) {
		return ref, choices[n-1].Value, true
	}
	for _, ch := range choices {
		if strings.EqualFold(strings.TrimPrefix(ch.Label, "✓ "), text) {
			return ref, ch.Value, true
		}
	}
	return "", "", false
}

// Send shows a message: to the person typing as "meldbot: …", to anyone
// else as "→ Name: …". A picture or file it carries is saved first; one that
// cannot be saved fails the delivery, so the message is shown once it can
// be.
func (c *Console) Send(ctx context.Context, to string, m bot.Message, _ bot.Delivery) (bot.Ref, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.greetLocked()
	files, err := c.saveAttachments(m)
	if err != nil {
		return "", err
	}
	c.n++
	ref := bot.Ref("c" + c.session + "." + strconv.Itoa(c.n))
	to = bot.NormalizeEmail(to)
	c.shown[ref] = shown{to: to, choices: m.Choices}
	c.latest[to] = ref
	c.render(to, m, false, files)
	return ref, nil
}

// Update replaces the buttons of an earlier message. A message that keeps
// buttons is shown again with its new numbers; one that loses them is not
// shown again, since the choice was just typed.
func (c *Console) Update(ctx context.Context, ref bot.Ref, m bot.Message, _ bot.Delivery) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	s, ok := c.shown[ref]
	if !ok {
		return fmt.Errorf("console: no message %s", ref)
	}
	s.choices = m.Choices
	c.shown[ref] = s
	if len(m.Choices) > 0 && c.latest[s.to] == ref {
		c.render(s.to, m, true, nil)
	}
	return nil
}

// render writes a message and where its attachments were saved; the caller
// holds c.mu.
func (c *Console) render(to string, m bot.Message, update bool, files []saved) {
	var prefix string
	if to == bot.NormalizeEmail(c.me.Email) {
		prefix = "meldbot: "
	} else {
		p := c.org.PersonOrGuest(bot.User{Email: to})
		prefix = "→ " + p.DisplayName() + ": "
	}
	if update {
		prefix += "(" + c.tr.T("console.updated") + ") "
	}
	lines := strings.Split(plain(m.Text), "\n")
	fmt.Fprintf(c.out, "%s%s\n", prefix, lines[0])
	for _, l := range lines[1:] {
		fmt.Fprintln(c.out, strings.TrimRight("   "+l, " "))
	}
	for i, ch := range m.Choices {
		fmt.Fprintf(c.out, "   %d. %s\n", i+1, ch.Label)
	}
	for _, f := range files {
		fmt.Fprintln(c.out, "   "+string(f))
	}
}

func (c *Console) print(s string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	fmt.Fprintln(c.out, s)
}

// plain removes the *emphasis* markers, which a terminal does not show.
func plain(s string) string { return strings.ReplaceAll(s, "*", "") }

// cutWord returns the rest of text after a leading command word.
func cutWord(text string, words ...string) (string, bool) {
	for _, w := range words {
		if rest, ok := strings.CutPrefix(text, w); ok && (rest == "" || rest[0] == ' ') {
			return strings.TrimSpace(rest), true
		}
	}
	return "", false
}

func firstName(u bot.User) string {
	if f := strings.Fields(u.Name); len(f) > 0 {
		return f[0]
	}
	return u.Email
}
