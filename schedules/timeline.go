package schedules

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/rs/zerolog"

	"meldbot/bot"
)

// SetClock is a clock that can be moved forward: the console's, when it
// travels in time, and a test's.
type SetClock interface {
	bot.Clock
	// Set moves the clock to t.
	Set(t time.Time)
}

// Intervals of the running bot's periodic work; meldbot run uses the same.
const (
	// DueEvery is how often the running bot looks for due tasks.
	DueEvery = 30 * time.Second
	// TidyEvery is how often unfinished reports and handled events are
	// tidied.
	TidyEvery = time.Hour
)

// Timeline is the timed work of a running meldbot in one place — due tasks
// (reminders, escalations, check-ins), the policy cycle, the daily purge,
// tidying unfinished reports and handled events — so that it can be lived
// through faster than real time: Until moves a clock forward from moment
// to moment and does at each one what the running bot does then. The
// console's time travel uses it, and so do tests.
//
// Every job runs on the first call, as at the start of the running bot.
// After that, due tasks fire at the moment they are due, the cycle ticks at
// each duty's planned moment, and the purge and the tidying come round at
// their interval. Jobs due at the same moment run in that order: cycle,
// tasks, purge, drafts, handled events.
type Timeline struct {
	bot   *bot.Bot
	store bot.Store
	cycle *Cycle
	clock SetClock
	log   zerolog.Logger

	mu       sync.Mutex // one Until at a time
	last     time.Time  // the last moment lived through; zero before the first
	periodic []*periodic
	// cycleNext is the cycle's first planned moment after the last one.
	cycleNext time.Time
	// taskNext is when the first task is due after the last moment, as
	// far as known: it is looked up again whenever work was done.
	taskNext   time.Time
	tasksKnown bool
}

// periodic is work that comes round at an interval.
type periodic struct {
	job   string
	every time.Duration
	fire  FireFunc
	next  time.Time
}

// NewTimeline returns the timeline of a bot, its store and its policy
// cycle, on clock — the clock the bot and the cycle were made with.
func NewTimeline(b *bot.Bot, store bot.Store, cycle *Cycle, clock SetClock, log zerolog.Logger) *Timeline {
	return &Timeline{bot: b, store: store, cycle: cycle, clock: clock, log: log, periodic: []*periodic{
		{job: "retention", every: PurgeEvery, fire: purgeJob(b, log)},
		{job: "draft reports", every: TidyEvery, fire: b.TidyDrafts},
		{job: "handled events", every: TidyEvery, fire: b.TidyInbox},
	}}
}

// Settle is called after the work of each moment, with that moment: the
// console delivers the outbox there, so what a moment sent shows before the
// next moment's.
type Settle func(ctx context.Context, at time.Time) error

// Until lives through the time from now up to to as a running meldbot
// would: it moves the clock to each moment something is due, in order,
// does what is due there, and calls settle. It ends with the clock at to,
// or later when the clock runs on by itself. A job that fails is logged and
// does not hold up the others; the errors are returned together after the
// whole stretch of time was lived through.
func (tl *Timeline) Until(ctx context.Context, to time.Time, settle Settle) error {
	tl.mu.Lock()
	defer tl.mu.Unlock()
	var errs []error
	// The first moment is now. Tasks are looked for afresh: people may
	// have made some since the last moment, and what came due while the
	// clock ran on by itself is done now, late, as the running bot's poll
	// would.
	at := tl.clock.Now()
	tl.tasksKnown = false
	for ctx.Err() == nil {
		errs = append(errs, tl.moment(ctx, at, settle)...)
		next, err := tl.next(ctx, at, to)
		if err != nil {
			errs = append(errs, err)
			break
		}
		if next.IsZero() || next.After(to) {
			break
		}
		// The clock never goes back: a moment that passed while the
		// clock ran on is done late, at once, as the running bot would.
		if next.After(tl.clock.Now()) {
			tl.clock.Set(next)
		}
		at = next
	}
	if to.After(tl.clock.Now()) {
		tl.clock.Set(to)
	}
	return errors.Join(errs...)
}

// moment does what is due at at; at the very first moment, everything.
func (tl *Timeline) moment(ctx context.Context, at time.Time, settle Settle) []error {
	var errs []error
	did := false
	run := func(job string, fire FireFunc) {
		n, err := recovered(ctx, fire)
		if err != nil && ctx.Err() == nil {
			tl.log.Error().Err(err).Str("job", job).Msg("failed; will try again")
			errs = append(errs, fmt.Errorf("%s: %w", job, err))
		}
		did = did || n > 0 || err != nil
	}
	first := tl.last.IsZero()
	if tl.cycle != nil && (first || !tl.cycleNext.IsZero() && !tl.cycleNext.After(at)) {
		run("policy cycle", tl.cycle.Tick)
	}
	if did || !tl.tasksKnown || !tl.taskNext.IsZero() && !tl.taskNext.After(at) {
		run("due tasks", tl.bot.FireDue)
		tl.tasksKnown = false
	}
	for _, p := range tl.periodic {
		if first || !p.next.After(at) {
			run(p.job, p.fire)
			p.next = at.Add(p.every)
		}
	}
	if did {
		tl.tasksKnown = false // the work may have made or moved tasks
	}
	tl.last = at
	if tl.cycle != nil {
		tl.cycleNext = tl.cycle.Next(at)
	}
	if settle != nil {
		if err := settle(ctx, at); err != nil && ctx.Err() == nil {
			errs = append(errs, err)
		}
	}
	return errs
}

// next returns the first moment after at and not after to when something
// is due, or the zero time.
func (tl *Timeline) next(ctx context.Context, at, to time.Time) (time.Time, error) {
	var next time.Time
	earlier := func(t time.Time) {
		if !t.IsZero() && t.After(at) && !t.After(to) && (next.IsZero() || t.Before(next)) {
			next = t
		}
	}
	earlier(tl.cycleNext)
	for _, p := range tl.periodic {
		earlier(p.next)
	}
	if !tl.tasksKnown {
		t, err := tl.firstTaskAfter(ctx, at, to)
		if err != nil {
			return time.Time{}, err
		}
		tl.taskNext, tl.tasksKnown = t, true
	}
	earlier(tl.taskNext)
	return next, nil
}

// firstTaskAfter returns when the first task is due after at and not after
// to, or the zero time. Tasks still due at at failed to fire there; they
// are tried again at the next moment, not in a loop.
func (tl *Timeline) firstTaskAfter(ctx context.Context, at, to time.Time) (time.Time, error) {
	for limit := 64; ; limit *= 4 {
		var due []bot.Task
		if err := tl.store.View(ctx, func(tx bot.Tx) error {
			var err error
			due, err = tx.DueTasks(to, limit)
			return err
		}); err != nil {
			return time.Time{}, fmt.Errorf("due tasks: %w", err)
		}
		for _, t := range due {
			if t.Next.After(at) {
				return t.Next, nil
			}
		}
		if len(due) < limit {
			return time.Time{}, nil
		}
	}
}

// Run lives through real time: it does what is due now and then, every
// interval, what became due since, until ctx is cancelled. Time moved on
// meanwhile by Until (time travel) is taken as it is.
func (tl *Timeline) Run(ctx context.Context, every time.Duration, settle Settle) {
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		if err := tl.Until(ctx, tl.clock.Now(), settle); err != nil && ctx.Err() == nil {
			tl.log.Error().Err(err).Msg("timed work failed; will try again")
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}
