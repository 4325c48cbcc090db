package bot

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"meldbot/bot/calendar"
	"meldbot/bot/chart"
	"meldbot/bot/locale"
	"meldbot/bot/policy"

	"github.com/rs/zerolog"
)

// Config is what a Bot is built from.
type Config struct {
	Org   *Organisation
	Store Store
	// Clock defaults to the system clock.
	Clock Clock
	Log   zerolog.Logger
	// Catalog defaults to the embedded message files.
	Catalog *locale.Catalog
	// Wake, when set, is called after a transaction queued messages, so
	// the outbox delivers them at once (see Dispatcher.Wake).
	Wake func()
}

// Bot handles events: it runs the report conversation, registers incidents
// and starts what follows them. It implements Handler.
type Bot struct {
	org   *Organisation
	store Store
	clock Clock
	log   zerolog.Logger
	texts *locale.Catalog
	cal   *calendar.Calendar
	wake  func()
	locks userLocks
	// guards is true when the organisation has security guards.
	guards bool
	// charts keeps the overview charts drawn last.
	charts *chart.Cache
}

var _ Handler = (*Bot)(nil)

// New returns a Bot for the organisation.
func New(cfg Config) (*Bot, error) {
	if cfg.Org == nil || cfg.Store == nil {
		return nil, errors.New("bot: organisation and store are required")
	}
	b := &Bot{org: cfg.Org, store: cfg.Store, clock: cfg.Clock, log: cfg.Log, texts: cfg.Catalog, wake: cfg.Wake,
		charts: chart.NewCache(overviewCharts)}
	if b.clock == nil {
		b.clock = SystemClock{}
	}
	cal, err := cfg.Org.WorkingCalendar()
	if err != nil {
		return nil, fmt.Errorf("bot: the working calendar: %w", err)
	}
	if missing := unwindowed(cal, taskKinds); len(missing) > 0 {
		return nil, fmt.Errorf("bot: the working calendar has no window for the task kinds %v", missing)
	}
	b.cal = cal
	b.guards = len(cfg.Org.WithRole(policy.RoleSecurity)) > 0
	if b.texts == nil {
		c, err := locale.NewCatalog()
		if err != nil {
			return nil, err
		}
		b.texts = c
	}
	return b, nil
}

// Org returns the organisation the bot serves.
func (b *Bot) Org() *Organisation { return b.org }

// Calendar returns the organisation's working calendar, which times every
// task.
func (b *Bot) Calendar() *calendar.Calendar { return b.cal }

// Handle processes one event from a person. Events of one person are handled
// one at a time, in arrival order; different people in parallel. Everything
// the event changes, and every message it causes, is stored in one
// transaction before Handle returns, together with the event's identity: an
// event with an ID that was handled before changes nothing and is answered
// by nothing.
func (b *Bot) Handle(ctx context.Context, ev Event) error {
	u := ev.From()
	key := u.Key()
	if key == "" {
		return errors.New("bot: event without an e-mail address")
	}
	unlock := b.locks.lock(key)
	defer unlock()
	var followUps []string
	err := b.store.Update(ctx, func(tx Tx) error {
		followUps = nil
		if first, err := firstDelivery(tx, ev, b.clock.Now()); err != nil || !first {
			return err
		}
		t := b.newTurn(tx, u)
		defer func() { followUps = t.followUps }()
		switch e := ev.(type) {
		case Command:
			return t.command(e.Args)
		case Text:
			return t.text(e.Body)
		case Action:
			t.ref = e.Ref
			return t.action(e.Value)
		default:
			return fmt.Errorf("bot: unknown event %T", ev)
		}
	})
	if err != nil {
		b.log.Error().Err(err).Str("user", string(key)).Msg("handling an event failed")
		return err
	}
	if b.wake != nil {
		b.wake()
	}
	b.followUpNow(ctx, u, followUps)
	return nil
}

// Unreachable tells the coordinators that someone cannot be reached on the
// chat platform; use it with Dispatcher.OnUnreachable. A coordinator who is
// unreachable themselves is not told through the chat.
func (b *Bot) Unreachable(ctx context.Context, tx Tx, email Email) error {
	t := b.systemTurn(tx)
	for _, c := range b.org.coordinatorsExcept(email) {
		if err := t.send(c, Message{Text: t.textsFor(c).T("notice.unreachable", "Email", email)}); err != nil {
			return err
		}
	}
	return nil
}

// CommandAck returns the text shown at once in reply to /incident.
func (b *Bot) CommandAck(ctx context.Context, u User) string {
	return b.texts.T(b.langOf(ctx, u), "command.ack")
}

// FailureNotice returns the text shown to a person whose event could not
// be handled.
func (b *Bot) FailureNotice(ctx context.Context, u User) string {
	return b.texts.T(b.langOf(ctx, u), "event.failed")
}

// Unidentified returns the text shown to someone the chat platform gives
// no e-mail address for.
func (b *Bot) Unidentified(ctx context.Context) string {
	return b.texts.T(b.org.Language, "event.unidentified")
}

// langOf returns the language a person reads: their own choice, else the
// one the organisation gives them. A store that cannot be read (it may be
// why an event failed) leaves the organisation's.
func (b *Bot) langOf(ctx context.Context, u User) locale.Lang {
	p, _ := b.org.Person(u.Email)
	lang := b.org.LangOf(p)
	_ = b.store.View(ctx, func(tx Tx) error { lang = b.langIn(tx, u.Email); return nil })
	return lang
}

// langIn returns the language a person has chosen, as stored in tx, or
// else the one the organisation gives them.
func (b *Bot) langIn(tx Tx, email Email) locale.Lang {
	if p, err := tx.Prefs(email); err == nil && p.Lang != "" {
		return p.Lang
	}
	p, _ := b.org.Person(email)
	return b.org.LangOf(p)
}

// now returns the current time in the organisation's time zone.
func (b *Bot) now() time.Time { return b.org.In(b.clock.Now()) }

// userLocks serialises the events of one person.
type userLocks struct {
	mu sync.Mutex
	m  map[Email]*userLock
}

type userLock struct {
	sync.Mutex
	users int
}

func (l *userLocks) lock(key Email) (unlock func()) {
	l.mu.Lock()
	if l.m == nil {
		l.m = map[Email]*userLock{}
	}
	ul := l.m[key]
	if ul == nil {
		ul = &userLock{}
		l.m[key] = ul
	}
	ul.users++
	l.mu.Unlock()
	ul.Lock()
	return func() {
		ul.Unlock()
		l.mu.Lock()
		if ul.users--; ul.users == 0 {
			delete(l.m, key)
		}
		l.mu.Unlock()
	}
}
