package slack

import (
	"strconv"
	"strings"

	"github.com/rs/zerolog"

	"meldbot/adapters/setting"
	"meldbot/bot"
)

// Mode is how Slack delivers events to the bot.
type Mode string

// The two ways Slack delivers events.
const (
	// SocketMode: the bot opens a websocket to Slack with an app-level
	// token. Works behind a firewall without a public URL.
	SocketMode Mode = "socket"
	// HTTPMode: Slack posts to the bot's public URL; every request is
	// verified with the signing secret.
	HTTPMode Mode = "http"
)

// Config is what an Adapter is built from.
type Config struct {
	// BotToken is the bot user OAuth token (xoxb-…). Always required.
	BotToken string
	// Mode selects Socket Mode (the default) or HTTP mode.
	Mode Mode
	// AppToken is the app-level token (xapp-…, scope connections:write),
	// required in Socket Mode.
	AppToken string
	// SigningSecret verifies Slack's requests in HTTP mode, where it is
	// required.
	SigningSecret string
	// Listen is the address the HTTP server listens on in HTTP mode,
	// e.g. ":3000".
	Listen string
	// Store keeps how far meldbot has read each direct conversation
	// (bot.MarkTx), so that messages sent while it was not listening are
	// answered after a restart, and an event Slack sends again is not
	// handled twice.
	Marks bot.Bookmarks
	Log   zerolog.Logger
}

// Check reports the first missing or invalid setting of the mode (Socket
// Mode when Mode is empty) as a *setting.Error naming its field.
func (cfg Config) Check() error {
	wrong := func(field, name, value, problem, hint string) error {
		return &setting.Error{Adapter: "slack", Field: field, Name: name, Value: value, Problem: problem, Hint: hint}
	}
	switch {
	case cfg.BotToken == "":
		return wrong("BotToken", "the bot token", "", "is not set",
			"the Bot User OAuth Token (xoxb-…) from the Slack app's OAuth & Permissions page")
	case !strings.HasPrefix(cfg.BotToken, "xoxb-"):
		return wrong("BotToken", "the bot token", "", "does not hold a bot token", "it should start with xoxb- (the Bot User OAuth Token)")
	}
	switch cfg.Mode {
	case "", SocketMode:
		switch {
		case cfg.AppToken == "":
			return wrong("AppToken", "the app-level token", "", "is not set",
				"Socket Mode needs an app-level token (xapp-…) with the connections:write scope, "+
					"made on the Slack app's Basic Information page; or set {Mode}=http to receive Slack's requests over HTTP")
		case !strings.HasPrefix(cfg.AppToken, "xapp-"):
			return wrong("AppToken", "the app-level token", "", "does not hold an app-level token", "it should start with xapp-")
		}
	case HTTPMode:
		switch {
		case cfg.SigningSecret == "":
			return wrong("SigningSecret", "the signing secret", "", "is not set",
				"HTTP mode needs the Signing Secret from the Slack app's Basic Information page")
		case cfg.Listen == "":
			return wrong("Listen", "the listen address", "", "is not set", "HTTP mode needs an address to listen on, e.g. :3000")
		}
	default:
		return wrong("Mode", "the mode", "", "is "+strconv.Quote(string(cfg.Mode)), "use "+string(SocketMode)+" (the default) or "+string(HTTPMode))
	}
	return nil
}
