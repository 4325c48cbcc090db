package mattermost

import (
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/mattermost/mattermost/server/public/model"

	"meldbot/bot"
	"meldbot/bot/bottest"
)

// listener starts the adapter's HTTP handler on a loopback server, with
// "goodtoken" as the registered command token.
func listener(t *testing.T) (*Adapter, *recorder, *httptest.Server, *bottest.Buffer, *fakeAPI) {
	t.Helper()
	f := newFakeAPI()
	a, logs := newTestAdapter(t, f, nil)
	a.tokens.add("goodtoken")
	rec := newRecorder()
	srv := httptest.NewServer(a.handler(rec))
	t.Cleanup(srv.Close)
	return a, rec, srv, logs, f
}

func postForm(t *testing.T, u string, form url.Values) (int, string) {
	t.Helper()
	resp, err := http.Post(u, "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

func postJSON(t *testing.T, u string, body string) (int, string) {
	t.Helper()
	resp, err := http.Post(u, "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func commandForm(token, text string) url.Values {
	return url.Values{"token": {token}, "user_id": {"sanneid"}, "command": {"/incident"}, "text": {text},
		"channel_id": {"somechannel"}, "team_id": {"teamid"}}
}

func TestSlashCommandAnswersAtOnceAndStartsTheConversation(t *testing.T) {
	_, rec, srv, _, _ := listener(t)
	status, body := postForm(t, srv.URL+"/hooks/meldbot/command", commandForm("goodtoken", "voor @peter.bakker."))
	if status != http.StatusOK {
		t.Fatalf("status %d: %s", status, body)
	}
	var resp model.CommandResponse
	if err := json.Unmarshal([]byte(body), &resp); err != nil {
		t.Fatalf("response is not a command response: %v: %s", err, body)
	}
	if resp.ResponseType != model.CommandResponseTypeEphemeral || resp.Text != "Ik antwoord je in een privébericht." {
		t.Errorf("the person sees %q (%s), want the bot's acknowledgement, only to them", resp.Text, resp.ResponseType)
	}
	want := bot.Command{User: bot.User{Email: "sanne.visser@voorbeeldrode.nl", Name: "Sanne Visser"}, Args: "voor peter.bakker@voorbeeldrode.nl."}
	if got := rec.all(); len(got) != 1 || got[0] != want {
		t.Errorf("handled %#v, want %#v", got, want)
	}
}

func TestSlashCommandWithAWrongOrMissingTokenIsRefused(t *testing.T) {
	_, rec, srv, logs, _ := listener(t)
	for name, form := range map[string]url.Values{
		"wrong token":   commandForm("badtoken", ""),
		"missing token": commandForm("", ""),
		"token prefix":  commandForm("good", ""),
	} {
		status, _ := postForm(t, srv.URL+"/hooks/meldbot/command", form)
		if status != http.StatusUnauthorized {
			t.Errorf("%s: status %d, want 401", name, status)
		}
	}
	if got := rec.all(); len(got) != 0 {
		t.Errorf("refused commands were handled: %v", got)
	}
	if !strings.Contains(logs.String(), "wrong or missing token") {
		t.Errorf("no log line for the refused commands:\n%s", logs)
	}
}

func TestSlashCommandTokenInTheAuthorizationHeader(t *testing.T) {
	_, rec, srv, _, _ := listener(t)
	form := commandForm("", "help")
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/hooks/meldbot/command", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Authorization", "Token goodtoken")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || len(rec.all()) != 1 {
		t.Errorf("status %d, %d events; want 200 and the command handled", resp.StatusCode, len(rec.all()))
	}
}

func TestOversizedRequestsAreRefused(t *testing.T) {
	_, rec, srv, _, _ := listener(t)
	big := strings.Repeat("a", maxBody+1)
	if status, _ := postForm(t, srv.URL+"/hooks/meldbot/command", commandForm("goodtoken", big)); status != http.StatusRequestEntityTooLarge {
		t.Errorf("oversized command: status %d, want 413", status)
	}
	if status, _ := postJSON(t, srv.URL+"/hooks/meldbot/action", `{"user_id":"`+big+`"}`); status != http.StatusRequestEntityTooLarge {
		t.Errorf("oversized button callback: status %d, want 413", status)
	}
	if got := rec.all(); len(got) != 0 {
		t.Errorf("oversized requests were handled: %v", got)
	}
}

func TestMalformedButtonCallbackIsRefusedAndLogged(t *testing.T) {
	_, rec, srv, logs, _ := listener(t)
	status, _ := postJSON(t, srv.URL+"/hooks/meldbot/action", `{"user_id": "sanneid", "context": `)
	if status != http.StatusBadRequest {
		t.Errorf("status %d, want 400", status)
	}
	if len(rec.all()) != 0 {
		t.Error("a malformed callback was handled")
	}
	if !strings.Contains(logs.String(), "rejected a malformed request") {
		t.Errorf("no log line:\n%s", logs)
	}
}

// click returns the body Mattermost posts when a button is clicked.
func click(userID, postID, channelID string, ctx map[string]any) string {
	b, _ := json.Marshal(model.PostActionIntegrationRequest{UserId: userID, PostId: postID, ChannelId: channelID,
		Type: "button", Context: ctx})
	return string(b)
}

func TestButtonClickWithMeldbotsContextIsHandled(t *testing.T) {
	a, rec, srv, _, _ := listener(t)
	status, body := postJSON(t, srv.URL+"/hooks/meldbot/action", click("sanneid", "post7", "dm-sanneid", a.signer.context("dm-sanneid", "sanneid", "r:1:categories:threat")))
	if status != http.StatusOK {
		t.Fatalf("status %d: %s", status, body)
	}
	want := bot.Action{User: bot.User{Email: "sanne.visser@voorbeeldrode.nl", Name: "Sanne Visser"}, Ref: "post7", Value: "r:1:categories:threat"}
	if got := rec.all(); len(got) != 1 || got[0] != want {
		t.Errorf("handled %#v, want %#v", got, want)
	}
}

func TestForgedOrAlteredButtonContextIsRejected(t *testing.T) {
	a, rec, srv, logs, _ := listener(t)
	genuine := a.signer.context("dm-sanneid", "sanneid", "r:1:police:no")
	altered := map[string]any{ctxValue: "r:1:police:will", ctxMAC: genuine[ctxMAC]}
	forger := signer{key: []byte("not meldbot's secret at all")}
	old := channelOnlyContext(a, "dm-sanneid", "r:1:police:no")
	clicks := map[string]string{
		"altered value":           click("sanneid", "post7", "dm-sanneid", altered),
		"other secret":            click("sanneid", "post7", "dm-sanneid", forger.context("dm-sanneid", "sanneid", "r:1:police:no")),
		"replayed in other DM":    click("peterid", "post9", "dm-peterid", genuine),
		"replayed as other user":  click("peterid", "post7", "dm-sanneid", genuine),
		"replayed without a user": click("", "post7", "dm-sanneid", genuine),
		"old context, other user": click("peterid", "post7", "dm-sanneid", old),
		"no context":              click("sanneid", "post7", "dm-sanneid", nil),
		"mac not base64":          click("sanneid", "post7", "dm-sanneid", map[string]any{ctxValue: "x", ctxMAC: "%%%"}),
		"value of the wrong type": click("sanneid", "post7", "dm-sanneid", map[string]any{ctxValue: 3, ctxMAC: genuine[ctxMAC]}),
	}
	for name, body := range clicks {
		if status, _ := postJSON(t, srv.URL+"/hooks/meldbot/action", body); status != http.StatusForbidden {
			t.Errorf("%s: status %d, want 403", name, status)
		}
	}
	if got := rec.all(); len(got) != 0 {
		t.Errorf("forged clicks were handled: %v", got)
	}
	if n := strings.Count(logs.String(), "rejected a forged or altered button click"); n != len(clicks) {
		t.Errorf("%d log lines for %d forged clicks:\n%s", n, len(clicks), logs)
	}
}

// channelOnlyContext is a context as meldbot made them before they named
// the person: bound to the channel alone.
func channelOnlyContext(a *Adapter, channelID, value string) map[string]any {
	return map[string]any{ctxValue: value, ctxMAC: base64.RawURLEncoding.EncodeToString(a.signer.mac(macLabelChannel, channelID, value))}
}

// Buttons sent before contexts named the person keep working for the
// person the direct channel is with.
func TestAnOlderButtonContextCountsForThePersonOfTheChannel(t *testing.T) {
	a, rec, srv, _, f := listener(t)
	status, body := postJSON(t, srv.URL+"/hooks/meldbot/action", click("sanneid", "post7", "dm-sanneid", channelOnlyContext(a, "dm-sanneid", "r:1:weapon:no")))
	if status != http.StatusOK {
		t.Fatalf("status %d: %s", status, body)
	}
	if got := rec.all(); len(got) != 1 || got[0].(bot.Action).Value != "r:1:weapon:no" {
		t.Errorf("handled %#v", got)
	}
	if f.count("GetChannel") != 1 {
		t.Errorf("GetChannel called %d times, want once to see who the channel is with", f.count("GetChannel"))
	}
}

func TestListenerOnlyServesItsTwoPaths(t *testing.T) {
	_, _, srv, _, _ := listener(t)
	for _, path := range []string{"/", "/command", "/hooks/meldbot/other"} {
		if status, _ := postForm(t, srv.URL+path, commandForm("goodtoken", "")); status != http.StatusNotFound {
			t.Errorf("POST %s: status %d, want 404", path, status)
		}
	}
	resp, err := http.Get(srv.URL + "/hooks/meldbot/command")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("GET command: status %d, want 405", resp.StatusCode)
	}
}

func TestACommandOrClickThatCannotBeHandledTellsThePerson(t *testing.T) {
	a, rec, srv, logs, _ := listener(t)
	rec.fails = 3
	status, body := postForm(t, srv.URL+"/hooks/meldbot/command", commandForm("goodtoken", ""))
	var cmd model.CommandResponse
	if err := json.Unmarshal([]byte(body), &cmd); status != http.StatusOK || err != nil {
		t.Fatalf("status %d, %v: %s", status, err, body)
	}
	if cmd.ResponseType != model.CommandResponseTypeEphemeral || !strings.Contains(cmd.Text, "Door een storing") {
		t.Errorf("after three failed attempts the person sees %q (%s), want the failure notice", cmd.Text, cmd.ResponseType)
	}

	rec.mu.Lock()
	rec.fails = 3
	rec.mu.Unlock()
	status, body = postJSON(t, srv.URL+"/hooks/meldbot/action", click("sanneid", "post7", "dm-sanneid", a.signer.context("dm-sanneid", "sanneid", "r:1:categories:threat")))
	var act model.PostActionIntegrationResponse
	if err := json.Unmarshal([]byte(body), &act); status != http.StatusOK || err != nil {
		t.Fatalf("status %d, %v: %s", status, err, body)
	}
	if !strings.Contains(act.EphemeralText, "Door een storing") {
		t.Errorf("after three failed attempts the click shows %q, want the failure notice", act.EphemeralText)
	}
	if n := len(rec.all()); n != 0 {
		t.Errorf("%d events handled, want none", n)
	}
	if !containsAll(logs.String(), "handling a slash command failed", "handling a button click failed") {
		t.Errorf("the failures are not logged:\n%s", logs)
	}

	// One failure passes unnoticed: the second attempt handles the click.
	rec.mu.Lock()
	rec.fails = 1
	rec.mu.Unlock()
	status, body = postJSON(t, srv.URL+"/hooks/meldbot/action", click("sanneid", "post7", "dm-sanneid", a.signer.context("dm-sanneid", "sanneid", "r:1:categories:threat")))
	if status != http.StatusOK || strings.Contains(body, "storing") || len(rec.all()) != 1 {
		t.Errorf("after one failure: status %d, %s, %d handled; want the click handled silently", status, body, len(rec.all()))
	}
}
