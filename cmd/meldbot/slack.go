package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/rs/zerolog"

	"meldbot/adapters/slack"
	"meldbot/bot"
)

// The environment variables of the Slack adapter. MELDBOT_SLACK_BOT_TOKEN
// selects Slack as the platform.
const (
	envSlackBotToken      = "MELDBOT_SLACK_BOT_TOKEN"      // xoxb-…, always
	envSlackMode          = "MELDBOT_SLACK_MODE"           // socket (default) or http
	envSlackAppToken      = "MELDBOT_SLACK_APP_TOKEN"      // xapp-…, Socket Mode
	envSlackSigningSecret = "MELDBOT_SLACK_SIGNING_SECRET" // HTTP mode
	envSlackListen        = "MELDBOT_SLACK_LISTEN"         // HTTP mode, default :3000
)

const defaultSlackListen = ":3000"

// newSlackChat builds the Slack chat from the environment.
func newSlackChat(log zerolog.Logger) (bot.Chat, error) {
	cfg, err := slackConfig(os.Getenv, log)
	if err != nil {
		return nil, err
	}
	return slack.New(cfg)
}

// slackConfig reads the Slack settings through getenv. An error names the
// variable that is missing or wrong and what belongs in it.
func slackConfig(getenv func(string) string, log zerolog.Logger) (slack.Config, error) {
	cfg := slack.Config{BotToken: strings.TrimSpace(getenv(envSlackBotToken)), Log: log}
	switch {
	case cfg.BotToken == "":
		return cfg, fmt.Errorf("%s is not set: the Bot User OAuth Token (xoxb-…) from the Slack app's OAuth & Permissions page", envSlackBotToken)
	case !strings.HasPrefix(cfg.BotToken, "xoxb-"):
		return cfg, fmt.Errorf("%s does not hold a bot token: it should start with xoxb- (the Bot User OAuth Token)", envSlackBotToken)
	}
	switch mode := strings.ToLower(strings.TrimSpace(getenv(envSlackMode))); mode {
	case "", string(slack.SocketMode):
		cfg.Mode = slack.SocketMode
		cfg.AppToken = strings.TrimSpace(getenv(envSlackAppToken))
		switch {
		case cfg.AppToken == "":
			return cfg, fmt.Errorf("%s is not set: Socket Mode needs an app-level token (xapp-…) with the connections:write scope, "+
				"made on the Slack app's Basic Information page; or set %s=http to receive Slack's requests over HTTP", envSlackAppToken, envSlackMode)
		case !strings.HasPrefix(cfg.AppToken, "xapp-"):
			return cfg, fmt.Errorf("%s does not hold an app-level token: it should start with xapp-", envSlackAppToken)
		}
	case string(slack.HTTPMode):
		cfg.Mode = slack.HTTPMode
		cfg.SigningSecret = strings.TrimSpace(getenv(envSlackSigningSecret))
		if cfg.SigningSecret == "" {
			return cfg, fmt.Errorf("%s is not set: HTTP mode needs the Signing Secret from the Slack app's Basic Information page", envSlackSigningSecret)
		}
		cfg.Listen = strings.TrimSpace(getenv(envSlackListen))
		if cfg.Listen == "" {
			cfg.Listen = defaultSlackListen
		}
	default:
		return cfg, fmt.Errorf("%s is %q: use %s (the default) or %s", envSlackMode, mode, slack.SocketMode, slack.HTTPMode)
	}
	return cfg, nil
}
