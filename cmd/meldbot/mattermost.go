package main

import (
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
	envSecretPrevious         = "MELDBOT_SECRET_PREVIOUS"
)

// defaultMattermostListen is where meldbot listens for Mattermost's slash
// commands and button clicks unless MELDBOT_MATTERMOST_LISTEN says
// otherwise: loopback, as the README recommends running meldbot next to
// Mattermost. Mattermost does not authenticate button clicks (meldbot signs
// them itself), so the listener is best reachable by Mattermost alone; with
// Mattermost on another machine, set the address of a private interface.
const defaultMattermostListen = "127.0.0.1:8066"

// newMattermost reads and checks the Mattermost settings from the
// environment, and returns what builds the chat once the data file, where
// it keeps its read marks, is open. A missing or invalid setting is an
// error that names its variable.
func newMattermost(log zerolog.Logger) (func(store bot.Store) (bot.Chat, error), error) {
	cfg, err := mattermostConfig(os.Getenv, log)
	if err != nil {
		return nil, err
	}
	return func(store bot.Store) (bot.Chat, error) {
		cfg.Marks = bot.BookmarksIn(store)
		return mattermost.New(cfg)
	}, nil
}

// mattermostConfig reads the adapter's configuration through getenv and
// checks it; an error names the variable at fault.
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

		// Set while MELDBOT_SECRET is being changed.
		PreviousSecret: []byte(getenv(envSecretPrevious)),
	}
	if cfg.Listen == "" {
		cfg.Listen = defaultMattermostListen
	}
	if err := settingError(cfg.Check(), mattermostEnv); err != nil {
		return cfg, err
	}
	if onlyHere(cfg.Listen) && !onlyHere(hostPort(cfg.CallbackURL)) {
		log.Warn().Str("listen", cfg.Listen).Str("callback_url", cfg.CallbackURL).
			Msg("mattermost: meldbot listens on this machine only, but Mattermost is told to call another address; " +
				"unless a proxy on this machine passes the calls on, set " + envMattermostListen + " to an address Mattermost reaches")
	}
	return cfg, nil
}

// onlyHere reports whether a host:port is on the loopback interface.
func onlyHere(hostport string) bool {
	host, _, err := net.SplitHostPort(hostport)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// hostPort returns the host:port of a URL, with the scheme's port when it
// names none.
func hostPort(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return ""
	}
	if u.Port() != "" {
		return u.Host
	}
	port := "80"
	if u.Scheme == "https" {
		port = "443"
	}
	return net.JoinHostPort(u.Hostname(), port)
}

// mattermostEnv names the variable of each setting of the adapter.
var mattermostEnv = map[string]string{
	"URL":           envMattermostURL,
	"Token":         envMattermostToken,
	"Teams":         envMattermostTeam,
	"Listen":        envMattermostListen,
	"CallbackURL":   envMattermostCallbackURL,
	"Secret":        envSecret,
	"CommandTokens": envMattermostCommandToken,

	"PreviousSecret": envSecretPrevious,
}

// fields splits a list of values separated by commas or spaces.
func fields(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' })
}
