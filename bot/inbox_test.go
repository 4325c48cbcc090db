package bot_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"meldbot/bot"
	"meldbot/bot/bottest"
)

// A message, a command or a click the platform delivers again — a retry, a
// catch-up after a restart, a replayed request — is handled once: the
// second delivery changes nothing and answers nothing, also after a
// restart on the same store.
func TestAnEventDeliveredTwiceIsHandledOnce(t *testing.T) {
	s := bottest.NewMemStore()
	h := bottest.New(t, bottest.WithStore(s))
	sanne := h.User("sanne")

	h.Handle(bot.Command{ID: "test/command/1", User: sanne})
	if _, err := h.Await(sanne, "Wat is er gebeurd?"); err != nil {
		t.Fatal(err)
	}
	question := h.Received()[len(h.Received())-1]
	var threat string
	for _, c := range h.Chat.Sent()[len(h.Chat.Sent())-1].Message.Choices {
		if strings.Contains(c.Label, "Bedreiging") {
			threat = c.Value
		}
	}
	if threat == "" {
		t.Fatalf("no button for a threat: %+v", question)
	}
	ref := h.Chat.Sent()[len(h.Chat.Sent())-1].Ref
	click := bot.Action{ID: "test/click/1", User: sanne, Ref: ref, Value: threat}
	h.Handle(click)

	again := bottest.New(t, bottest.WithStore(s), bottest.WithClock(h.Clock))
	before := len(again.Chat.Sent())
	again.Handle(bot.Command{ID: "test/command/1", User: sanne})
	again.Handle(click)
	if sent := again.Chat.Sent()[before:]; len(sent) != 0 {
		t.Errorf("a command and a click delivered again were answered: %+v", sent)
	}
	var c bot.Conversation
	if err := s.View(context.Background(), func(tx bot.Tx) (err error) { c, err = tx.Conversation(sanne.Key()); return err }); err != nil {
		t.Fatal(err)
	}
	if len(c.Selecting) != 1 || c.Selecting[0] != "threat" {
		t.Errorf("after the click was delivered twice the ticked choices are %q; want [threat]", c.Selecting)
	}

	// Without an identity an event is handled every time: the click ticks
	// the choice off again.
	again.Handle(bot.Action{User: sanne, Ref: ref, Value: threat})
	if err := s.View(context.Background(), func(tx bot.Tx) (err error) { c, err = tx.Conversation(sanne.Key()); return err }); err != nil {
		t.Fatal(err)
	}
	if len(c.Selecting) != 0 {
		t.Errorf("a click without an identity was not handled: ticked %q", c.Selecting)
	}
}

// The identities of handled events are forgotten after InboxKeptFor, a
// batch at a time, so the inbox does not grow for ever.
func TestTheInboxForgetsOldEvents(t *testing.T) {
	h := bottest.New(t)
	sanne := h.User("sanne")
	for i := range 3 {
		h.Handle(bot.Text{ID: "test/post/" + string(rune('a'+i)), User: sanne, Body: "hallo"})
	}
	h.Clock.Set(h.Clock.Now().Add(bot.InboxKeptFor - time.Minute))
	if n, err := h.Bot.TidyInbox(context.Background()); err != nil || n != 0 {
		t.Fatalf("TidyInbox before the time = %d, %v; want 0", n, err)
	}
	h.Clock.Set(h.Clock.Now().Add(2 * time.Minute))
	if n, err := h.Bot.TidyInbox(context.Background()); err != nil || n != 3 {
		t.Fatalf("TidyInbox after %v = %d, %v; want 3", bot.InboxKeptFor, n, err)
	}
	before := len(h.Chat.Sent())
	h.Handle(bot.Text{ID: "test/post/a", User: sanne, Body: "hallo"})
	if len(h.Chat.Sent()) == before {
		t.Error("an event forgotten by the inbox was not handled when it came again")
	}
}

// The hourly tidying of the inbox looks before it writes: while no handled
// event is old enough to forget, it costs no write transaction (and no
// sync of the data file).
func TestTidyingTheInboxWritesOnlyWhenSomethingIsDue(t *testing.T) {
	s := &countingStore{Store: bottest.NewMemStore()}
	h := bottest.New(t, bottest.WithStore(s))
	ctx := context.Background()
	before := s.updates.Load()
	if n, err := h.Bot.TidyInbox(ctx); n != 0 || err != nil || s.updates.Load() != before {
		t.Errorf("an empty inbox: TidyInbox = %d, %v with %d write(s); want none", n, err, s.updates.Load()-before)
	}
	h.Handle(bot.Text{ID: "test/post/a", User: h.User("sanne"), Body: "hallo"})
	h.Clock.Set(h.Clock.Now().Add(bot.InboxKeptFor - time.Minute))
	before = s.updates.Load()
	if n, err := h.Bot.TidyInbox(ctx); n != 0 || err != nil || s.updates.Load() != before {
		t.Errorf("nothing old enough: TidyInbox = %d, %v with %d write(s); want none", n, err, s.updates.Load()-before)
	}
	h.Clock.Set(h.Clock.Now().Add(2 * time.Minute))
	before = s.updates.Load()
	if n, err := h.Bot.TidyInbox(ctx); n != 1 || err != nil || s.updates.Load() != before+1 {
		t.Errorf("one event old enough: TidyInbox = %d, %v with %d write(s); want 1 and 1", n, err, s.updates.Load()-before)
	}
}
