package bottest

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"meldbot/bot"
	"meldbot/bot/locale"
	"meldbot/bot/orgfile"
	"meldbot/bot/outbox"
)

// Friday is the harness's default time: Friday 27 November 2026, 15:00 in
// Amsterdam.
var Friday = time.Date(2026, 11, 27, 15, 0, 0, 0, mustLoad("Europe/Amsterdam"))

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// Harness runs a Bot in-process: a store, a recording chat, a settable
// clock and a dispatcher that the harness flushes after every event, so a
// test sees the bot's answers as soon as it acts. It implements Driver.
type Harness struct {
	T      testing.TB
	Org    *bot.Organisation
	Store  bot.Store
	Clock  *Clock
	Chat   *Chat
	Bot    *bot.Bot
	Outbox *outbox.Dispatcher
	// Catalog is the bot's messages; nil loads the embedded ones.
	Catalog *locale.Catalog

	received []Delivery
	log      []Delivery              // every delivery since the harness started
	buttons  map[bot.Email]Sent      // per recipient: the latest message with buttons
	shown    map[bot.Ref]bot.Message // every message as it looks now
	order    []bot.Ref               // messages in the order they were sent
}

// Option changes how New builds a Harness.
type Option func(*Harness)

// WithStore makes the harness use s instead of a MemStore.
func WithStore(s bot.Store) Option { return func(h *Harness) { h.Store = s } }

// WithOrg makes the harness use org instead of the bundled sample.
func WithOrg(org *bot.Organisation) Option { return func(h *Harness) { h.Org = org } }

// WithClock makes the harness use c.
func WithClock(c *Clock) Option { return func(h *Harness) { h.Clock = c } }

// WithCatalog makes the bot use the messages of c, loaded once for many
// harnesses.
func WithCatalog(c *locale.Catalog) Option { return func(h *Harness) { h.Catalog = c } }

// SampleOrg returns the bundled sample organisation.
func SampleOrg(t testing.TB) *bot.Organisation {
	t.Helper()
	org, err := orgfile.Parse(orgfile.ExampleName, orgfile.Example)
	if err != nil {
		t.Fatal(err)
	}
	return org
}

// New returns a harness on the sample organisation, a MemStore and a clock
// at Friday, unless options say otherwise.
func New(t testing.TB, opts ...Option) *Harness {
	t.Helper()
	h := &Harness{T: t, Chat: &Chat{}, buttons: map[bot.Email]Sent{}, shown: map[bot.Ref]bot.Message{}}
	for _, o := range opts {
		o(h)
	}
	if h.Org == nil {
		h.Org = SampleOrg(t)
	}
	if h.Store == nil {
		h.Store = NewMemStore()
	}
	if h.Clock == nil {
		h.Clock = NewClock(Friday)
	}
	log := zerolog.New(zerolog.NewTestWriter(t)).Level(zerolog.WarnLevel)
	h.Outbox = outbox.New(h.Store, h.Chat, h.Clock, log)
	b, err := bot.New(bot.Config{Org: h.Org, Store: h.Store, Clock: h.Clock, Log: log, Catalog: h.Catalog})
	if err != nil {
		t.Fatal(err)
	}
	h.Bot = b
	h.Outbox.OnUnreachable(b.Unreachable)
	return h
}

// User returns the person of the organisation whose first name (when only
// one person has it), full name or e-mail address is who, as the bot finds
// colleagues (Organisation.Find), or a guest with that address.
func (h *Harness) User(who string) bot.User {
	return FindUser(h.Org, who)
}

// FindUser resolves a name from a script to a person of org; see User.
func FindUser(org *bot.Organisation, who string) bot.User {
	if p, ok := org.Find(who); ok && p.Name != "" {
		return bot.User{Email: p.Email, Name: p.Name}
	}
	return bot.User{Email: bot.EmailOf(who), Name: who}
}

// Handle delivers an event and flushes the outbox.
func (h *Harness) Handle(ev bot.Event) {
	h.T.Helper()
	if err := h.Bot.Handle(context.Background(), ev); err != nil {
		h.T.Fatalf("Handle(%#v): %v", ev, err)
	}
	h.Flush()
}

// Flush delivers what waits in the outbox and records it.
func (h *Harness) Flush() {
	h.T.Helper()
	if err := h.Outbox.Flush(context.Background()); err != nil {
		h.T.Fatalf("flush: %v", err)
	}
	for _, s := range h.Chat.Take() {
		d := Delivery{To: s.To, Text: s.Message.Text, Choices: labels(s.Message), Update: s.Update,
			At: h.Clock.Now(), Image: s.Message.Image, File: s.Message.File}
		h.received = append(h.received, d)
		h.log = append(h.log, d)
		if !s.Update {
			h.order = append(h.order, s.Ref)
		}
		h.shown[s.Ref] = s.Message
		switch {
		case !s.Update && len(s.Message.Choices) > 0:
			h.buttons[s.To] = s
		case !s.Update:
			delete(h.buttons, s.To)
		case s.Update && h.buttons[s.To].Ref == s.Ref:
			if len(s.Message.Choices) == 0 {
				delete(h.buttons, s.To)
			} else {
				h.buttons[s.To] = Sent{To: s.To, Ref: s.Ref, Message: s.Message}
			}
		}
	}
}

func labels(m bot.Message) []string {
	var out []string
	for _, c := range m.Choices {
		out = append(out, c.Label)
	}
	return out
}

// Type sends text as typed by who: "/incident …" is the slash command,
// anything else a direct message.
func (h *Harness) Type(who bot.User, text string) error {
	h.received = nil
	if args, ok := CutCommand(text); ok {
		h.Handle(bot.Command{User: who, Args: args})
		return nil
	}
	h.Handle(bot.Text{User: who, Body: text})
	return nil
}

// CutCommand splits "/incident taal en" into "taal en".
func CutCommand(text string) (string, bool) {
	rest, ok := strings.CutPrefix(strings.TrimSpace(text), "/incident")
	if !ok || (rest != "" && rest[0] != ' ') {
		return "", false
	}
	return strings.TrimSpace(rest), true
}

// Click clicks the button labelled label on the latest message to who that
// has buttons. A leading "✓ " on the button is ignored.
func (h *Harness) Click(who bot.User, label string) error {
	s, ok := h.buttons[who.Email]
	if !ok {
		return fmt.Errorf("%s has no message with buttons", who.Email)
	}
	for _, c := range s.Message.Choices {
		if sameLabel(c.Label, label) {
			h.received = nil
			h.Handle(bot.Action{User: who, Ref: s.Ref, Value: c.Value})
			return nil
		}
	}
	return fmt.Errorf("no button %q on the latest message to %s; buttons: %q", label, who.Email, labels(s.Message))
}

// ClickOn clicks the button labelled label on the latest message to who
// whose text contains part, as it looks now.
func (h *Harness) ClickOn(who bot.User, part, label string) error {
	to := who.Email
	for i := len(h.order) - 1; i >= 0; i-- {
		ref := h.order[i]
		m := h.shown[ref]
		if h.Chat.recipient(ref) != to || !strings.Contains(m.Text, part) {
			continue
		}
		for _, c := range m.Choices {
			if sameLabel(c.Label, label) {
				h.received = nil
				h.Handle(bot.Action{User: who, Ref: ref, Value: c.Value})
				return nil
			}
		}
		return fmt.Errorf("no button %q on the latest message to %s with %q; buttons: %q", label, to, part, labels(m))
	}
	return fmt.Errorf("no message to %s with %q", to, part)
}

// sameLabel compares a button's label with the one a script names; a tick
// ("✓ ") in front of a ticked choice may be left out.
func sameLabel(button, named string) bool {
	return strings.EqualFold(button, named) || strings.EqualFold(strings.TrimPrefix(button, "✓ "), named)
}

// Await returns a message to who, delivered after the latest action, whose
// text or buttons contain want.
func (h *Harness) Await(who bot.User, want string) (Delivery, error) {
	to := who.Email
	for _, d := range h.received {
		if d.To == to && d.Contains(want) {
			return d, nil
		}
	}
	return Delivery{}, fmt.Errorf("no message to %s containing %q; received:\n%s", to, want, FormatDeliveries(h.received))
}

// Advance moves the clock forward as a running meldbot lives through it:
// every task fires at its own time, in order, and what it sends is
// delivered. Received then holds all those messages.
func (h *Harness) Advance(d time.Duration) int {
	h.T.Helper()
	target := h.Clock.Now().Add(d)
	var all []Delivery
	fired := 0
	for {
		var due []bot.Task
		if err := h.Store.View(context.Background(), func(tx bot.Tx) error {
			var err error
			due, err = tx.DueTasks(target, 1)
			return err
		}); err != nil {
			h.T.Fatal(err)
		}
		if len(due) == 0 {
			break
		}
		if next := due[0].Next; next.After(h.Clock.Now()) {
			h.Clock.Set(next)
		}
		n := h.Fire()
		all = append(all, h.received...)
		fired += n
		// A task that fires without a message (a lapsed check-in, a
		// closed task) still moves on; only a task that stays due without
		// firing would stop time, and that is a bug the test should see.
		if n == 0 && h.stillDue(due[0]) {
			h.T.Fatalf("task %s stays due at %v without firing", due[0].ID, due[0].Next)
		}
	}
	h.Clock.Set(target)
	fired += h.Fire()
	h.received = append(all, h.received...)
	return fired
}

// stillDue reports whether a task is still due at the same moment.
func (h *Harness) stillDue(task bot.Task) bool {
	var now bot.Task
	_ = h.Store.View(context.Background(), func(tx bot.Tx) error {
		var err error
		now, err = tx.Task(task.ID)
		return err
	})
	return !now.Next.IsZero() && now.Next.Equal(task.Next)
}

// Jump moves the clock forward while meldbot is down: nothing fires on the
// way; what became due fires late, at once, as after a restart.
func (h *Harness) Jump(d time.Duration) int {
	h.T.Helper()
	h.Clock.Advance(d)
	return h.Fire()
}

// Fire fires the tasks due now and delivers what that sends.
func (h *Harness) Fire() int {
	h.T.Helper()
	h.received = nil
	n, err := h.Bot.FireDue(context.Background())
	if err != nil {
		h.T.Fatalf("firing due tasks: %v", err)
	}
	h.Flush()
	return n
}

// Delivered returns every message delivered since the harness started,
// each with the time it arrived, in order.
func (h *Harness) Delivered() []Delivery { return h.log }

// Received returns the messages delivered after the latest action.
func (h *Harness) Received() []Delivery { return h.received }

// Buttons returns the labels of the latest message with buttons to who.
func (h *Harness) Buttons(who bot.User) []string {
	return labels(h.buttons[who.Email].Message)
}

// To returns the messages to who among the latest deliveries.
func (h *Harness) To(who string) []Delivery {
	var out []Delivery
	for _, d := range h.received {
		if d.To == h.User(who).Key() {
			out = append(out, d)
		}
	}
	return out
}

// Expect checks that who received, among the latest deliveries, a message
// containing every want, and returns it.
func (h *Harness) Expect(t testing.TB, who string, wants ...string) Delivery {
	t.Helper()
	for _, d := range h.To(who) {
		ok := true
		for _, w := range wants {
			ok = ok && d.Contains(w)
		}
		if ok {
			return d
		}
	}
	t.Fatalf("%s received nothing with %q; deliveries:\n%s", who, wants, FormatDeliveries(h.received))
	return Delivery{}
}

// Quiet checks that who received, among the latest deliveries, nothing
// containing any of the words.
func (h *Harness) Quiet(t testing.TB, who string, words ...string) {
	t.Helper()
	for _, d := range h.To(who) {
		for _, w := range words {
			if w == "" || d.Contains(w) {
				t.Errorf("%s received %q:\n%s", who, w, d.Text)
			}
		}
	}
}

// Pending returns the messages waiting in a store's outbox.
func Pending(t testing.TB, s bot.Store) []bot.Outgoing {
	t.Helper()
	var out []bot.Outgoing
	if err := s.View(context.Background(), func(tx bot.Tx) (err error) { out, err = tx.Outbox(0, 1000); return err }); err != nil {
		t.Fatal(err)
	}
	return out
}
