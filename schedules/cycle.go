package schedules

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/robfig/cron/v3"
	"github.com/rs/zerolog"

	"meldbot/bot"
)

// Cycle runs the policy cycle: at each duty's time it asks the people of
// the duty's role, once per period and scope. An occurrence's key
// ("F2/2026-11/stadhuis") is stored with its task, which is what makes it
// happen exactly once; after downtime, the latest occurrence missed is sent
// on start, marked late — one per duty and scope, never a flood.
type Cycle struct {
	bot    *bot.Bot
	duties []Duty
	clock  bot.Clock
	cal    *bot.Calendar
	loc    *time.Location
	log    zerolog.Logger
	tick   sync.Mutex // one Tick at a time
}

// NewCycle returns the cycle of duties for a bot.
func NewCycle(b *bot.Bot, duties []Duty, clock bot.Clock, log zerolog.Logger) *Cycle {
	loc := b.Org().TimeZone
	if loc == nil {
		loc = time.UTC
	}
	return &Cycle{bot: b, duties: duties, clock: clock, cal: bot.NewCalendar(b.Org()), loc: loc, log: log}
}

// Tick starts every occurrence whose time has come and that was not started
// yet: for each duty and scope, the latest planned moment up to now, if it
// lies after the cycle first ran. It returns how many occurrences started.
func (c *Cycle) Tick(ctx context.Context) (int, error) {
	c.tick.Lock()
	defer c.tick.Unlock()
	since, err := c.bot.CycleSince(ctx)
	if err != nil {
		return 0, err
	}
	now := c.clock.Now().In(c.loc)
	started := 0
	for _, d := range c.duties {
		if !d.Enabled {
			continue
		}
		at := c.Latest(d, since, now)
		if at.IsZero() {
			continue
		}
		for _, scope := range c.bot.Scopes(d.Duty) {
			ok, err := c.bot.StartOccurrence(ctx, bot.Occurrence{Duty: d.Duty, Period: bot.PeriodKey(d.Period, at), Scope: scope, At: at})
			if err != nil {
				return started, fmt.Errorf("schedules: %s: %w", d.Row, err)
			}
			if ok {
				started++
			}
		}
	}
	return started, nil
}

// Latest returns the latest moment the duty was planned after since and
// not after now, or the zero time. It looks back at most a year and a day.
func (c *Cycle) Latest(d Duty, since, now time.Time) time.Time {
	from := since
	if limit := now.AddDate(-1, 0, -1); from.Before(limit) {
		from = limit
	}
	var last time.Time
	for t := d.Schedule.Next(from); !t.IsZero() && !t.After(now); t = d.Schedule.Next(t) {
		if !d.FirstWorkingDay || c.firstWorkingDay(t) {
			last = t
		}
	}
	return last
}

// firstWorkingDay reports whether t falls on the first working day of its
// month — the month the cron spec chose, so "0 9 1-7 1,4,7,10 *" is the
// first working day of each quarter. Weekends and Dutch public holidays do
// not count.
func (c *Cycle) firstWorkingDay(t time.Time) bool {
	t = t.In(c.loc)
	first := time.Date(t.Year(), t.Month(), 1, 12, 0, 0, 0, t.Location())
	for !c.cal.IsWorkday(first) {
		first = first.AddDate(0, 0, 1)
	}
	y1, m1, d1 := first.Date()
	y2, m2, d2 := t.Date()
	return y1 == y2 && m1 == m2 && d1 == d2
}

// Run ticks once at start — catching up on what was missed while meldbot
// was down — and then at every duty's cron time, until ctx is cancelled.
// A panicking tick is recovered and logged; the cycle goes on.
func (c *Cycle) Run(ctx context.Context) error {
	logger := cronLogger{c.log}
	cr := cron.New(cron.WithParser(parser), cron.WithLocation(c.loc), cron.WithChain(cron.Recover(logger)), cron.WithLogger(logger))
	tick := func() {
		n, err := c.Tick(ctx)
		switch {
		case err != nil && ctx.Err() == nil:
			c.log.Error().Err(err).Msg("policy cycle: tick failed; the next tick catches up")
		case n > 0:
			c.log.Info().Int("started", n).Msg("policy cycle: duties sent")
		}
	}
	seen := map[string]bool{}
	for _, d := range c.duties {
		if !d.Enabled || seen[d.Spec] {
			continue
		}
		seen[d.Spec] = true
		if _, err := cr.AddFunc("CRON_TZ="+c.loc.String()+" "+d.Spec, tick); err != nil {
			return fmt.Errorf("schedules: %s: %w", d.Row, err)
		}
	}
	tick()
	cr.Start()
	<-ctx.Done()
	<-cr.Stop().Done()
	return nil
}

// cronLogger lets robfig/cron log through zerolog.
type cronLogger struct{ log zerolog.Logger }

func (l cronLogger) Info(msg string, kv ...any) {
	l.log.Debug().Fields(kv).Msg("cron: " + msg)
}

func (l cronLogger) Error(err error, msg string, kv ...any) {
	l.log.Error().Err(err).Fields(kv).Msg("cron: " + msg)
}
