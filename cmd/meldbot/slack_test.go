package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rs/zerolog"

	"meldbot/adapters/slack"
)

func TestSlackConfigFromTheEnvironment(t *testing.T) {
	for _, tt := range []struct {
		name    string
		env     map[string]string
		want    slack.Config // compared without Log
		wantErr string
	}{
		{"socket mode by default",
			map[string]string{envSlackBotToken: "xoxb-1", envSlackAppToken: "xapp-1"},
			slack.Config{BotToken: "xoxb-1", Mode: slack.SocketMode, AppToken: "xapp-1"}, ""},
		{"http mode on the default port",
			map[string]string{envSlackBotToken: "xoxb-1", envSlackMode: "HTTP", envSlackSigningSecret: "s3cr3t"},
			slack.Config{BotToken: "xoxb-1", Mode: slack.HTTPMode, SigningSecret: "s3cr3t", Listen: ":3000"}, ""},
		{"http mode on a chosen address",
			map[string]string{envSlackBotToken: "xoxb-1", envSlackMode: "http", envSlackSigningSecret: "s3cr3t", envSlackListen: "127.0.0.1:8080"},
			slack.Config{BotToken: "xoxb-1", Mode: slack.HTTPMode, SigningSecret: "s3cr3t", Listen: "127.0.0.1:8080"}, ""},
		{"no bot token", map[string]string{envSlackAppToken: "xapp-1"}, slack.Config{}, "MELDBOT_SLACK_BOT_TOKEN is not set"},
		{"app token as bot token", map[string]string{envSlackBotToken: "xapp-1"}, slack.Config{}, "MELDBOT_SLACK_BOT_TOKEN does not hold a bot token"},
		{"socket mode without app token", map[string]string{envSlackBotToken: "xoxb-1"}, slack.Config{}, "MELDBOT_SLACK_APP_TOKEN is not set"},
		{"bot token as app token", map[string]string{envSlackBotToken: "xoxb-1", envSlackAppToken: "xoxb-1"}, slack.Config{}, "MELDBOT_SLACK_APP_TOKEN does not hold an app-level token"},
		{"http mode without signing secret", map[string]string{envSlackBotToken: "xoxb-1", envSlackMode: "http"}, slack.Config{}, "MELDBOT_SLACK_SIGNING_SECRET is not set"},
		{"unknown mode", map[string]string{envSlackBotToken: "xoxb-1", envSlackMode: "rtm"}, slack.Config{}, `MELDBOT_SLACK_MODE is "rtm"`},
	} {
		got, err := slackConfig(func(k string) string { return tt.env[k] }, zerolog.Nop())
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("%s: err = %v, want %q", tt.name, err, tt.wantErr)
			}
			continue
		}
		got.Log = zerolog.Logger{}
		if err != nil || fmt.Sprintf("%+v", got) != fmt.Sprintf("%+v", tt.want) {
			t.Errorf("%s: got %+v, %v; want %+v", tt.name, got, err, tt.want)
		}
	}
}

// With a Slack bot token in the environment meldbot starts on Slack, and a
// missing setting stops it with a message naming the variable.
func TestRunOnSlackNamesAMissingSetting(t *testing.T) {
	t.Setenv("MELDBOT_MATTERMOST_URL", "")
	t.Setenv(envSlackBotToken, "xoxb-1")
	t.Setenv(envSlackMode, "")
	t.Setenv(envSlackAppToken, "")
	useSample(t)
	var stderr bytes.Buffer
	data := filepath.Join(t.TempDir(), "meldbot.db")
	code := run([]string{"run", "--data", data}, strings.NewReader(""), &bytes.Buffer{}, &stderr)
	if code == 0 || !strings.Contains(stderr.String(), "MELDBOT_SLACK_APP_TOKEN is not set") {
		t.Errorf("exit %d, stderr:\n%s", code, stderr.String())
	}
	if _, err := os.Stat(data); err == nil {
		t.Error("a data file was created before the settings were checked")
	}

	// On a chat server, the sample organisation is never used.
	t.Setenv(envSlackAppToken, "xapp-1")
	t.Setenv("MELDBOT_CONFIG", "")
	t.Chdir(t.TempDir())
	stderr.Reset()
	if code := run([]string{"run", "--data", data}, strings.NewReader(""), &bytes.Buffer{}, &stderr); code != 2 || !strings.Contains(stderr.String(), "no organisation file") {
		t.Errorf("Slack without an organisation file: exit %d, stderr:\n%s", code, stderr.String())
	}
}
