package e2e

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"meldbot/bot/bottest"
)

// TestForgedRequestsAreRejected sends meldbot's listener what an attacker on
// the network could make up: button clicks with a forged context (and no
// trigger ID signed by Mattermost) and slash commands with a wrong or no
// token. Each is refused and logged, and Sanne's report is exactly where it
// was.
func TestForgedRequestsAreRejected(t *testing.T) {
	w := need(t)
	p := w.startMeldbot(t)
	bottest.Run(t, w.d, `
sanne> /incident
  < Wat is er gebeurd?
`, w.user)
	question := w.d.latestButtons(w.user("sanne"))
	if question == nil {
		t.Fatal("no question with buttons")
	}
	sanneID := w.s.people[sanne].mm.Id
	mark := w.d.position()

	mac := hmac.New(sha256.New, []byte("not meldbot's secret"))
	mac.Write([]byte("r:1:categories:physical"))
	for name, ctx := range map[string]map[string]any{
		"forged MAC":  {"v": "r:1:categories:physical", "mac": base64.RawURLEncoding.EncodeToString(mac.Sum(nil))},
		"no MAC":      {"v": "r:1:categories:physical"},
		"no context":  nil,
		"garbage MAC": {"v": "r:1:categories:physical", "mac": "AAAA"},
	} {
		body, _ := json.Marshal(model.PostActionIntegrationRequest{UserId: sanneID, PostId: question.Id,
			ChannelId: question.ChannelId, Type: "button", Context: ctx})
		resp, err := http.Post(w.callbackURL()+"/action", "application/json", bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("%s: status %d, want 403", name, resp.StatusCode)
		}
	}
	for name, token := range map[string]string{"wrong token": "abcdefghijklmnopqrstuvwxyz", "no token": ""} {
		form := url.Values{"token": {token}, "user_id": {sanneID}, "command": {"/incident"}, "text": {"stop"},
			"team_id": {w.s.team.Id}, "channel_id": {w.s.townSquare}}
		resp, err := http.PostForm(w.callbackURL()+"/command", form)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("%s: status %d, want 401", name, resp.StatusCode)
		}
	}

	if err := p.waitFor("rejected a slash command with a wrong or missing token", 5*time.Second); err != nil {
		t.Error(err)
	}
	if n := strings.Count(p.out.String(), "refused a button click"); n != 4 {
		t.Errorf("%d forged clicks logged, want 4", n)
	}
	nothingPosted(t, w, mark, "the rejected requests")
	// The report is where it was: a genuine click works on the same question
	// and nothing else is ticked.
	bottest.Run(t, w.d, `
sanne> [Verbale agressie]
  < ✓ Verbale agressie
`, w.user)
	onlyTicked(t, w, "sanne", "✓ Verbale agressie")
	bottest.Run(t, w.d, stopReport("sanne"), w.user)
}

// nothingPosted waits a second, for anything what set off to arrive, and
// checks that meldbot posted or changed nothing since mark.
func nothingPosted(t *testing.T, w *world, mark int, what string) {
	t.Helper()
	time.Sleep(time.Second)
	if got := w.d.since(mark); len(got) != 0 {
		t.Errorf("%s made meldbot post %d times: %q", what, len(got), got[0].Text)
	}
}

// onlyTicked checks that the latest question with buttons the person has
// shows choice (such as "✓ Bedreiging") and no other choice ticked.
func onlyTicked(t *testing.T, w *world, who, choice string) {
	t.Helper()
	p := w.d.latestButtons(w.user(who))
	if p == nil {
		t.Fatalf("%s has no question with buttons", who)
	}
	var ticked []string
	for _, att := range p.Attachments() {
		for _, act := range att.Actions {
			if strings.HasPrefix(act.Name, "✓ ") {
				ticked = append(ticked, act.Name)
			}
		}
	}
	if len(ticked) != 1 || ticked[0] != choice {
		t.Errorf("%s's question has %q ticked, want only %q", who, ticked, choice)
	}
}

// stopReport is the script in which who stops their report.
func stopReport(who string) string {
	return `
` + who + `> stop
  < Weet je zeker dat je wilt stoppen?
` + who + `> [Ja, stoppen]
  < Je melding is gestopt
`
}
