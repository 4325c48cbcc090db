package attempt

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"meldbot/bot"
)

// flaky fails its first fails calls.
type flaky struct {
	fails, calls int
}

func (f *flaky) Handle(ctx context.Context, ev bot.Event) error {
	f.calls++
	if f.calls <= f.fails {
		return errors.New("store busy")
	}
	return nil
}

func (f *flaky) CommandAck(context.Context, bot.User) string { return "" }
func (f *flaky) Unidentified(context.Context) string         { return "" }
func (f *flaky) FailureNotice(_ context.Context, u bot.User) string {
	return string("niet verwerkt voor " + u.Email)
}

var ev = bot.Text{User: bot.User{Email: "sanne@example.nl"}, Body: "hallo"}

func TestAFailureThatPassesIsHandledOnALaterAttempt(t *testing.T) {
	h := &flaky{fails: 2}
	if err := Handle(context.Background(), h, ev, []time.Duration{time.Millisecond, time.Millisecond}, 0); err != nil {
		t.Fatalf("third attempt should succeed: %v", err)
	}
	if h.calls != 3 {
		t.Errorf("%d attempts, want 3", h.calls)
	}
}

func TestALastingFailureIsReturnedAfterTheLastAttempt(t *testing.T) {
	h := &flaky{fails: 10}
	if err := Handle(context.Background(), h, ev, []time.Duration{time.Millisecond, time.Millisecond}, 0); err == nil {
		t.Fatal("no error after three failed attempts")
	}
	if h.calls != 3 {
		t.Errorf("%d attempts, want 3", h.calls)
	}
}

func TestNoAttemptAfterTheContextEnds(t *testing.T) {
	h := &flaky{fails: 10}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := Handle(ctx, h, ev, []time.Duration{time.Hour}, 0); err == nil {
		t.Fatal("no error")
	}
	if h.calls != 1 {
		t.Errorf("%d attempts after the context ended, want 1", h.calls)
	}
}

func TestEachAttemptHasItsOwnTimeout(t *testing.T) {
	var deadlines []time.Time
	h := handlerFunc(func(ctx context.Context) error {
		d, ok := ctx.Deadline()
		if !ok {
			t.Fatal("an attempt without a deadline")
		}
		deadlines = append(deadlines, d)
		return errors.New("slow")
	})
	_ = Handle(context.Background(), h, ev, []time.Duration{5 * time.Millisecond}, time.Hour)
	if len(deadlines) != 2 || !deadlines[1].After(deadlines[0]) {
		t.Errorf("deadlines %v, want a later one for the second attempt", deadlines)
	}
}

type handlerFunc func(ctx context.Context) error

func (f handlerFunc) Handle(ctx context.Context, _ bot.Event) error  { return f(ctx) }
func (f handlerFunc) CommandAck(context.Context, bot.User) string    { return "" }
func (f handlerFunc) FailureNotice(context.Context, bot.User) string { return "" }
func (f handlerFunc) Unidentified(context.Context) string            { return "" }

func TestAPanicIsAFailedAttempt(t *testing.T) {
	calls := 0
	h := handlerFunc(func(ctx context.Context) error {
		calls++
		if calls == 1 {
			panic("nil map")
		}
		return nil
	})
	if err := Handle(context.Background(), h, ev, []time.Duration{time.Millisecond}, 0); err != nil {
		t.Fatalf("the second attempt should succeed: %v", err)
	}
	err := Handle(context.Background(), handlerFunc(func(context.Context) error { panic("always") }), ev, nil, 0)
	if err == nil || !strings.Contains(err.Error(), "always") || !strings.Contains(err.Error(), "attempt.go") {
		t.Errorf("err = %v, want the panic with its stack", err)
	}
}

// The person is told once, with their own notice, after the last attempt
// failed, on a context that outlives the event's; not when an attempt
// succeeds.
func TestThePersonIsToldOnlyWhenEveryAttemptFailed(t *testing.T) {
	waits := []time.Duration{time.Millisecond}
	var told []string
	tell := func(ctx context.Context, notice string) {
		if ctx.Err() != nil {
			t.Error("the notice's context is already done")
		}
		told = append(told, notice)
	}
	if err := HandleOrTell(context.Background(), &flaky{fails: 1}, ev, waits, 0, tell); err != nil || len(told) != 0 {
		t.Errorf("a failure that passed: err %v, told %q", err, told)
	}
	ctx, cancel := context.WithCancel(context.Background())
	h := &flaky{fails: 10}
	h2 := &cancelling{flaky: h, cancel: cancel}
	if err := HandleOrTell(ctx, h2, ev, waits, 0, tell); err == nil {
		t.Error("no error after every attempt failed")
	}
	if len(told) != 1 || told[0] != "niet verwerkt voor sanne@example.nl" {
		t.Errorf("told %q, want the notice for Sanne once", told)
	}
}

// cancelling ends the event's context during its attempt, as a request
// whose time ran out.
type cancelling struct {
	*flaky
	cancel context.CancelFunc
}

func (c *cancelling) Handle(ctx context.Context, ev bot.Event) error {
	c.cancel()
	return c.flaky.Handle(ctx, ev)
}
