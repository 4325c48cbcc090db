package mattermost

import (
	"net"
	"net/url"

	"github.com/rs/zerolog"

	"meldbot/adapters/setting"
	"meldbot/bot"
)

// Config is what an Adapter needs. Every field but PreviousSecret and
// CommandTokens is required; Check checks the settings, New also the Store.
type Config struct {
	// URL is the Mattermost server, e.g. https://chat.example.nl.
	URL string
	// Token is the bot account's access token.
	Token string
	// Teams are the names (or IDs) of the teams to register /incident on.
	Teams []string
	// Listen is the address of meldbot's HTTP listener, e.g. 127.0.0.1:8066.
	Listen string
	// CallbackURL is how Mattermost reaches that listener, e.g.
	// http://meldbot.internal:8066; the slash command and the buttons call
	// paths below it.
	CallbackURL string
	// Secret signs the context of buttons, so a forged click is rejected.
	// At least 16 bytes. It must stay the same across restarts: the
	// buttons of messages already posted are signed with it.
	Secret []byte
	// PreviousSecret, optional, is the secret before Secret was changed:
	// buttons it signed still count, so that the secret can be changed
	// without breaking the buttons already posted. Drop it once those no
	// longer matter.
	PreviousSecret []byte
	// CommandTokens are the tokens of /incident commands an administrator
	// created by hand, for when the bot may not create them itself.
	CommandTokens []string
	// Store keeps how far meldbot has read each direct channel (its marks,
	// bot.MarkTx), so that messages sent while meldbot was down are answered
	// after a restart.
	Marks bot.Bookmarks
	Log   zerolog.Logger
}

// minSecret is the shortest Secret accepted, in bytes.
const minSecret = 16

// Check reports the first missing or invalid setting as a *setting.Error
// naming its field.
func (cfg Config) Check() error {
	wrong := func(field, name, value, problem, hint string) error {
		return &setting.Error{Adapter: "mattermost", Field: field, Name: name, Value: value, Problem: problem, Hint: hint}
	}
	switch {
	case cfg.URL == "":
		return wrong("URL", "the server URL", "", "is not set", "the address of the Mattermost server, e.g. https://chat.example.nl")
	case !isHTTPURL(cfg.URL):
		return wrong("URL", "the server URL", cfg.URL, "is not an http(s) URL", "")
	case cfg.Token == "":
		return wrong("Token", "the bot token", "", "is not set", "create a bot account in Mattermost and set its access token")
	case len(cfg.Teams) == 0:
		return wrong("Teams", "the team list", "", "is not set", "name the team(s) to register /incident on")
	case cfg.CallbackURL == "":
		return wrong("CallbackURL", "the callback URL", "", "is not set",
			"the address at which Mattermost reaches meldbot's listener, e.g. http://meldbot.internal:8066")
	case !isHTTPURL(cfg.CallbackURL):
		return wrong("CallbackURL", "the callback URL", cfg.CallbackURL, "is not an http(s) URL", "")
	case len(cfg.Secret) == 0:
		return wrong("Secret", "the secret", "", "is not set", "a random secret of at least 16 characters that signs button clicks")
	case len(cfg.Secret) < minSecret:
		return wrong("Secret", "the secret", "", "is too short", "use at least 16 characters")
	case len(cfg.PreviousSecret) > 0 && len(cfg.PreviousSecret) < minSecret:
		return wrong("PreviousSecret", "the previous secret", "", "is too short", "it must be the secret meldbot used before, of at least 16 characters")
	case len(cfg.PreviousSecret) > 0 && string(cfg.PreviousSecret) == string(cfg.Secret):
		return wrong("PreviousSecret", "the previous secret", "", "is the same as the secret", "set it to the secret meldbot used before, or leave it empty")
	case cfg.Listen == "":
		return wrong("Listen", "the listen address", "", "is not set", "the host:port meldbot listens on for Mattermost's requests, e.g. :8066")
	}
	if _, _, err := net.SplitHostPort(cfg.Listen); err != nil {
		return wrong("Listen", "the listen address", cfg.Listen, "is not a host:port address", err.Error())
	}
	return nil
}

func isHTTPURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}
