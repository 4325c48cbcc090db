// Package inbox names the events the chat adapters hand the bot, so that
// the bot's inbox (bot.InboxTx) handles each once however often the
// platform delivers it, and lets an adapter ask whether an event was
// handled before, to answer and log a request sent again.
package inbox

import (
	"context"
	"strings"

	"meldbot/bot"
)

// ID returns the identity of an event: "<platform>/<workspace>/<kind>/"
// followed by parts joined with "/", e.g. "slack/T0VBR/msg/D123/1764252000.000100".
// The workspace (a Slack team, a Mattermost server's bot account) keeps
// events of different workspaces apart. When platform, workspace or a part
// is empty there is nothing to know the event by, and ID returns "".
func ID(platform, workspace, kind string, parts ...string) string {
	if platform == "" || workspace == "" || kind == "" || len(parts) == 0 {
		return ""
	}
	for _, p := range parts {
		if p == "" {
			return ""
		}
	}
	return platform + "/" + workspace + "/" + kind + "/" + strings.Join(parts, "/")
}

// Handled reports whether the bot has handled the event with identity id;
// an event without identity never was.
func Handled(ctx context.Context, marks bot.Bookmarks, id string) (bool, error) {
	if id == "" {
		return false, nil
	}
	return marks.Handled(ctx, id)
}
