package slack

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"meldbot/bot"
)

// slackError is Slack's answer to a call it refuses: HTTP 200, ok false.
func slackError(code string) failure {
	return failure{status: 200, body: `{"ok":false,"error":"` + code + `"}`}
}

func TestSlackRefusingToOpenTheConversationIsUndeliverable(t *testing.T) {
	for _, code := range []string{"user_not_found", "user_disabled", "user_not_visible", "cannot_dm_bot", "channel_not_found"} {
		t.Run(code, func(t *testing.T) {
			w := newWorkspace(t, sanne)
			a := w.adapter()
			ctx := context.Background()
			w.failNext("conversations.open", slackError(code))
			_, err := a.Send(ctx, bot.Email(sanne.Email), bot.Message{Text: "Hallo"}, bot.Delivery{})
			if !errors.Is(err, bot.ErrUndeliverable) || !strings.Contains(err.Error(), code) {
				t.Fatalf("Send = %v, want bot.ErrUndeliverable with Slack's %s", err, code)
			}
			if errors.Is(err, bot.ErrNoSuchPerson) {
				t.Errorf("Send = %v: the address is known, the account is refused", err)
			}
			if len(w.posted()) != 0 {
				t.Error("something was posted")
			}
			// The next try looks the person up again: the address may
			// belong to a new account by then.
			if _, err := a.Send(ctx, bot.Email(sanne.Email), bot.Message{Text: "Hallo"}, bot.Delivery{}); err != nil {
				t.Fatal(err)
			}
			if n := w.called("users.lookupByEmail"); n != 2 {
				t.Errorf("users.lookupByEmail called %d times, want 2", n)
			}
		})
	}
}

func TestAConversationGoneOrArchivedIsUndeliverable(t *testing.T) {
	for _, code := range []string{"channel_not_found", "is_archived"} {
		t.Run(code, func(t *testing.T) {
			w := newWorkspace(t, sanne)
			a := w.adapter()
			ctx := context.Background()
			r, err := a.Send(ctx, bot.Email(sanne.Email), bot.Message{Text: "Eerste"}, bot.Delivery{})
			if err != nil {
				t.Fatal(err)
			}
			w.failNext("chat.postMessage", slackError(code))
			if _, err := a.Send(ctx, bot.Email(sanne.Email), bot.Message{Text: "Tweede"}, bot.Delivery{}); !errors.Is(err, bot.ErrUndeliverable) || !strings.Contains(err.Error(), code) {
				t.Errorf("Send = %v, want bot.ErrUndeliverable with Slack's %s", err, code)
			}
			// The conversation is opened afresh on the next try.
			if _, err := a.Send(ctx, bot.Email(sanne.Email), bot.Message{Text: "Tweede"}, bot.Delivery{}); err != nil {
				t.Fatal(err)
			}
			if n := w.called("conversations.open"); n != 2 {
				t.Errorf("conversations.open called %d times, want 2", n)
			}
			w.failNext("chat.update", slackError(code))
			if err := a.Update(ctx, r, bot.Message{Text: "Eerste ✓"}, bot.Delivery{}); !errors.Is(err, bot.ErrUndeliverable) || !strings.Contains(err.Error(), code) {
				t.Errorf("Update = %v, want bot.ErrUndeliverable with Slack's %s", err, code)
			}
		})
	}
}

// Failures of the bot, the message or the network are not the person's:
// the outbox retries them soon.
func TestOtherFailuresAreNotUndeliverable(t *testing.T) {
	cases := []struct {
		name, method string
		f            failure
	}{
		// Slack documents it as the bot's token being for a deleted
		// user or workspace.
		{"the bot's account is inactive", "conversations.open", slackError("account_inactive")},
		{"the app's Messages tab is off", "chat.postMessage", slackError("messages_tab_disabled")},
		{"a server error opening the conversation", "conversations.open", failure{status: 500, body: "oops"}},
		{"a server error posting", "chat.postMessage", failure{status: 503, body: "unavailable"}},
		{"Slack's internal error", "chat.postMessage", slackError("internal_error")},
		{"a message too long", "chat.postMessage", slackError("msg_too_long")},
		{"invalid blocks", "chat.postMessage", slackError("invalid_blocks")},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := newWorkspace(t, sanne)
			w.failNext(c.method, c.f)
			_, err := w.adapter().Send(context.Background(), bot.Email(sanne.Email), bot.Message{Text: "Hallo"}, bot.Delivery{})
			if err == nil || errors.Is(err, bot.ErrUndeliverable) {
				t.Errorf("Send = %v, want an ordinary error", err)
			}
		})
	}
}

func TestARefusedMessageContentIsNamedSo(t *testing.T) {
	w := newWorkspace(t, sanne)
	w.failNext("chat.postMessage", slackError("msg_too_long"))
	_, err := w.adapter().Send(context.Background(), bot.Email(sanne.Email), bot.Message{Text: "Hallo"}, bot.Delivery{})
	if err == nil || !strings.Contains(err.Error(), "content, not the person") || !strings.Contains(err.Error(), "msg_too_long") {
		t.Errorf("Send = %v, want it to say the content is refused, with Slack's code", err)
	}
}

func TestATimeoutIsNotUndeliverable(t *testing.T) {
	w := newWorkspace(t, sanne)
	stalled := make(chan struct{})
	t.Cleanup(func() { close(stalled) })
	w.failNext("conversations.open", failure{status: 200, body: `{"ok":true,"channel":{"id":"D001"}}`,
		then: func() { <-stalled }}) // answers only when the test ends
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	_, err := w.adapter().Send(ctx, bot.Email(sanne.Email), bot.Message{Text: "Hallo"}, bot.Delivery{})
	if !errors.Is(err, context.DeadlineExceeded) || errors.Is(err, bot.ErrUndeliverable) {
		t.Errorf("Send = %v, want the deadline and no refusal", err)
	}
	if n := w.called("conversations.open"); n != 1 {
		t.Errorf("conversations.open called %d times, want the one that stalled", n)
	}
}
