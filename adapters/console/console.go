// Package console is meldbot's embedded chat: a terminal where one person
// types at a time and can become anyone in the organisation, so a newcomer
// can play every role. It reads one message per line, also from a pipe, and
// shows buttons as numbered choices. Its clock can be moved forward, so a
// newcomer sees reminders, escalations and the policy cycle come round.
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
	// Echo prints every input line after a prompt, for transcripts of
	// piped input.
	Echo bool
	// Prompt shows the name of the person typing before each line is
	// read, for a person at a terminal.
	Prompt bool
	// Styled shows emphasis in bold and italics with terminal escape
	// codes; otherwise the words show plainly. The markers never show.
	Styled bool
	// Settle is called after each line is handled and should deliver the
	// bot's replies, so they show before the next line is read.
	Settle func(context.Context) error
	// Clock is the bot's clock, which the console shows; nil is the
	// system clock.
	Clock bot.Clock
	// Travel lives through the time up to a later moment as the running
	// bot would, delivering what each moment sends before the next; /tijd
	// calls it. Nil: the clock cannot be moved.
	Travel func(ctx context.Context, to time.Time) error
	// Files is the directory where pictures and files sent in the chat
	// (a chart, an export) are written; the console prints their path. It
	// is made on first use, readable by its owner only. Empty means a new
	// private directory under the system's temporary directory.
	Files string
}

// Console is a bot.Chat on a terminal.
type Console struct {
	in    io.Reader
	org   *bot.Organisation
	texts *locale.Catalog
	tr    locale.Texts // the organisation's language, for the banner and labels
	opts  Options
	// session marks this run's message references: an update held in the
	// outbox from an earlier run must not land on a message of this run
	// that happens to have the same number.
	session string

	mu        sync.Mutex // guards everything below; Send runs on the dispatcher
	out       io.Writer
	greeted   bool // the banner is shown
	me        bot.User
	n         int
	shown     map[bot.Ref]*shown            // every message shown, by reference
	latest    map[string]bot.Ref            // per recipient: the newest message
	letters   map[string]map[string]bot.Ref // per recipient: the messages with a letter
	batch     *batch                        // what arrives while a line is handled
	prompting bool                          // the prompt is showing, waiting for a line
	explained bool                          // the letters were explained
}

// shown is what the console remembers of a message: who got it, its
// buttons, so a typed number can click one, and its letter, if it has one.
type shown struct {
	to      string
	choices []bot.Choice
	letter  string
}

var _ bot.Chat = (*Console)(nil)

// New returns a console reading from in and writing to out. It fails when
// opts.As names nobody in the organisation, or several people.
func New(in io.Reader, out io.Writer, org *bot.Organisation, texts *locale.Catalog, opts Options) (*Console, error) {
	c := &Console{in: in, out: out, org: org, texts: texts, tr: texts.In(org.LangOf(bot.Person{})), opts: opts,
		shown: map[bot.Ref]*shown{}, latest: map[string]bot.Ref{}, letters: map[string]map[string]bot.Ref{},
		session: strconv.FormatInt(time.Now().UnixNano(), 36)}
	c.me = c.defaultUser()
	if opts.As != "" {
		found := c.find(opts.As)
		switch len(found) {
		case 0:
			return nil, fmt.Errorf("--as %q: nobody in %s by that name, address or role (meldbot run --as sanne, --as coordinator)", opts.As, org.Name)
		case 1:
			c.me = found[0]
		default:
			var names []string
			for _, u := range found {
				names = append(names, u.Name)
			}
			return nil, fmt.Errorf("--as %q: %d people match (%s); name one, such as --as %s", opts.As, len(found), strings.Join(names, ", "), c.handle(found[0]))
		}
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
		c.prompt()
		select {
		case <-ctx.Done():
			return nil
		case err := <-readErr:
			return err
		case line := <-lines:
			c.mu.Lock()
			c.prompting = false
			c.mu.Unlock()
			if quit := c.line(ctx, h, line); quit {
				return nil
			}
		}
	}
}

// prompt shows who is typing, when the console has a person at a
// terminal.
func (c *Console) prompt() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.opts.Prompt && !c.prompting {
		c.prompting = true
		fmt.Fprintf(c.out, "%s> ", firstName(c.me))
	}
}

// line handles one input line; it returns true when the person quits.
// What the bot sends meanwhile is shown when the line is done, so messages
// with buttons that arrive together can be told apart.
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
	c.batch = &batch{me: string(me.Email)}
	c.mu.Unlock()
	defer c.showBatch(ctx, h)
	tr := c.textsOf(ctx, h, me)

	if rest, ok := cutWord(text, "/als", "/as"); ok {
		c.switchTo(rest, tr)
		return false
	}
	if strings.HasPrefix(text, "@") {
		who, rest, _ := strings.Cut(text[1:], " ")
		if !c.switchTo(who, tr) || strings.TrimSpace(rest) == "" {
			return false
		}
		text = strings.TrimSpace(rest)
		c.mu.Lock()
		me = c.me
		c.batch.me = string(me.Email)
		c.mu.Unlock()
		tr = c.textsOf(ctx, h, me)
	}
	if rest, ok := cutWord(text, "/tijd", "/time"); ok {
		c.travel(ctx, rest, tr)
		return false
	}
	switch strings.ToLower(text) {
	case "/wie", "/who":
		c.people(tr)
		return false
	case "/hulp", "/help":
		c.print(tr.T("console.help"))
		return false
	case "/exit", "/quit", "/einde":
		return true
	}
	var ev bot.Event
	if args, ok := cutWord(text, "/incident"); ok {
		ev = bot.Command{User: me, Args: args}
	} else if strings.HasPrefix(text, "/") {
		c.print(tr.T("console.unknown", "Command", text))
		return false
	} else if ref, value, ok := c.button(me, text, tr); ok {
		if ref == "" {
			return false // not a choice; the console said so
		}
		ev = bot.Action{User: me, Ref: ref, Value: value}
	} else {
		ev = bot.Text{User: me, Body: text}
	}
	if err := h.Handle(ctx, ev); err != nil {
		c.print(tr.T("console.error", "Error", err.Error()))
	}
	if c.opts.Settle != nil {
		if err := c.opts.Settle(ctx); err != nil && ctx.Err() == nil {
			c.print(tr.T("console.error", "Error", err.Error()))
		}
	}
	return false
}

// textsOf returns the texts in the language a person reads. The bot tells
// it only through its texts: its reply to /incident is compared with the
// catalogue's in every language.
func (c *Console) textsOf(ctx context.Context, h bot.Handler, u bot.User) locale.Texts {
	ack := h.CommandAck(ctx, u)
	for _, lang := range locale.Langs {
		if c.texts.T(lang, "command.ack") == ack {
			return c.texts.In(lang)
		}
	}
	return c.tr
}

// Send shows a message: to the person typing as "meldbot: …", to anyone
// else as "→ Name: …". A picture or file it carries is saved first; one that
// cannot be saved fails the delivery, so the message is shown once it can
// be.
func (c *Console) Send(ctx context.Context, to bot.Email, m bot.Message, _ bot.Delivery) (bot.Ref, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.greetLocked()
	files, err := c.saveAttachments(m)
	if err != nil {
		return "", err
	}
	c.n++
	ref := bot.Ref("c" + c.session + "." + strconv.Itoa(c.n))
	c.shown[ref] = &shown{to: string(to), choices: m.Choices}
	c.latest[string(to)] = ref
	c.arrived(entry{ref: ref, to: string(to), m: m, at: c.now(), files: files})
	return ref, nil
}

// Update shows a message again as it is now, marked as updated: the
// person who clicked sees what their click did.
func (c *Console) Update(ctx context.Context, ref bot.Ref, m bot.Message, d bot.Delivery) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	s, ok := c.shown[ref]
	if !ok {
		return fmt.Errorf("console: no message %s", ref)
	}
	s.choices = m.Choices
	c.arrived(entry{ref: ref, to: s.to, m: m, update: true, at: c.now()})
	return nil
}

// print writes the console's own words, in the order of everything else
// the line brought.
func (c *Console) print(s string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.arrived(entry{note: s})
}

// now returns the bot's time in the organisation's time zone.
func (c *Console) now() time.Time {
	if c.opts.Clock != nil {
		return c.org.In(c.opts.Clock.Now())
	}
	return c.org.In(time.Now())
}

// formatTime writes a moment as the bot does: "ma 7 dec 2026, 09:00".
func (c *Console) formatTime(tr locale.Texts, t time.Time) string {
	return fmt.Sprintf("%s %d %s %d, %s", tr.T(fmt.Sprintf("time.weekday.%d", t.Weekday())), t.Day(),
		tr.T(fmt.Sprintf("time.month.%d", t.Month())), t.Year(), t.Format("15:04"))
}

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
	return string(u.Email)
}
