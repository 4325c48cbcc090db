package main

import (
	"bytes"
	"cmp"
	"strings"
	"testing"

	"github.com/rs/zerolog"
)

func TestMattermostSettingsNameTheVariableAtFault(t *testing.T) {
	good := map[string]string{
		"MELDBOT_MATTERMOST_URL":          "https://chat.voorbeeldrode.nl",
		"MELDBOT_MATTERMOST_TOKEN":        "bottoken",
		"MELDBOT_MATTERMOST_TEAM":         "gemeente, wijkteams",
		"MELDBOT_MATTERMOST_CALLBACK_URL": "http://meldbot.intern:8066",
		"MELDBOT_SECRET":                  "een-lang-geheim-van-32-tekens!!!",
	}
	var logs bytes.Buffer
	cfg, err := mattermostConfig(func(k string) string { return good[k] }, zerolog.New(&logs))
	if err != nil {
		t.Fatalf("good settings: %v", err)
	}
	if len(cfg.Teams) != 2 || cfg.Teams[1] != "wijkteams" || cfg.Listen != "127.0.0.1:8066" {
		t.Errorf("teams %q, listen %q", cfg.Teams, cfg.Listen)
	}
	// Listening on loopback while Mattermost is told another address is
	// worth a warning: it works only behind a proxy on this machine.
	if !strings.Contains(logs.String(), "set MELDBOT_MATTERMOST_LISTEN to an address Mattermost reaches") {
		t.Errorf("no warning about the callback URL Mattermost cannot reach:\n%s", logs.String())
	}
	logs.Reset()
	here := map[string]string{"MELDBOT_MATTERMOST_CALLBACK_URL": "http://127.0.0.1:8066"}
	if _, err := mattermostConfig(func(k string) string { return cmp.Or(here[k], good[k]) }, zerolog.New(&logs)); err != nil || logs.Len() > 0 {
		t.Errorf("meldbot next to Mattermost: %v, logs %s", err, logs.String())
	}
	good["MELDBOT_SECRET_PREVIOUS"] = "het-geheim-van-voor-de-wissel"
	if cfg, err := mattermostConfig(func(k string) string { return good[k] }, zerolog.Nop()); err != nil || string(cfg.PreviousSecret) != "het-geheim-van-voor-de-wissel" {
		t.Errorf("the previous secret: %q, %v", cfg.PreviousSecret, err)
	}
	for _, tc := range []struct{ key, value, want string }{
		{"MELDBOT_MATTERMOST_URL", "", "MELDBOT_MATTERMOST_URL is not set"},
		{"MELDBOT_MATTERMOST_URL", "chat.voorbeeldrode.nl", "MELDBOT_MATTERMOST_URL=\"chat.voorbeeldrode.nl\" is not an http(s) URL"},
		{"MELDBOT_MATTERMOST_TOKEN", "", "MELDBOT_MATTERMOST_TOKEN is not set"},
		{"MELDBOT_MATTERMOST_TEAM", " , ", "MELDBOT_MATTERMOST_TEAM is not set"},
		{"MELDBOT_MATTERMOST_CALLBACK_URL", "", "MELDBOT_MATTERMOST_CALLBACK_URL is not set"},
		{"MELDBOT_MATTERMOST_CALLBACK_URL", "ftp://x", "MELDBOT_MATTERMOST_CALLBACK_URL=\"ftp://x\" is not an http(s) URL"},
		{"MELDBOT_SECRET", "", "MELDBOT_SECRET is not set"},
		{"MELDBOT_SECRET", "kort", "MELDBOT_SECRET is too short"},
		{"MELDBOT_SECRET_PREVIOUS", "kort", "MELDBOT_SECRET_PREVIOUS is too short"},
		{"MELDBOT_SECRET_PREVIOUS", "een-lang-geheim-van-32-tekens!!!", "MELDBOT_SECRET_PREVIOUS is the same as the secret"},
		{"MELDBOT_MATTERMOST_LISTEN", "8066", "MELDBOT_MATTERMOST_LISTEN=\"8066\" is not a host:port address"},
	} {
		env := map[string]string{}
		for k, v := range good {
			env[k] = v
		}
		env[tc.key] = tc.value
		_, err := mattermostConfig(func(k string) string { return env[k] }, zerolog.Nop())
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s=%q: error %v, want %q", tc.key, tc.value, err, tc.want)
		}
	}
}
