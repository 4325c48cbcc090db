package slack

import (
	"errors"
	"testing"

	"meldbot/adapters/setting"
	"meldbot/bot"
	"meldbot/bot/bottest"
)

func TestNewChecksTheSettingsOfItsMode(t *testing.T) {
	store := bottest.NewMemStore()
	for _, tt := range []struct {
		name   string
		cfg    Config
		socket bool
		ok     bool
		field  string // of the error
	}{
		{"socket mode", Config{BotToken: "xoxb-1", AppToken: "xapp-1"}, true, true, ""},
		{"http mode", Config{BotToken: "xoxb-1", Mode: HTTPMode, SigningSecret: "s", Listen: ":3000"}, false, true, ""},
		{"socket mode without app token", Config{BotToken: "xoxb-1"}, false, false, "AppToken"},
		{"user token", Config{BotToken: "xoxp-1", AppToken: "xapp-1"}, false, false, "BotToken"},
		{"http mode without secret", Config{BotToken: "xoxb-1", Mode: HTTPMode, Listen: ":3000"}, false, false, "SigningSecret"},
		{"http mode without address", Config{BotToken: "xoxb-1", Mode: HTTPMode, SigningSecret: "s"}, false, false, "Listen"},
		{"unknown mode", Config{BotToken: "xoxb-1", Mode: "rtm"}, false, false, "Mode"},
	} {
		tt.cfg.Marks = bot.BookmarksIn(store)
		a, err := New(tt.cfg)
		if (err == nil) != tt.ok {
			t.Errorf("%s: err = %v", tt.name, err)
			continue
		}
		var se *setting.Error
		if err != nil && (!errors.As(err, &se) || se.Field != tt.field) {
			t.Errorf("%s: err = %#v, want a setting.Error for %s", tt.name, err, tt.field)
		}
		if err == nil && (a.socket != nil) != tt.socket {
			t.Errorf("%s: Socket Mode client present = %v", tt.name, a.socket != nil)
		}
	}
}

func TestNewNeedsAStoreForTheReadMarks(t *testing.T) {
	if _, err := New(Config{BotToken: "xoxb-1", AppToken: "xapp-1"}); err == nil {
		t.Error("New accepted a configuration without a store")
	}
}
