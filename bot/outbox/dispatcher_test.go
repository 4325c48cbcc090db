package outbox_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"meldbot/bot"
	"meldbot/bot/bottest"
	"meldbot/bot/outbox"
)

func enqueue(t *testing.T, s bot.Store, out ...bot.Outgoing) {
	t.Helper()
	if err := s.Update(context.Background(), func(tx bot.Tx) error {
		for _, o := range out {
			if _, err := tx.Enqueue(o); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
}

// A platform outage delays messages, never drops them, and never lets a
// later message to the same person overtake an earlier one.
func TestDispatcherRetriesInOrder(t *testing.T) {
	h := bottest.New(t)
	down := map[string]bool{"a@x.nl": true}
	h.Chat.Fail = func(to string, m bot.Message) error {
		if down[to] {
			return errors.New("503 service unavailable")
		}
		return nil
	}
	enqueue(t, h.Store,
		bot.Outgoing{To: "a@x.nl", Message: bot.Message{Text: "a1"}},
		bot.Outgoing{To: "b@x.nl", Message: bot.Message{Text: "b1"}},
		bot.Outgoing{To: "a@x.nl", Message: bot.Message{Text: "a2"}},
	)
	ctx := context.Background()
	if err := h.Outbox.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	if got := texts(h.Chat.Take()); got != "b1" {
		t.Fatalf("delivered %q, want only b1", got)
	}
	left := bottest.Pending(t, h.Store)
	if len(left) != 2 || left[0].Attempts != 1 || left[0].LastError != "503 service unavailable" ||
		!left[0].NotBefore.Equal(bottest.Friday.Add(time.Second)) || left[1].Attempts != 0 {
		t.Fatalf("pending = %+v", left)
	}
	// Still down a second later: the delay doubles.
	h.Clock.Advance(time.Second)
	_ = h.Outbox.Flush(ctx)
	if left = bottest.Pending(t, h.Store); left[0].Attempts != 2 || !left[0].NotBefore.Equal(bottest.Friday.Add(3*time.Second)) {
		t.Fatalf("second attempt: %+v", left[0])
	}
	// Not due yet: nothing is tried.
	_ = h.Outbox.Flush(ctx)
	if left = bottest.Pending(t, h.Store); left[0].Attempts != 2 {
		t.Fatalf("tried before it was due: %+v", left[0])
	}
	down["a@x.nl"] = false
	h.Clock.Advance(2 * time.Second)
	_ = h.Outbox.Flush(ctx)
	if got := texts(h.Chat.Take()); got != "a1,a2" {
		t.Errorf("after recovery delivered %q, want a1,a2", got)
	}
	if left = bottest.Pending(t, h.Store); len(left) != 0 {
		t.Errorf("outbox not empty: %+v", left)
	}
}

func TestDispatcherGivesUpOnUpdatesOnly(t *testing.T) {
	h := bottest.New(t)
	h.Chat.Fail = func(string, bot.Message) error { return errors.New("post deleted") }
	enqueue(t, h.Store, bot.Outgoing{Ref: "gone", Message: bot.Message{Text: "update"}},
		bot.Outgoing{To: "a@x.nl", Message: bot.Message{Text: "important"}})
	for range 10 {
		_ = h.Outbox.Flush(context.Background())
		h.Clock.Advance(10 * time.Minute)
	}
	left := bottest.Pending(t, h.Store)
	if len(left) != 1 || left[0].Message.Text != "important" || left[0].Attempts != 10 {
		t.Errorf("pending = %+v; want only the message, tried 10 times", left)
	}
}

func TestDispatcherRunDeliversWhenWoken(t *testing.T) {
	h := bottest.New(t)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- h.Outbox.Run(ctx) }()
	enqueue(t, h.Store, bot.Outgoing{To: "a@x.nl", Message: bot.Message{Text: "hallo"}})
	h.Outbox.Wake()
	bottest.WaitUntil(t, "the woken dispatcher delivered", func() bool { return len(h.Chat.Sent()) > 0 })
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if got := texts(h.Chat.Sent()); got != "hallo" {
		t.Errorf("delivered %q", got)
	}
}

func texts(sent []bottest.Sent) string {
	var s string
	for i, m := range sent {
		if i > 0 {
			s += ","
		}
		s += m.Message.Text
	}
	return s
}

// blockingChat holds back every message to one recipient until released.
type blockingChat struct {
	bottest.Chat
	slow    string
	release chan struct{}
}

func (c *blockingChat) Send(ctx context.Context, to bot.Email, m bot.Message, d bot.Delivery) (bot.Ref, error) {
	if to == bot.Email(c.slow) {
		<-c.release
	}
	return c.Chat.Send(ctx, to, m, d)
}

// With parallel lanes, a recipient whose delivery hangs (a long rate-limit
// wait, say) does not hold up the others; their own order is kept.
func TestDispatcherLanesDoNotWaitForEachOther(t *testing.T) {
	h := bottest.New(t)
	chat := &blockingChat{slow: "a@x.nl", release: make(chan struct{})}
	d := outbox.New(h.Store, chat, h.Clock, zerolog.Nop())
	d.Parallel(4)
	enqueue(t, h.Store,
		bot.Outgoing{To: "a@x.nl", Message: bot.Message{Text: "a1"}},
		bot.Outgoing{To: "b@x.nl", Message: bot.Message{Text: "b1"}},
		bot.Outgoing{To: "a@x.nl", Message: bot.Message{Text: "a2"}},
		bot.Outgoing{To: "b@x.nl", Message: bot.Message{Text: "b2"}},
	)
	done := make(chan error)
	go func() { done <- d.Flush(context.Background()) }()
	bottest.WaitUntil(t, "b1,b2 are delivered while a@x.nl hangs", func() bool { return texts(chat.Sent()) == "b1,b2" })
	close(chat.release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if got := texts(chat.Sent()); got != "b1,b2,a1,a2" {
		t.Errorf("delivered %q", got)
	}
}

// Someone the chat platform does not know is tried hourly, the coordinator
// is told once, and after a week the message is given up.
func TestDispatcherUnknownRecipient(t *testing.T) {
	h := bottest.New(t)
	h.Chat.Fail = func(to string, m bot.Message) error {
		if to == "vertrokken@voorbeeldrode.nl" {
			return fmt.Errorf("lookup: %w", bot.ErrNoSuchPerson)
		}
		return nil
	}
	enqueue(t, h.Store, bot.Outgoing{To: "vertrokken@voorbeeldrode.nl", Message: bot.Message{Text: "taak"}, Created: bottest.Friday})
	h.Flush()
	h.Expect(t, "karin", "Ik kan vertrokken@voorbeeldrode.nl niet bereiken")
	if left := bottest.Pending(t, h.Store); len(left) != 1 || !left[0].NotBefore.Equal(bottest.Friday.Add(time.Hour)) {
		t.Fatalf("pending = %+v", left)
	}
	h.Clock.Advance(time.Hour)
	h.Fire() // delivers what is due, with fresh Received
	h.Quiet(t, "karin", "niet bereiken")
	h.Clock.Advance(8 * 24 * time.Hour)
	h.Fire()
	if left := bottest.Pending(t, h.Store); len(left) != 0 {
		t.Errorf("after a week still pending: %+v", left)
	}
}

// An update the platform refuses for good (the conversation was archived)
// is given up at once; nobody is told of an unreachable person, since an
// update names none.
func TestDispatcherGivesUpARefusedUpdate(t *testing.T) {
	h := bottest.New(t)
	enqueue(t, h.Store, bot.Outgoing{To: "sanne.visser@voorbeeldrode.nl", Message: bot.Message{Text: "vraag"}, Created: bottest.Friday})
	_ = h.Outbox.Flush(context.Background())
	ref := h.Chat.Sent()[0].Ref
	h.Chat.Fail = func(string, bot.Message) error { return fmt.Errorf("is_archived: %w", bot.ErrUndeliverable) }
	enqueue(t, h.Store, bot.Outgoing{Ref: ref, Message: bot.Message{Text: "update"}, Created: bottest.Friday})
	h.Flush()
	if left := bottest.Pending(t, h.Store); len(left) != 0 {
		t.Errorf("pending = %+v; want the refused update given up", left)
	}
	h.Chat.Fail = nil
	h.Flush()
	for _, d := range h.Received() {
		if strings.Contains(d.Text, "niet bereiken") {
			t.Errorf("%s was told of an unreachable person: %q", d.To, d.Text)
		}
	}
}

// Any refusal for good, not only an unknown address, is treated alike: the
// coordinator is told, the message waits an hour instead of minutes (and
// holds back later messages to that person meanwhile), and after a week it
// is given up.
func TestDispatcherRefusedRecipient(t *testing.T) {
	if !errors.Is(bot.ErrNoSuchPerson, bot.ErrUndeliverable) {
		t.Fatal("ErrNoSuchPerson is not an ErrUndeliverable")
	}
	h := bottest.New(t)
	tries := 0
	h.Chat.Fail = func(to string, m bot.Message) error {
		if to == "sanne.visser@voorbeeldrode.nl" {
			tries++
			return fmt.Errorf("account deactivated: %w", bot.ErrUndeliverable)
		}
		return nil
	}
	enqueue(t, h.Store,
		bot.Outgoing{To: "sanne.visser@voorbeeldrode.nl", Message: bot.Message{Text: "een"}, Created: bottest.Friday},
		bot.Outgoing{To: "sanne.visser@voorbeeldrode.nl", Message: bot.Message{Text: "twee"}, Created: bottest.Friday})
	h.Flush()
	h.Expect(t, "karin", "Ik kan sanne.visser@voorbeeldrode.nl niet bereiken")
	left := bottest.Pending(t, h.Store)
	if len(left) != 2 || !left[0].NotBefore.Equal(bottest.Friday.Add(time.Hour)) || left[1].Attempts != 0 {
		t.Fatalf("pending = %+v; want the first retried in an hour, the second waiting behind it", left)
	}
	for range 11 {
		h.Clock.Advance(5 * time.Minute)
		h.Flush()
	}
	if tries != 1 {
		t.Errorf("tried %d times within the hour, want once", tries)
	}
	h.Clock.Advance(8 * 24 * time.Hour)
	h.Flush()
	if left := bottest.Pending(t, h.Store); len(left) != 0 {
		t.Errorf("after a week still pending: %+v", left)
	}
}

// While the dispatcher runs, the coordinators' notice of an unreachable
// person goes out at once, not with the refused message's retry an hour
// later.
func TestDispatcherRunSendsTheUnreachableNoticeAtOnce(t *testing.T) {
	h := bottest.New(t)
	h.Chat.Fail = func(to string, m bot.Message) error {
		if to == "vertrokken@voorbeeldrode.nl" {
			return fmt.Errorf("lookup: %w", bot.ErrNoSuchPerson)
		}
		return nil
	}
	sent := func(to, part string) bool {
		for _, s := range h.Chat.Sent() {
			if s.To == bot.Email(to) && strings.Contains(s.Message.Text, part) {
				return true
			}
		}
		return false
	}
	told := func() bool { return sent("karin.devries@voorbeeldrode.nl", "niet bereiken") }
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- h.Outbox.Run(ctx) }()
	// A first message makes sure the dispatcher has used up its wake-ups
	// and waits.
	enqueue(t, h.Store, bot.Outgoing{To: "a@x.nl", Message: bot.Message{Text: "hallo"}, Created: bottest.Friday})
	h.Outbox.Wake()
	bottest.WaitUntil(t, "the first message is delivered", func() bool { return sent("a@x.nl", "hallo") })
	enqueue(t, h.Store, bot.Outgoing{To: "vertrokken@voorbeeldrode.nl", Message: bot.Message{Text: "taak"}, Created: bottest.Friday})
	h.Outbox.Wake()
	bottest.WaitUntil(t, "the coordinator is told while the dispatcher runs", told)
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

// keyChat records what the dispatcher tells of every attempt.
type keyChat struct {
	bottest.Chat
	tries map[string][]bot.Delivery // text → its attempts
	fail  bool
}

func (c *keyChat) Send(ctx context.Context, to bot.Email, m bot.Message, d bot.Delivery) (bot.Ref, error) {
	c.tries[m.Text] = append(c.tries[m.Text], d)
	if c.fail {
		return "", errors.New("503")
	}
	return c.Chat.Send(ctx, to, m, d)
}

// Every attempt at one message carries the same delivery key, so a platform
// can tell a repeat from a new message; two messages, even identical ones,
// carry different keys. A first attempt is marked as such; a retry, and a
// message left by an earlier run, may already have been posted.
func TestDeliveryKeyIsStablePerMessage(t *testing.T) {
	h := bottest.New(t)
	chat := &keyChat{tries: map[string][]bot.Delivery{}, fail: true}
	d := outbox.New(h.Store, chat, h.Clock, zerolog.Nop())
	enqueue(t, h.Store, bot.Outgoing{To: "a@x.nl", Message: bot.Message{Text: "hallo"}, Created: h.Clock.Now()})
	ctx := context.Background()
	_ = d.Flush(ctx)
	chat.fail = false
	h.Clock.Advance(time.Minute)
	enqueue(t, h.Store, bot.Outgoing{To: "b@x.nl", Message: bot.Message{Text: "hallo"}, Created: h.Clock.Now()})
	_ = d.Flush(ctx)
	tries := chat.tries["hallo"]
	if len(tries) != 3 || tries[0].Key == "" || tries[0].Key != tries[1].Key || tries[2].Key == tries[0].Key {
		t.Fatalf("attempts: %+v; want the first two with one key (a retry) and the third with another", tries)
	}
	if tries[0].Again || !tries[1].Again || tries[2].Again {
		t.Errorf("attempts: %+v; want only the retry marked as possibly posted before", tries)
	}
	if !tries[0].Queued.Equal(h.Clock.Now().Add(-time.Minute)) {
		t.Errorf("queued at %v", tries[0].Queued)
	}

	// A message the previous run queued, and may have posted just before
	// it stopped, is marked on its first attempt after the restart.
	enqueue(t, h.Store, bot.Outgoing{To: "c@x.nl", Message: bot.Message{Text: "na de herstart"}, Created: h.Clock.Now()})
	h.Clock.Advance(time.Second)
	_ = outbox.New(h.Store, chat, h.Clock, zerolog.Nop()).Flush(ctx)
	if tries := chat.tries["na de herstart"]; len(tries) != 1 || !tries[0].Again {
		t.Errorf("attempts after the restart: %+v", tries)
	}
}

// Many messages to one unknown address tell the coordinator once, also
// when meldbot restarts in between; a first failure that looked passing
// does not keep the coordinator from hearing of it.
func TestDispatcherTellsOfAnUnknownAddressOnce(t *testing.T) {
	h := bottest.New(t)
	busy := true
	h.Chat.Fail = func(to string, m bot.Message) error {
		switch {
		case to != "vertrokken@voorbeeldrode.nl":
			return nil
		case busy:
			busy = false
			return errors.New("429 too many requests")
		}
		return fmt.Errorf("lookup: %w", bot.ErrNoSuchPerson)
	}
	for i := range 5 {
		enqueue(t, h.Store, bot.Outgoing{To: "vertrokken@voorbeeldrode.nl", Message: bot.Message{Text: fmt.Sprint("taak ", i)}, Created: bottest.Friday})
	}
	h.Fire()
	h.Clock.Advance(time.Minute)
	h.Fire()
	h.Expect(t, "karin", "Ik kan vertrokken@voorbeeldrode.nl niet bereiken")
	// A restart: a new dispatcher on the same store.
	h.Outbox = outbox.New(h.Store, h.Chat, h.Clock, zerolog.Nop())
	h.Outbox.OnUnreachable(h.Bot.Unreachable)
	for range 48 {
		h.Clock.Advance(time.Hour)
		h.Fire()
	}
	var told int
	for _, s := range h.Chat.Sent() {
		if s.To == "karin.devries@voorbeeldrode.nl" && strings.Contains(s.Message.Text, "niet bereiken") {
			told++
		}
	}
	if told != 1 {
		t.Errorf("the coordinator was told %d times, want once", told)
	}
}

// An update that failed holds back later updates of the same message, so
// an older version never lands on top of a newer one.
func TestDispatcherKeepsUpdatesOfAMessageInOrder(t *testing.T) {
	h := bottest.New(t)
	ref, _ := h.Chat.Send(context.Background(), "a@x.nl", bot.Message{Text: "v0"}, bot.Delivery{})
	failed := false
	h.Chat.Fail = func(to string, m bot.Message) error {
		if m.Text == "v1" && !failed {
			failed = true
			return errors.New("502")
		}
		return nil
	}
	enqueue(t, h.Store, bot.Outgoing{Ref: ref, Message: bot.Message{Text: "v1"}}, bot.Outgoing{Ref: ref, Message: bot.Message{Text: "v2"}})
	_ = h.Outbox.Flush(context.Background())
	h.Clock.Advance(time.Minute)
	_ = h.Outbox.Flush(context.Background())
	var last string
	for _, s := range h.Chat.Sent() {
		if s.Ref == ref {
			last = s.Message.Text
		}
	}
	if last != "v2" {
		t.Errorf("the message shows %q, want the newest version v2", last)
	}
}

// cancellingChat delivers, and cancels the dispatcher's context while the
// platform accepts the message, as a shutdown can.
type cancellingChat struct {
	bottest.Chat
	cancel context.CancelFunc
}

func (c *cancellingChat) Send(ctx context.Context, to bot.Email, m bot.Message, d bot.Delivery) (bot.Ref, error) {
	ref, err := c.Chat.Send(ctx, to, m, d)
	c.cancel()
	return ref, err
}

// A message the platform accepted is recorded as delivered even when the
// shutdown begins during the send, so it is not sent again after the
// restart.
func TestDispatcherRecordsADeliveryCutShortByShutdown(t *testing.T) {
	h := bottest.New(t)
	ctx, cancel := context.WithCancel(context.Background())
	chat := &cancellingChat{cancel: cancel}
	enqueue(t, h.Store, bot.Outgoing{To: "a@x.nl", Message: bot.Message{Text: "hallo"}, Tag: "task:t1", Created: bottest.Friday})
	_ = outbox.New(h.Store, chat, h.Clock, zerolog.Nop()).Flush(ctx)
	if left := bottest.Pending(t, h.Store); len(left) != 0 {
		t.Errorf("after the shutdown the outbox still holds %+v", left)
	}
	_ = h.Store.View(context.Background(), func(tx bot.Tx) error {
		if refs, err := tx.SentRefs("task:t1"); err != nil || len(refs) != 1 || refs[0].To != "a@x.nl" {
			t.Errorf("sent refs = %+v, %v; want the delivered message", refs, err)
		}
		return nil
	})
	// After the restart nothing is sent again.
	chat.cancel = func() {}
	if err := outbox.New(h.Store, chat, h.Clock, zerolog.Nop()).Flush(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := texts(chat.Sent()); got != "hallo" {
		t.Errorf("delivered %q, want hallo once", got)
	}
}

// An update waits out an outage as a message does: after a minute of
// failures the buttons of an answered question are still replaced once the
// platform is back, not left live.
func TestDispatcherRetriesAnUpdateThroughAnOutage(t *testing.T) {
	h := bottest.New(t)
	enqueue(t, h.Store, bot.Outgoing{To: "sanne.visser@voorbeeldrode.nl", Message: bot.Message{Text: "vraag"}, Created: bottest.Friday})
	_ = h.Outbox.Flush(context.Background())
	ref := h.Chat.Sent()[0].Ref
	h.Chat.Fail = func(string, bot.Message) error { return errors.New("502 bad gateway") }
	enqueue(t, h.Store, bot.Outgoing{Ref: ref, Message: bot.Message{Text: "beantwoord"}, Created: bottest.Friday})
	for range 12 { // a minute of failures, retried with back-off
		h.Clock.Advance(5 * time.Second)
		_ = h.Outbox.Flush(context.Background())
	}
	if left := bottest.Pending(t, h.Store); len(left) != 1 || left[0].Attempts < 6 {
		t.Fatalf("after a minute of failures: pending = %+v; want the update still waiting", left)
	}
	h.Chat.Fail = nil
	h.Clock.Advance(time.Minute)
	_ = h.Outbox.Flush(context.Background())
	if left := bottest.Pending(t, h.Store); len(left) != 0 {
		t.Errorf("the platform is back, yet the update waits: %+v", left)
	}
	if got := texts(h.Chat.Take()); !strings.Contains(got, "beantwoord") {
		t.Errorf("delivered %q, want the update", got)
	}
}

// heldStore holds every change made through it while hold is set, as a
// slow disk holds a commit; changes made to the store underneath go
// through.
type heldStore struct {
	bot.Store
	hold chan struct{} // closed to let the held changes go on
	held chan struct{} // receives one value per change that waits
}

func (s *heldStore) Update(ctx context.Context, fn func(bot.Tx) error) error {
	s.held <- struct{}{}
	<-s.hold
	return s.Store.Update(ctx, fn)
}

// A message goes to the platform as soon as it is queued: it waits neither
// for the commit that records an earlier delivery, to someone else or to
// the same person, nor for any other.
func TestDeliveryDoesNotWaitForTheRecordOfAnother(t *testing.T) {
	h := bottest.New(t)
	store := &heldStore{Store: h.Store, hold: make(chan struct{}), held: make(chan struct{}, 10)}
	d := outbox.New(store, h.Chat, h.Clock, zerolog.Nop())
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- d.Run(ctx) }()
	enqueue(t, h.Store, bot.Outgoing{To: "a@x.nl", Message: bot.Message{Text: "a1"}, Created: bottest.Friday})
	d.Wake()
	<-store.held // the record of a1 waits for the disk
	enqueue(t, h.Store, bot.Outgoing{To: "b@x.nl", Message: bot.Message{Text: "b1"}, Created: bottest.Friday},
		bot.Outgoing{To: "a@x.nl", Message: bot.Message{Text: "a2"}, Created: bottest.Friday})
	d.Wake()
	bottest.WaitUntil(t, "b1 and a2 are delivered while the record of a1 waits", func() bool { return texts(h.Chat.Sent()) == "a1,b1,a2" })
	close(store.hold)
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if left := bottest.Pending(t, h.Store); len(left) != 0 {
		t.Errorf("after the disk caught up, the outbox holds %+v", left)
	}
}

// failingStore refuses every change, as a full disk does.
type failingStore struct{ bot.Store }

func (failingStore) Update(context.Context, func(bot.Tx) error) error {
	return errors.New("no space left on device")
}

// When a failed delivery cannot be recorded, the running dispatcher says
// so in its log: nobody else hears of the failing store.
func TestDispatcherRunLogsAnAttemptItCannotRecord(t *testing.T) {
	h := bottest.New(t)
	h.Chat.Fail = func(string, bot.Message) error { return errors.New("503 service unavailable") }
	enqueue(t, h.Store, bot.Outgoing{To: "a@x.nl", Message: bot.Message{Text: "a1"}, Created: bottest.Friday})
	var logs bottest.Buffer
	d := outbox.New(failingStore{h.Store}, h.Chat, h.Clock, zerolog.New(&logs))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- d.Run(ctx) }()
	bottest.WaitUntil(t, "the failing store is logged", func() bool {
		return strings.Contains(logs.String(), "no space left on device")
	})
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}
