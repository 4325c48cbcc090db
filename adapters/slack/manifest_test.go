package slack

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/slack-go/slack"
	"go.yaml.in/yaml/v3"
)

// The manifests in deploy/ create an app this adapter can serve: the
// command, direct messages people can type in, the events and the scopes
// the adapter's calls need.
func TestManifestsCreateAWorkingApp(t *testing.T) {
	for _, tt := range []struct {
		file   string
		socket bool
	}{
		{"../../deploy/slack-manifest.yaml", true},
		{"../../deploy/slack-manifest-http.yaml", false},
	} {
		data, err := os.ReadFile(tt.file)
		if err != nil {
			t.Fatal(err)
		}
		var m slack.Manifest
		if err := yaml.Unmarshal(data, &m); err != nil {
			t.Fatalf("%s: %v", tt.file, err)
		}
		problem := func(format string, args ...any) { t.Errorf(tt.file+": "+format, args...) }

		if len(m.Features.SlashCommands) != 1 || m.Features.SlashCommands[0].Command != "/incident" || !m.Features.SlashCommands[0].ShouldEscape {
			problem("want one command /incident with should_escape (mentions as user IDs), got %+v", m.Features.SlashCommands)
		}
		home := m.Features.AppHome
		if !home.MessagesTabEnabled || home.MessagesTabReadOnlyEnabled {
			problem("people cannot type in the bot's messages tab: %+v", home)
		}
		if m.Features.BotUser.DisplayName == "" {
			problem("no bot user")
		}
		want := []string{"chat:write", "commands", "files:write", "im:history", "im:write", "users:read", "users:read.email"}
		got := slices.Sorted(slices.Values(m.OAuthConfig.Scopes.Bot))
		if !slices.Equal(got, want) {
			problem("bot scopes %q, want %q", got, want)
		}
		if m.Settings.EventSubscriptions == nil || !slices.Equal(m.Settings.EventSubscriptions.BotEvents, []string{"message.im"}) {
			problem("want the message.im bot event, got %+v", m.Settings.EventSubscriptions)
		}
		if m.Settings.Interactivity == nil || !m.Settings.Interactivity.IsEnabled {
			problem("interactivity (buttons) is off")
		}
		if m.Settings.SocketModeEnabled != tt.socket {
			problem("socket_mode_enabled = %v", m.Settings.SocketModeEnabled)
		}
		if !tt.socket {
			for what, u := range map[string]string{
				"slash command": m.Features.SlashCommands[0].Url,
				"events":        m.Settings.EventSubscriptions.RequestUrl,
				"interactivity": m.Settings.Interactivity.RequestUrl,
			} {
				if !strings.HasPrefix(u, "https://") || !strings.HasSuffix(u, Path) {
					problem("%s URL %q, want https://…%s", what, u, Path)
				}
			}
		}
	}
}
