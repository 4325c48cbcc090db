package slack

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rs/zerolog"
	"github.com/slack-go/slack/socketmode"

	"meldbot/bot"
	"meldbot/bot/bottest"
)

// session runs an adapter on store in Socket Mode, as one run of meldbot,
// until the returned stop is called, and waits for its connection: the
// n-th the workspace has seen.
func session(t *testing.T, w *workspace, store bot.Store, h bot.Handler, n int) (stop func()) {
	t.Helper()
	stop = run(t, w.adapter(func(d *deps) { d.marks = bot.BookmarksIn(store) }), h)
	w.sock.connected(t, n)
	return stop
}

// firstRun runs meldbot once while Sanne's first message comes in live and
// is handled, and stops it: her conversation has a read mark.
func firstRun(t *testing.T, w *workspace, store bot.Store) (eersteTS string) {
	t.Helper()
	rec := &recorder{}
	stop := session(t, w, store, rec, 1)
	eersteTS = w.typeLive(t, "1", sanne, "eerste")
	rec.waitFor(t, 1)
	stop()
	return eersteTS
}

// typeLive has a person type text while meldbot listens: it is in the
// conversation's history and comes in as an event (envelope env-<n>).
func (w *workspace) typeLive(t *testing.T, n string, m member, text string) string {
	t.Helper()
	ts := w.say(m, text)
	w.sock.send(t, eventsEnvelope("env-"+n, "Ev"+n, 0, messageEvent{User: m.ID, Channel: w.dm(m.ID), ChannelType: "im", Text: text, TS: ts}))
	w.sock.acked(t, "env-"+n)
	return ts
}

// bodies returns the bodies of the text events, in order.
func bodies(evs []bot.Event) []string {
	var out []string
	for _, ev := range evs {
		if t, ok := ev.(bot.Text); ok {
			out = append(out, t.Body)
		}
	}
	return out
}

// What Sanne typed while meldbot was down is answered when it starts again,
// in order and ahead of what she types next; the bot's own posts are not
// taken for hers, and an event Slack sends again after the restart is not
// handled twice.
func TestMessagesSentWhileMeldbotWasDownAreAnswered(t *testing.T) {
	w := newWorkspace(t, sanne, tom)
	store := bottest.NewMemStore() // one data file across the runs

	eersteTS := firstRun(t, w, store)

	w.say(sanne, "tweede")
	w.botPosted(sanne, "Herinnering") // by the outbox before meldbot stopped
	w.say(sanne, "derde")

	second := &recorder{}
	session(t, w, store, second, 2)
	// Slack sends the first message's event again: it was acknowledged
	// on a connection that is gone.
	w.sock.send(t, eventsEnvelope("env-1-again", "Ev1", 1, messageEvent{User: sanne.ID, Channel: w.dm(sanne.ID), ChannelType: "im", Text: "eerste", TS: eersteTS}))
	w.sock.acked(t, "env-1-again")
	w.typeLive(t, "4", sanne, "vierde")
	w.typeLive(t, "5", sanne, "vijfde")
	got := second.waitFor(t, 4)
	if got := bodies(got); !slices.Equal(got, []string{"tweede", "derde", "vierde", "vijfde"}) {
		t.Errorf("after the restart meldbot handled %q, want tweede, derde, vierde, vijfde", got)
	}
	if u := got[0].(bot.Text).User; u.Email != bot.Email(sanne.Email) {
		t.Errorf("the missed message is handled as %v's", u)
	}
}

// A further restart with nothing new answers nothing again, and a catch-up
// that cannot read the history is tried again before Sanne's next live
// message is handled, so nothing is lost or overtaken.
func TestACatchUpThatFailsIsTriedAgainBeforeTheNextMessage(t *testing.T) {
	w := newWorkspace(t, sanne)
	store := bottest.NewMemStore() // one data file across the runs
	firstRun(t, w, store)

	// Nothing new: the next start answers nothing. A live message waits
	// for the catch-up in Sanne's queue, so it is the first thing handled.
	again := &recorder{}
	stop := session(t, w, store, again, 2)
	w.typeLive(t, "2", sanne, "ping")
	if got := bodies(again.waitFor(t, 1)); !slices.Equal(got, []string{"ping"}) {
		t.Errorf("a restart with nothing new handled %q, want only the live ping", got)
	}
	stop()

	w.say(sanne, "tweede")
	w.failNext("conversations.history", failure{status: 500, body: "oops"})
	third := &recorder{}
	session(t, w, store, third, 3)
	if err := eventually(func() bool { return w.called("conversations.history") >= 2 }); err != nil {
		t.Fatal("the catch-up did not try")
	}
	w.typeLive(t, "3", sanne, "derde")
	third.waitFor(t, 2)
	if got := bodies(third.got()); !slices.Equal(got, []string{"tweede", "derde"}) {
		t.Errorf("handled %q, want tweede before derde", got)
	}
}

// Socket Mode catches up on its first connection, and after a connection
// was lost for longer than Slack's own retries cover; not after a short
// break, which those retries make good.
func TestCatchingUpAfterALongerBreakOnly(t *testing.T) {
	var l linkState
	start := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	steps := []struct {
		lost, made time.Duration // after start
		want       bool
	}{
		{-1, 0, true}, // the first connection
		{time.Minute, time.Minute + 10*time.Second, false},
		{time.Hour, time.Hour + 5*time.Minute, true},
	}
	for i, s := range steps {
		if s.lost >= 0 {
			l.lost(start.Add(s.lost))
			l.lost(start.Add(s.lost + time.Second)) // a second attempt keeps the first moment
		}
		if got := l.made(start.Add(s.made)); got != s.want {
			t.Errorf("step %d: catch up = %v, want %v", i, got, s.want)
		}
	}
}

// The catch-up reads a few conversations at a time, the most recently
// active first; someone whose turn has not come yet and who writes is not
// kept waiting: their conversation is caught up at once, ahead of the new
// message.
func TestSomeoneWhoWritesDuringTheCatchUpIsNotKeptWaiting(t *testing.T) {
	w := newWorkspace(t, sanne, tom, karin)
	store := bottest.NewMemStore()
	rec := &recorder{}
	stop := session(t, w, store, rec, 1)
	w.typeLive(t, "1", sanne, "eerste")
	w.typeLive(t, "2", tom, "hallo")
	w.typeLive(t, "3", karin, "hallo")
	rec.waitFor(t, 3)
	stop()

	w.say(sanne, "tweede")
	releaseTom, releaseKarin := w.holdHistory(w.dm(tom.ID)), w.holdHistory(w.dm(karin.ID))
	later := &recorder{}
	session(t, w, store, later, 2)
	if err := eventually(func() bool { return w.called("conversations.history") >= 2 }); err != nil {
		t.Fatal("the catch-up did not start with Tom's and Karin's conversations")
	}
	w.typeLive(t, "4", sanne, "derde")
	if got := bodies(later.waitFor(t, 2)); !slices.Equal(got, []string{"tweede", "derde"}) {
		t.Errorf("while the catch-up reads other conversations, Sanne's messages were handled as %q", got)
	}
	releaseTom()
	releaseKarin()
	if err := eventually(func() bool { return w.called("conversations.history") >= 3 }); err != nil {
		t.Fatal("the catch-up did not go on")
	}
}

// In HTTP mode meldbot catches up when it starts, too: the read marks are
// the workspace's and the bot's, whichever way Slack's requests arrive.
func TestHTTPModeCatchesUpWhenItStarts(t *testing.T) {
	w := newWorkspace(t, sanne)
	store := bottest.NewMemStore() // one data file across the runs
	firstRun(t, w, store)

	w.say(sanne, "tweede")
	later := &recorder{}
	httpBot(t, w, later, func(d *deps) { d.marks = bot.BookmarksIn(store) })
	if got := bodies(later.waitFor(t, 1)); !slices.Equal(got, []string{"tweede"}) {
		t.Errorf("HTTP mode handled %q after starting, want tweede", got)
	}
}

// A missed message the bot cannot handle, even after trying again, gets
// the failure notice, and the catch-up goes on with the next one.
func TestACatchUpGoesOnPastAMessageThatCannotBeHandled(t *testing.T) {
	w := newWorkspace(t, sanne)
	store := bottest.NewMemStore()
	firstRun(t, w, store)
	w.say(sanne, "tweede")
	w.say(sanne, "derde")

	rec := &recorder{fails: 3} // every attempt at tweede
	session(t, w, store, rec, 2)
	if got := bodies(rec.waitFor(t, 1)); !slices.Equal(got, []string{"derde"}) {
		t.Errorf("handled %q, want derde after tweede failed", got)
	}
	var told []string
	for _, m := range w.posted() {
		told = append(told, m.Text)
	}
	if len(told) != 1 || !strings.Contains(told[0], "Door een storing") {
		t.Errorf("Sanne was told %q, want the failure notice once", told)
	}
}

// A catch-up reads on past a first page of history, and afterwards starts
// after everything it read: meldbot's own posts are not read again at the
// next start.
func TestACatchUpReadsEveryPageAndThenStartsAfterThem(t *testing.T) {
	w := newWorkspace(t, sanne)
	store := bottest.NewMemStore()
	firstRun(t, w, store)
	w.say(sanne, "tweede")
	var last string
	for i := range historyPage + 20 { // the reminders meldbot sent meanwhile
		last = w.botPosted(sanne, fmt.Sprint("herinnering ", i))
	}
	rec := &recorder{}
	stop := session(t, w, store, rec, 2)
	if got := bodies(rec.waitFor(t, 1)); !slices.Equal(got, []string{"tweede"}) {
		t.Errorf("handled %q, want tweede from the second page", got)
	}
	mark := func() string {
		var v string
		_ = store.View(context.Background(), func(tx bot.Tx) (err error) { v, err = tx.Mark("slack/T0VBR/UBOT/dm/" + w.dm(sanne.ID)); return err })
		return v
	}
	if err := eventually(func() bool { m, _ := parseReadMark(mark()); return m.cursor == last }); err != nil {
		t.Errorf("read mark %q, want its cursor at the last post read, %s", mark(), last)
	}
	stop()
}

// Over Socket Mode the catch-up follows the connection: on the first, not
// after a short break (Slack's retries cover it), again after a long one.
func TestSocketModeCatchesUpAfterALongBreak(t *testing.T) {
	w := newWorkspace(t, sanne)
	store := bottest.NewMemStore()
	firstRun(t, w, store)
	var clock atomic.Int64
	clock.Store(time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC).UnixNano())
	logs := &bottest.Buffer{}
	a := w.adapter(func(d *deps) {
		d.marks = bot.BookmarksIn(store)
		d.now = func() time.Time { return time.Unix(0, clock.Load()) }
		d.log = zerolog.New(logs)
	})
	a.marks = newReadMarks(bot.BookmarksIn(store), "T0VBR", botUserID)
	defer func() { a.stopCatchUp(); a.work.Wait() }()
	ctx, h := context.Background(), &recorder{}
	// catchUp says so before it returns.
	started := func() int { return strings.Count(logs.String(), "slack: catching up on direct messages") }
	a.socketEvent(ctx, h, socketmode.Event{Type: socketmode.EventTypeConnected})
	if started() != 1 {
		t.Fatalf("the first connection started %d catch-ups, want 1", started())
	}
	if err := eventually(func() bool { return w.called("conversations.history") == 1 }); err != nil {
		t.Fatal("the first catch-up read no history")
	}
	want := 1
	for _, step := range []struct {
		down    time.Duration
		catchUp bool
	}{{time.Minute, false}, {10 * time.Minute, true}, {3 * time.Minute, false}} {
		a.socketEvent(ctx, h, socketmode.Event{Type: socketmode.EventTypeConnecting})
		clock.Add(int64(step.down))
		a.socketEvent(ctx, h, socketmode.Event{Type: socketmode.EventTypeConnected})
		if step.catchUp {
			want++
		}
		if got := started(); got != want {
			t.Errorf("after a break of %v: %d catch-ups in all, want %d", step.down, got, want)
		}
	}
	if err := eventually(func() bool { return w.called("conversations.history") == 2 }); err != nil {
		t.Errorf("the catch-up after the long break read no history (%d reads)", w.called("conversations.history"))
	}
}

// A live message never waits while the catch-up waits out a rate limit:
// Sanne's new message is answered at once, and what she typed while
// meldbot was down follows when Slack lets the history be read.
func TestALiveMessageDoesNotWaitForARateLimitedCatchUp(t *testing.T) {
	w := newWorkspace(t, sanne)
	store := bottest.NewMemStore()
	firstRun(t, w, store)
	w.say(sanne, "tweede")

	limited := failure{status: 429, retryAfter: "30", body: `{"ok":false,"error":"ratelimited"}`}
	w.failNext("conversations.history", limited)
	w.failNext("conversations.history", limited)
	release := make(chan struct{})
	var waiting atomic.Int32
	rec := &recorder{}
	stop := run(t, w.adapter(func(d *deps) {
		d.marks = bot.BookmarksIn(store)
		d.sleep = func(ctx context.Context, _ time.Duration) error { // Slack's 30 seconds, until the test says
			waiting.Add(1)
			select {
			case <-release:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		}
	}), rec)
	defer stop()
	w.sock.connected(t, 2)
	if err := eventually(func() bool { return waiting.Load() == 1 }); err != nil {
		t.Fatal("the catch-up did not meet the rate limit")
	}
	w.typeLive(t, "3", sanne, "derde")
	if got := bodies(rec.waitFor(t, 1)); !slices.Equal(got, []string{"derde"}) {
		t.Fatalf("while the catch-up waits out a rate limit, meldbot handled %q; want the live message at once", got)
	}
	close(release)
	if got := bodies(rec.waitFor(t, 2)); !slices.Equal(got, []string{"derde", "tweede"}) {
		t.Errorf("after the rate limit meldbot handled %q; want the missed message too, once", got)
	}
}
