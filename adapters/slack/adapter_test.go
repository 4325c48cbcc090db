package slack

import "testing"

func TestNewChecksTheSettingsOfItsMode(t *testing.T) {
	for _, tt := range []struct {
		name   string
		cfg    Config
		socket bool
		ok     bool
	}{
		{"socket mode", Config{BotToken: "xoxb-1", AppToken: "xapp-1"}, true, true},
		{"http mode", Config{BotToken: "xoxb-1", Mode: HTTPMode, SigningSecret: "s", Listen: ":3000"}, false, true},
		{"socket mode without app token", Config{BotToken: "xoxb-1"}, false, false},
		{"user token", Config{BotToken: "xoxp-1", AppToken: "xapp-1"}, false, false},
		{"http mode without secret", Config{BotToken: "xoxb-1", Mode: HTTPMode, Listen: ":3000"}, false, false},
		{"http mode without address", Config{BotToken: "xoxb-1", Mode: HTTPMode, SigningSecret: "s"}, false, false},
		{"unknown mode", Config{BotToken: "xoxb-1", Mode: "rtm"}, false, false},
	} {
		a, err := New(tt.cfg)
		if (err == nil) != tt.ok {
			t.Errorf("%s: err = %v", tt.name, err)
			continue
		}
		if err == nil && (a.socket != nil) != tt.socket {
			t.Errorf("%s: Socket Mode client present = %v", tt.name, a.socket != nil)
		}
	}
}
