package mattermost

import (
	"context"
	"errors"
	"net/url"
	"strings"
	"testing"

	"meldbot/bot"
)

const sanne = "sanne.visser@voorbeeldrode.nl"

func TestADeactivatedAccountIsUndeliverable(t *testing.T) {
	f := newFakeAPI()
	f.users["sanneid"].DeleteAt = 1764252000000
	a, _ := newTestAdapter(t, f, nil)
	_, err := a.Send(context.Background(), sanne, question, bot.Delivery{})
	if !errors.Is(err, bot.ErrUndeliverable) || errors.Is(err, bot.ErrNoSuchPerson) ||
		!strings.Contains(err.Error(), sanne) || !strings.Contains(err.Error(), "deactivated") {
		t.Fatalf("Send = %v, want bot.ErrUndeliverable saying the account of the address is deactivated", err)
	}
	if n := f.count("CreateDirectChannel") + f.count("CreatePost"); n != 0 {
		t.Errorf("%d calls to open a channel or post, want none", n)
	}
	// Reactivated, the person gets the next try.
	f.users["sanneid"].DeleteAt = 0
	if _, err := a.Send(context.Background(), sanne, question, bot.Delivery{}); err != nil {
		t.Errorf("Send after the reactivation: %v", err)
	}
}

// refusal is a failure the fake answers with: status and error ID per call.
type refusal struct {
	call   string
	status int
	id     string
}

func TestMattermostRefusingThePersonIsUndeliverable(t *testing.T) {
	cases := []struct {
		name string
		fail []refusal
	}{
		{"the user no longer exists", []refusal{{"CreateDirectChannel", 400, "api.channel.create_direct_channel.invalid_user.app_error"}}},
		{"the user is not found", []refusal{{"CreateDirectChannel", 404, "app.user.missing_account.const"}}},
		{"direct messages with a remote user are off", []refusal{{"CreateDirectChannel", 403, "api.channel.create_channel.direct_channel.remote_restricted.app_error"}}},
		{"no team in common", []refusal{{"CreateDirectChannel", 403, "api.channel.create_channel.direct_channel.team_restricted_error"}}},
		{"the bot may not see the person", []refusal{
			{"CreateDirectChannel", 403, permissionErrorID}, {"GetUser", 403, permissionErrorID}}},
		{"the person is gone", []refusal{
			{"CreateDirectChannel", 403, permissionErrorID}, {"GetUser", 404, "app.user.missing_account.const"}}},
		{"the lookup by e-mail may not see the person", []refusal{{"GetUserByEmail", 403, permissionErrorID}}},
		{"the channel is archived", []refusal{{"CreatePost", 400, "api.post.create_post.can_not_post_to_deleted.error"}}},
		{"the person left the bot's teams", []refusal{{"CreatePost", 400, "api.post.create_post.can_not_post_in_restricted_dm.error"}}},
		{"posting is forbidden and the bot may not see the person", []refusal{
			{"CreatePost", 403, permissionErrorID}, {"GetUser", 403, permissionErrorID}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newFakeAPI()
			a, _ := newTestAdapter(t, f, nil)
			for _, r := range c.fail {
				f.refuse(r.call, r.status, r.id)
			}
			_, err := a.Send(context.Background(), sanne, question, bot.Delivery{})
			if !errors.Is(err, bot.ErrUndeliverable) || errors.Is(err, bot.ErrNoSuchPerson) {
				t.Fatalf("Send = %v, want bot.ErrUndeliverable", err)
			}
			if !strings.Contains(err.Error(), c.fail[0].id) {
				t.Errorf("Send = %v, want Mattermost's %s in it", err, c.fail[0].id)
			}
			if len(f.posts) != 0 {
				t.Error("something was posted")
			}
			// Put right, the next try looks the person up again and
			// gets through.
			for _, r := range c.fail {
				f.allow(r.call)
			}
			if _, err := a.Send(context.Background(), sanne, question, bot.Delivery{}); err != nil {
				t.Fatalf("Send after the cause was put right: %v", err)
			}
			if n := f.count("GetUserByEmail"); n != 2 {
				t.Errorf("looked the person up %d times, want 2", n)
			}
		})
	}
}

func TestAPersonDeactivatedSinceTheLookupIsUndeliverable(t *testing.T) {
	f := newFakeAPI()
	a, _ := newTestAdapter(t, f, nil)
	if _, err := a.userByEmail(context.Background(), sanne); err != nil {
		t.Fatal(err)
	}
	f.users["sanneid"].DeleteAt = 1764252000000
	f.refuse("CreateDirectChannel", 403, permissionErrorID)
	if _, err := a.Send(context.Background(), sanne, question, bot.Delivery{}); !errors.Is(err, bot.ErrUndeliverable) {
		t.Errorf("Send = %v, want bot.ErrUndeliverable", err)
	}
}

func TestUpdateInAClosedChannelIsUndeliverable(t *testing.T) {
	for _, id := range []string{"api.post.patch_post.can_not_update_post_in_deleted.error", "api.post.patch_post.can_not_update_post_in_restricted_dm.error"} {
		f := newFakeAPI()
		a, _ := newTestAdapter(t, f, nil)
		ref, err := a.Send(context.Background(), sanne, question, bot.Delivery{})
		if err != nil {
			t.Fatal(err)
		}
		f.refuse("PatchPost", 400, id)
		if err := a.Update(context.Background(), ref, bot.Message{Text: "x"}, bot.Delivery{}); !errors.Is(err, bot.ErrUndeliverable) || !strings.Contains(err.Error(), id) {
			t.Errorf("Update = %v, want bot.ErrUndeliverable with %s", err, id)
		}
	}
}

// Failures of the server, the network or the bot itself are not the
// person's: the outbox retries them soon.
func TestOtherFailuresAreNotUndeliverable(t *testing.T) {
	timeout := &url.Error{Op: "Post", URL: "http://mm.test/api/v4/posts", Err: context.DeadlineExceeded}
	cases := []struct {
		name string
		fail []refusal
		err  map[string]error
	}{
		{"a server error opening the channel", []refusal{{"CreateDirectChannel", 500, "app.channel.save_direct_channel.app_error"}}, nil},
		{"a gateway timeout", []refusal{{"CreateDirectChannel", 504, ""}}, nil},
		{"the server is busy", []refusal{{"CreatePost", 503, ""}}, nil},
		{"a rate limit", []refusal{{"CreatePost", 429, "api.context.rate_limit.app_error"}}, nil},
		{"the bot token is refused opening the channel", []refusal{{"CreateDirectChannel", 401, "api.context.session_expired.app_error"}}, nil},
		{"the bot token is refused posting", []refusal{{"CreatePost", 401, "api.context.session_expired.app_error"}}, nil},
		{"the bot token is refused looking up", []refusal{{"GetUserByEmail", 401, "api.context.session_expired.app_error"}}, nil},
		{"e-mail addresses are hidden from the bot", []refusal{{"GetUserByEmail", 403, "api.user.get_user_by_email.permissions.app_error"}}, nil},
		// The person is there and active: the bot lacks a permission it
		// needs for everyone.
		{"the bot may not open direct channels", []refusal{{"CreateDirectChannel", 403, permissionErrorID}}, nil},
		{"the bot may not post", []refusal{{"CreatePost", 403, permissionErrorID}}, nil},
		{"the probe fails", []refusal{{"CreateDirectChannel", 403, permissionErrorID}, {"GetUser", 500, ""}}, nil},
		{"a timeout posting", nil, map[string]error{"CreatePost": timeout}},
		{"a timeout opening the channel", nil, map[string]error{"CreateDirectChannel": timeout}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newFakeAPI()
			a, _ := newTestAdapter(t, f, nil)
			for _, r := range c.fail {
				f.refuse(r.call, r.status, r.id)
			}
			for call, err := range c.err {
				f.failErr[call] = err
			}
			_, err := a.Send(context.Background(), sanne, question, bot.Delivery{})
			if err == nil || errors.Is(err, bot.ErrUndeliverable) {
				t.Errorf("Send = %v, want an ordinary error", err)
			}
		})
	}
}

func TestABotWithoutPermissionIsToldSo(t *testing.T) {
	f := newFakeAPI()
	a, logs := newTestAdapter(t, f, nil)
	f.refuse("CreateDirectChannel", 403, permissionErrorID)
	if _, err := a.Send(context.Background(), sanne, question, bot.Delivery{}); err == nil {
		t.Fatal("Send succeeded")
	}
	if !strings.Contains(logs.String(), "permission to open direct channels") {
		t.Errorf("the log does not point at the bot's permissions:\n%s", logs.String())
	}
}

func TestAnUpdateOfAMissingPostIsNotUndeliverable(t *testing.T) {
	f := newFakeAPI()
	a, _ := newTestAdapter(t, f, nil)
	ref, err := a.Send(context.Background(), sanne, question, bot.Delivery{})
	if err != nil {
		t.Fatal(err)
	}
	delete(f.posts, string(ref))
	if err := a.Update(context.Background(), ref, bot.Message{Text: "x"}, bot.Delivery{}); err == nil || errors.Is(err, bot.ErrUndeliverable) {
		t.Errorf("Update = %v, want an ordinary error: the post is gone, not the person", err)
	}
}
