package main

import (
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

// newSlack reads and checks the Slack settings from the environment, and
// returns what builds the chat once the data file, where it keeps its read
// marks, is open. A missing or invalid setting is an error that names its
// variable.
func newSlack(log zerolog.Logger) (func(store bot.Store) (bot.Chat, error), error) {
	cfg, err := slackConfig(os.Getenv, log)
	if err != nil {
		return nil, err
	}
	return func(store bot.Store) (bot.Chat, error) {
		cfg.Marks = bot.BookmarksIn(store)
		return slack.New(cfg)
	}, nil
}

// slackConfig reads the Slack settings of the chosen mode through getenv
// and checks them. An error names the variable that is missing or wrong and
// what belongs in it.
func slackConfig(getenv func(string) string, log zerolog.Logger) (slack.Config, error) {
	cfg := slack.Config{
		BotToken: strings.TrimSpace(getenv(envSlackBotToken)),
		Mode:     slack.Mode(strings.ToLower(strings.TrimSpace(getenv(envSlackMode)))),
		Log:      log,
	}
	switch cfg.Mode {
	case "", slack.SocketMode:
		cfg.Mode = slack.SocketMode
		cfg.AppToken = strings.TrimSpace(getenv(envSlackAppToken))
	case slack.HTTPMode:
		cfg.SigningSecret = strings.TrimSpace(getenv(envSlackSigningSecret))
		cfg.Listen = strings.TrimSpace(getenv(envSlackListen))
		if cfg.Listen == "" {
			cfg.Listen = defaultSlackListen
		}
	}
	return cfg, settingError(cfg.Check(), slackEnv)
}

// slackEnv names the variable of each setting of the adapter.
var slackEnv = map[string]string{
	"BotToken":      envSlackBotToken,
	"Mode":          envSlackMode,
	"AppToken":      envSlackAppToken,
	"SigningSecret": envSlackSigningSecret,
	"Listen":        envSlackListen,
}
