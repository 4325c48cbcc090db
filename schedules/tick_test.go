package schedules_test

import (
	"context"
	"errors"
	"testing"

	"github.com/robfig/cron/v3"
	"github.com/rs/zerolog"

	"meldbot/bot"
	"meldbot/bot/bottest"
	"meldbot/bot/register"
	"meldbot/schedules"
)

// One duty whose occurrence cannot be stored does not hold up the others:
// they are sent in the same tick, the error is reported, and the next tick
// sends the one that failed.
func TestAFailingDutyDoesNotHoldUpTheOthers(t *testing.T) {
	failing := &faultyStore{Store: bottest.NewMemStore()}
	h := bottest.New(t, bottest.WithStore(failing))
	duties, err := schedules.Load(h.Org, "x")
	if err != nil {
		t.Fatal(err)
	}
	c := schedules.NewCycle(h.Bot, duties, h.Clock, zerolog.Nop())
	if _, err := c.Tick(context.Background()); err != nil {
		t.Fatal(err)
	}
	h.Clock.Set(at(2026, 12, 1, 9, 0))
	failing.failNext() // the first alarm test cannot be stored
	n, err := c.Tick(context.Background())
	if err == nil {
		t.Fatal("the tick hid the failure")
	}
	if n != 2 {
		t.Errorf("%d alarm tests started next to the failing one, want the other 2", n)
	}
	if n, err := c.Tick(context.Background()); err != nil || n != 1 {
		t.Errorf("the next tick started %d (%v), want the one that failed", n, err)
	}
	h.Flush()
	if got := messages(h.Received(), "linda", "*Alarmtest*"); len(got) != 3 {
		t.Errorf("%d alarm tests delivered, want 3:\n%s", len(got), bottest.FormatDeliveries(got))
	}
}

// faultyStore is a store whose writes fail when the test says so.
type faultyStore struct {
	bot.Store
	fail func() bool // asked before each write; nil: every write works
}

// crashAfter makes every write after n more fail, as in a process that
// dies.
func (f *faultyStore) crashAfter(n int) {
	f.fail = func() bool {
		if n == 0 {
			return true
		}
		n--
		return false
	}
}

// failNext makes the next write fail, once.
func (f *faultyStore) failNext() {
	f.fail = func() bool {
		f.fail = nil
		return true
	}
}

func (f *faultyStore) Update(ctx context.Context, fn func(bot.Tx) error) error {
	if f.fail != nil && f.fail() {
		return errors.New("disk full")
	}
	return f.Store.Update(ctx, fn)
}

// A moment belongs to the period of the organisation's calendar, whatever
// zone the cycle's start was stored in: a duty at half past midnight on New
// Year's Day is one of the new year.
func TestPeriodsFollowTheOrganisationsTimeZone(t *testing.T) {
	h := bottest.New(t)
	c := schedules.NewCycle(h.Bot, nil, h.Clock, zerolog.Nop())
	sched, err := cron.ParseStandard("CRON_TZ=Europe/Amsterdam 30 0 1 1 *")
	if err != nil {
		t.Fatal(err)
	}
	d := schedules.Duty{Schedule: sched, Period: "year"}
	since := at(2026, 12, 1, 9, 0).UTC() // as a data file gives it back
	got := c.Latest(d, since, at(2027, 1, 1, 1, 0))
	if want := at(2027, 1, 1, 0, 30); !got.Equal(want) {
		t.Fatalf("Latest = %v, want %v", got, want)
	}
	if key := register.PeriodKey(d.Period, got); key != "2027" {
		t.Errorf("New Year's duty is of period %q, want 2027", key)
	}
}
