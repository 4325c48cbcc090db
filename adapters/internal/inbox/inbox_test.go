package inbox

import (
	"context"
	"testing"
	"time"

	"meldbot/bot"
	"meldbot/bot/bottest"
)

func TestIDNamesPlatformWorkspaceKindAndParts(t *testing.T) {
	for _, tc := range []struct {
		got, want string
	}{
		{ID("slack", "T0VBR", "msg", "D123", "1764252000.000100"), "slack/T0VBR/msg/D123/1764252000.000100"},
		{ID("mattermost", "botid", "click", "abc"), "mattermost/botid/click/abc"},
		{ID("slack", "", "msg", "D123", "1"), ""},
		{ID("slack", "T0VBR", "command", ""), ""},
		{ID("slack", "T0VBR", "click", "4.5.6", ""), ""},
		{ID("slack", "T0VBR", "click"), ""},
	} {
		if tc.got != tc.want {
			t.Errorf("ID = %q, want %q", tc.got, tc.want)
		}
	}
}

func TestHandledAsksTheBotsInbox(t *testing.T) {
	s := bottest.NewMemStore()
	ctx := context.Background()
	if err := s.Update(ctx, func(tx bot.Tx) error { return tx.RecordHandled("slack/T/msg/D/1", time.Now()) }); err != nil {
		t.Fatal(err)
	}
	for id, want := range map[string]bool{"slack/T/msg/D/1": true, "slack/T/msg/D/2": false, "": false} {
		if got, err := Handled(ctx, bot.BookmarksIn(s), id); err != nil || got != want {
			t.Errorf("Handled(%q) = %v, %v; want %v", id, got, err, want)
		}
	}
}
