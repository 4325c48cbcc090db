package main

import (
	"fmt"
	"net"
	"net/url"
	"os"
	"strings"

	"github.com/rs/zerolog"

	"meldbot/adapters/mattermost"
	"meldbot/bot"
)

// Environment variables of the Mattermost platform.
const (
	envMattermostURL          = "MELDBOT_MATTERMOST_URL"
	envMattermostToken        = "MELDBOT_MATTERMOST_TOKEN"
	envMattermostTeam         = "MELDBOT_MATTERMOST_TEAM"
	envMattermostListen       = "MELDBOT_MATTERMOST_LISTEN"
	envMattermostCallbackURL  = "MELDBOT_MATTERMOST_CALLBACK_URL"
	envMattermostCommandToken = "MELDBOT_MATTERMOST_COMMAND_TOKEN"
	envSecret                 = "MELDBOT_SECRET"
)

// defaultMattermostListen is where meldbot listens for Mattermost's slash
// commands and button clicks unless MELDBOT_MATTERMOST_LISTEN says otherwise.
const defaultMattermostListen = ":8066"

// newMattermost builds the Mattermost chat from the environment. A missing
// or invalid setting is an error that names its variable.
func newMattermost(log zerolog.Logger) (bot.Chat, error) {
	cfg, err := mattermostConfig(os.Getenv, log)
	if err != nil {
		return nil, err
	}
	a, err := mattermost.New(cfg)
	if err != nil {
		return nil, err
	}
	return a, nil
}

// mattermostConfig reads the adapter's configuration through getenv.
func mattermostConfig(getenv func(string) string, log zerolog.Logger) (mattermost.Config, error) {
	cfg := mattermost.Config{
		URL:           strings.TrimSpace(getenv(envMattermostURL)),
		Token:         strings.TrimSpace(getenv(envMattermostToken)),
		Teams:         fields(getenv(envMattermostTeam)),
		Listen:        strings.TrimSpace(getenv(envMattermostListen)),
		CallbackURL:   strings.TrimSpace(getenv(envMattermostCallbackURL)),
		Secret:        []byte(getenv(envSecret)),
		CommandTokens: fields(getenv(envMattermostCommandToken)),
		Log:           log,
	}
	if cfg.Listen == "" {
		cfg.Listen = defaultMattermostListen
	}
	switch {
	case cfg.URL == "":
		return cfg, fmt.Errorf("%s is not set: the address of the Mattermost server, e.g. https://chat.example.nl", envMattermostURL)
	case !isHTTPURL(cfg.URL):
		return cfg, fmt.Errorf("%s=%q is not an http(s) URL", envMattermostURL, cfg.URL)
	case cfg.Token == "":
		return cfg, fmt.Errorf("%s is not set: create a bot account in Mattermost and set its access token", envMattermostToken)
	case len(cfg.Teams) == 0:
		return cfg, fmt.Errorf("%s is not set: name the team(s) to register /incident on", envMattermostTeam)
	case cfg.CallbackURL == "":
		return cfg, fmt.Errorf("%s is not set: the address at which Mattermost reaches meldbot's listener, e.g. http://meldbot.internal:8066", envMattermostCallbackURL)
	case !isHTTPURL(cfg.CallbackURL):
		return cfg, fmt.Errorf("%s=%q is not an http(s) URL", envMattermostCallbackURL, cfg.CallbackURL)
	case len(cfg.Secret) == 0:
		return cfg, fmt.Errorf("%s is not set: a random secret of at least 16 characters that signs button clicks", envSecret)
	case len(cfg.Secret) < 16:
		return cfg, fmt.Errorf("%s is too short: use at least 16 characters", envSecret)
	}
	if _, _, err := net.SplitHostPort(cfg.Listen); err != nil {
		return cfg, fmt.Errorf("%s=%q is not a host:port address: %w", envMattermostListen, cfg.Listen, err)
	}
	return cfg, nil
}

func isHTTPURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// fields splits a list of values separated by commas or spaces.
func fields(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' })
}
