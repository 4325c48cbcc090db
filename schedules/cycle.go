package schedules

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/robfig/cron/v3"
	"github.com/rs/zerolog"

	"meldbot/bot"
	"meldbot/bot/calendar"
	"meldbot/bot/policy"
	"meldbot/bot/register"
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
	cal    *calendar.Calendar
	loc    *time.Location
	log    zerolog.Logger
	plan   earliest   // every duty's schedule together
	tick   sync.Mutex // one Tick at a time
	since  time.Time  // when the cycle first ran; read once, it never changes
	// started, when set, is told of each occurrence Tick starts and
	// whether it is late (see OnStarted).
	started func(late bool)
}

// OnStarted sets what is told of each occurrence the cycle starts, and
// whether it started late (more than bot.LateAfter after its moment, as
// after downtime), e.g. to count them. Set it before Run.
func (c *Cycle) OnStarted(f func(late bool)) { c.started = f }

// NewCycle returns the cycle of duties for a bot.
func NewCycle(b *bot.Bot, duties []Duty, clock bot.Clock, log zerolog.Logger) *Cycle {
	loc := b.Org().Zone()
	var plan earliest
	for _, d := range duties {
		plan = append(plan, d.Schedule)
	}
	return &Cycle{bot: b, duties: duties, clock: clock, cal: b.Calendar(), loc: loc, log: log, plan: plan}
}

// Next returns the first moment after t at which any duty is planned, or
// the zero time when none ever is. Tick at that moment starts what is due.
func (c *Cycle) Next(t time.Time) time.Time { return c.plan.Next(t) }

// Tick starts every occurrence whose time has come and that was not started
// yet: for each duty and scope, the latest planned moment up to now, if it
// lies after the cycle first ran. It returns how many occurrences started.
// A duty that fails does not hold up the others: their occurrences still
// start, and the errors are returned together.
func (c *Cycle) Tick(ctx context.Context) (int, error) {
	c.tick.Lock()
	defer c.tick.Unlock()
	if c.since.IsZero() {
		since, err := c.bot.CycleSince(ctx)
		if err != nil {
			return 0, err
		}
		c.since = since
	}
	now := c.clock.Now().In(c.loc)
	started := 0
	var errs []error
	for _, d := range c.duties {
		at := c.Latest(d, c.since, now)
		if at.IsZero() {
			continue
		}
		for _, scope := range c.bot.Scopes(d.Duty) {
			ok, err := c.bot.StartOccurrence(ctx, policy.Occurrence{Duty: d.Duty, Period: register.PeriodKey(d.Period, at), Scope: scope, At: at})
			if err != nil {
				errs = append(errs, fmt.Errorf("schedules: %s %s: %w", d.Row, scope, err))
				continue
			}
			if ok {
				started++
				if c.started != nil {
					c.started(c.clock.Now().Sub(at) > bot.LateAfter)
				}
			}
		}
	}
	return started, errors.Join(errs...)
}

// Latest returns the latest moment the duty was planned after since and
// not after now, or the zero time, in the organisation's time zone — the
// zone that decides which period a moment falls in. It looks back at most
// a year and a day.
func (c *Cycle) Latest(d Duty, since, now time.Time) time.Time {
	from := since.In(c.loc)
	if limit := now.AddDate(-1, 0, -1); from.Before(limit) {
		from = limit
	}
	var last time.Time
	for t := d.Schedule.Next(from); !t.IsZero() && !t.After(now); t = d.Schedule.Next(t) {
		if !d.FirstWorkingDay || c.firstWorkingDay(t) {
			last = t
		}
	}
	return last.In(c.loc)
}

// firstWorkingDay reports whether t falls on the first working day of its
// month — the month the cron spec chose, so "0 9 1-7 1,4,7,10 *" is the
// first working day of each quarter. Days the organisation's working
// calendar closes (weekends, holidays, its own closed days) do not count.
func (c *Cycle) firstWorkingDay(t time.Time) bool {
	y1, m1, d1 := c.cal.FirstWorkingDay(t).Date()
	y2, m2, d2 := t.In(c.loc).Date()
	return y1 == y2 && m1 == m2 && d1 == d2
}

// Run ticks once at start — catching up on what was missed while meldbot
// was down — and then at every duty's cron time, until ctx is cancelled.
// A failed tick, a panicking one too, is logged and tried again after
// RetryAfter, so a period's last moment is not missed for a passing error;
// the cycle goes on.
func (c *Cycle) Run(ctx context.Context) {
	logger := cronLogger{c.log}
	cr := cron.New(cron.WithLocation(c.loc), cron.WithLogger(logger))
	failed := make(chan struct{}, 1)
	tick := func() {
		n, err := recovered(ctx, c.Tick)
		switch {
		case err != nil && ctx.Err() == nil:
			c.log.Error().Err(err).Dur("retry_after", RetryAfter).Msg("policy cycle: tick failed")
			select {
			case failed <- struct{}{}:
			default:
			}
		case n > 0:
			c.log.Info().Int("started", n).Msg("policy cycle: duties sent")
		}
	}
	cr.Schedule(c.plan, cron.FuncJob(tick))
	tick()
	cr.Start()
	defer func() { <-cr.Stop().Done() }()
	for {
		select {
		case <-ctx.Done():
			return
		case <-failed:
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(RetryAfter):
			tick()
		}
	}
}

// RetryAfter is how long Run waits before it tries a failed tick again.
var RetryAfter = time.Minute

// earliest is the schedule of all duties together: it fires at the first
// moment any of them does, so duties that share a moment share one tick.
type earliest []cron.Schedule

// Next returns the soonest next moment of any schedule, or the zero time
// when none has one.
func (e earliest) Next(t time.Time) time.Time {
	var next time.Time
	for _, s := range e {
		if n := s.Next(t); !n.IsZero() && (next.IsZero() || n.Before(next)) {
			next = n
		}
	}
	return next
}

// cronLogger lets robfig/cron log through zerolog.
type cronLogger struct{ log zerolog.Logger }

func (l cronLogger) Info(msg string, kv ...any) {
	l.log.Debug().Fields(kv).Msg("cron: " + msg)
}

func (l cronLogger) Error(err error, msg string, kv ...any) {
	l.log.Error().Err(err).Fields(kv).Msg("cron: " + msg)
}
