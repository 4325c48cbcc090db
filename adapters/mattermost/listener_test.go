package mattermost

import (
	"context"
	"crypto/ecdsa"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

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

func postForm(t testing.TB, u string, form url.Values) (int, string) {
	t.Helper()
	resp, err := http.Post(u, "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

func postJSON(t testing.TB, u string, body string) (int, string) {
	t.Helper()
	return postBody(t, u, "application/json", body)
}

// postBody posts body as it is, waiting at most 10 seconds for the answer.
func postBody(t testing.TB, u, contentType, body string) (int, string) {
	t.Helper()
	resp, err := (&http.Client{Timeout: 10 * time.Second}).Post(u, contentType, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// commandForm is the form Mattermost posts when Sanne runs /incident text
// with a command of token.
func commandForm(f *fakeAPI, token, text string) url.Values {
	return url.Values{"token": {token}, "user_id": {"sanneid"}, "command": {"/incident"}, "text": {text},
		"channel_id": {"somechannel"}, "team_id": {"teamid"}, "trigger_id": {f.trigger("sanneid")}}
}

// triggerID returns the fresh ID in a trigger ID.
func triggerID(t testing.TB, s string) string {
	t.Helper()
	tr, _, _, err := parseTrigger(s)
	if err != nil {
		t.Fatal(err)
	}
	return tr.id
}

func TestSlashCommandAnswersAtOnceAndStartsTheConversation(t *testing.T) {
	_, rec, srv, _, f := listener(t)
	form := commandForm(f, "goodtoken", "voor @peter.bakker.")
	status, body := postForm(t, srv.URL+"/hooks/meldbot/command", form)
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
	want := bot.Command{ID: "mattermost/botid/command/" + triggerID(t, form.Get("trigger_id")),
		User: bot.User{Email: "sanne.visser@voorbeeldrode.nl", Name: "Sanne Visser"}, Args: "voor peter.bakker@voorbeeldrode.nl."}
	if got := rec.all(); len(got) != 1 || got[0] != want {
		t.Errorf("handled %#v, want %#v", got, want)
	}
}

func TestSlashCommandWithAWrongOrMissingTokenIsRefused(t *testing.T) {
	_, rec, srv, logs, f := listener(t)
	for name, form := range map[string]url.Values{
		"wrong token":   commandForm(f, "badtoken", ""),
		"missing token": commandForm(f, "", ""),
		"token prefix":  commandForm(f, "good", ""),
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
	_, rec, srv, _, f := listener(t)
	form := commandForm(f, "", "help")
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
	_, rec, srv, _, f := listener(t)
	big := strings.Repeat("a", maxBody+1)
	if status, _ := postForm(t, srv.URL+"/hooks/meldbot/command", commandForm(f, "goodtoken", big)); status != http.StatusRequestEntityTooLarge {
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

// clickBody is the body Mattermost posts when the user with ID userID
// clicks a button with context ctx on post postID in channelID, with a
// trigger ID of its own.
func clickBody(f *fakeAPI, userID, postID, channelID string, ctx map[string]any) string {
	b, _ := json.Marshal(model.PostActionIntegrationRequest{UserId: userID, PostId: postID, ChannelId: channelID,
		Type: "button", Context: ctx, TriggerId: f.trigger(userID)})
	return string(b)
}

// sendQuestion has the adapter post the question to Sanne, and returns the
// post as Mattermost keeps it.
func sendQuestion(t testing.TB, a *Adapter, f *fakeAPI) *model.Post {
	t.Helper()
	ref, err := a.Send(context.Background(), sanneEmail, question, bot.Delivery{})
	if err != nil {
		t.Fatal(err)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	return deepCopy(f.posts[string(ref)])
}

// buttonContext returns the context Mattermost sends for the button on p
// whose label contains label.
func buttonContext(t testing.TB, p *model.Post, label string) map[string]any {
	t.Helper()
	for _, act := range buttons(t, p) {
		if strings.Contains(act.Name, label) {
			// As Mattermost sends it: through JSON.
			b, _ := json.Marshal(act.Integration.Context)
			var ctx map[string]any
			_ = json.Unmarshal(b, &ctx)
			return ctx
		}
	}
	t.Fatalf("no button %q on post %s", label, p.Id)
	return nil
}

func TestButtonClickWithMeldbotsContextIsHandled(t *testing.T) {
	a, rec, srv, _, f := listener(t)
	q := sendQuestion(t, a, f)
	body := clickBody(f, "sanneid", q.Id, "dm-sanneid", buttonContext(t, q, "Nee"))
	status, resp := postJSON(t, srv.URL+"/hooks/meldbot/action", body)
	if status != http.StatusOK {
		t.Fatalf("status %d: %s", status, resp)
	}
	var req model.PostActionIntegrationRequest
	_ = json.Unmarshal([]byte(body), &req)
	want := bot.Action{ID: "mattermost/botid/click/" + triggerID(t, req.TriggerId),
		User: bot.User{Email: "sanne.visser@voorbeeldrode.nl", Name: "Sanne Visser"}, Ref: bot.Ref(q.Id), Value: "r:1:weapon:no"}
	if got := rec.all(); len(got) != 1 || got[0] != want {
		t.Errorf("handled %#v, want %#v", got, want)
	}
}

// Clicks meldbot did not sign, or whose parts were changed, are refused
// with 403 and logged with the reason; nothing reaches the bot.
func TestForgedOrAlteredButtonClicksAreRefused(t *testing.T) {
	a, rec, srv, logs, f := listener(t)
	q := sendQuestion(t, a, f)
	genuine := buttonContext(t, q, "Nee")
	with := func(k string, v any) map[string]any {
		c := maps.Clone(genuine)
		c[k] = v
		return c
	}
	forger := signer{key: []byte("not meldbot's secret at all")}
	issued, _ := strconv.ParseInt(genuine[ctxIssued].(string), 10, 64)
	key := genuine[ctxKey].(string)
	clicks := map[string]string{
		"altered value":            clickBody(f, "sanneid", q.Id, "dm-sanneid", with(ctxValue, "r:1:weapon:yes")),
		"altered time":             clickBody(f, "sanneid", q.Id, "dm-sanneid", with(ctxIssued, strconv.FormatInt(issued+1, 10))),
		"other secret":             clickBody(f, "sanneid", q.Id, "dm-sanneid", forger.context("dm-sanneid", "sanneid", key, time.Unix(issued, 0), "r:1:weapon:no")),
		"replayed in other DM":     clickBody(f, "peterid", q.Id, "dm-peterid", genuine),
		"replayed as other user":   clickBody(f, "peterid", q.Id, "dm-sanneid", genuine),
		"no context":               clickBody(f, "sanneid", q.Id, "dm-sanneid", nil),
		"mac not base64":           clickBody(f, "sanneid", q.Id, "dm-sanneid", with(ctxMAC, "%%%")),
		"value of the wrong type":  clickBody(f, "sanneid", q.Id, "dm-sanneid", with(ctxValue, 3)),
		"no button key":            clickBody(f, "sanneid", q.Id, "dm-sanneid", with(ctxKey, nil)),
		"an older context":         clickBody(f, "sanneid", q.Id, "dm-sanneid", personContext(a, "dm-sanneid", "sanneid", "r:1:weapon:no")),
		"a post that is not there": clickBody(f, "sanneid", "post999", "dm-sanneid", genuine),
	}
	for name, body := range clicks {
		if status, _ := postJSON(t, srv.URL+"/hooks/meldbot/action", body); status != http.StatusForbidden {
			t.Errorf("%s: status %d, want 403", name, status)
		}
	}
	if got := rec.all(); len(got) != 0 {
		t.Errorf("forged clicks were handled: %v", got)
	}
	if n := strings.Count(logs.String(), "refused a button click"); n != len(clicks) {
		t.Errorf("%d log lines for %d forged clicks:\n%s", n, len(clicks), logs)
	}
}

// A click Mattermost did not send — its trigger ID not signed by the
// server, made for someone else, or from long ago — is refused with 403
// and logged, however good its context.
func TestAClickWithoutTheServersTriggerIDIsRefused(t *testing.T) {
	a, rec, srv, logs, f := listener(t)
	q := sendQuestion(t, a, f)
	ctx := buttonContext(t, q, "Nee")
	body := func(trigger string) string {
		b, _ := json.Marshal(model.PostActionIntegrationRequest{UserId: "sanneid", PostId: q.Id, ChannelId: "dm-sanneid",
			Type: "button", Context: ctx, TriggerId: trigger})
		return string(b)
	}
	other := newFakeAPI() // another server, with a key of its own
	triggers := map[string]string{
		"no trigger ID":         "",
		"not base64":            "%%%",
		"another server's":      other.trigger("sanneid"),
		"made for someone else": f.trigger("peterid"),
		"made two hours ago":    oldTrigger(t, f, "sanneid", 2*time.Hour),
		"without a signature":   base64.StdEncoding.EncodeToString([]byte("abc:sanneid:" + strconv.FormatInt(time.Now().UnixMilli(), 10) + ":")),
	}
	for name, trigger := range triggers {
		if status, _ := postJSON(t, srv.URL+"/hooks/meldbot/action", body(trigger)); status != http.StatusForbidden {
			t.Errorf("%s: status %d, want 403", name, status)
		}
	}
	if got := rec.all(); len(got) != 0 {
		t.Errorf("clicks Mattermost did not send were handled: %v", got)
	}
	if n := strings.Count(logs.String(), "trigger ID"); n != len(triggers) {
		t.Errorf("%d log lines for %d refused clicks:\n%s", n, len(triggers), logs)
	}
	if status, resp := postJSON(t, srv.URL+"/hooks/meldbot/action", body(f.trigger("sanneid"))); status != http.StatusOK {
		t.Errorf("the genuine click: %d %s", status, resp)
	}
}

// A button on a message posted weeks ago — an aftercare task — works, also
// after a restart: its key is read from the post.
func TestAButtonPostedWeeksAgoStillWorks(t *testing.T) {
	f := newFakeAPI()
	then, _ := newTestAdapter(t, f, nil)
	then.now = func() time.Time { return time.Now().Add(-6 * 7 * 24 * time.Hour) }
	q := sendQuestion(t, then, f)

	a, logs := newTestAdapter(t, f, nil) // a restart since
	rec := newRecorder()
	srv := httptest.NewServer(a.handler(rec))
	defer srv.Close()
	if status, body := postJSON(t, srv.URL+"/hooks/meldbot/action", clickBody(f, "sanneid", q.Id, "dm-sanneid", buttonContext(t, q, "Ja"))); status != http.StatusOK {
		t.Fatalf("status %d %s\n%s", status, body, logs)
	}
	if got := rec.all(); len(got) != 1 || got[0].(bot.Action).Value != "r:1:weapon:yes" {
		t.Errorf("handled %#v", got)
	}
}

// oldTrigger returns a trigger ID the server made for userID, age ago.
func oldTrigger(t testing.TB, f *fakeAPI, userID string, age time.Duration) string {
	t.Helper()
	data := "abcdefghijklmnopqrstuvwxyz:" + userID + ":" + strconv.FormatInt(time.Now().Add(-age).UnixMilli(), 10) + ":"
	sum := sha256.Sum256([]byte(data))
	sig, err := ecdsa.SignASN1(rand.Reader, f.signing, sum[:])
	if err != nil {
		t.Fatal(err)
	}
	return base64.StdEncoding.EncodeToString([]byte(data + base64.StdEncoding.EncodeToString(sig)))
}

// personContext is a context as meldbot made them before they named the
// post: bound to the channel and the person.
func personContext(a *Adapter, channelID, userID, value string) map[string]any {
	return map[string]any{ctxValue: value, ctxMAC: base64.RawURLEncoding.EncodeToString(mac(a.signer.key, macLabelPerson, channelID, userID, value))}
}

// channelOnlyContext is a context as meldbot made them before they named
// the person: bound to the channel alone.
func channelOnlyContext(a *Adapter, channelID, value string) map[string]any {
	return map[string]any{ctxValue: value, ctxMAC: base64.RawURLEncoding.EncodeToString(mac(a.signer.key, macLabelChannel, channelID, value))}
}

// olderPost puts a post with buttons on the server as an earlier version
// of meldbot made it: without a button key.
func olderPost(f *fakeAPI, id, channelID string) {
	p := userPost(id, "botid", channelID, "Was er een wapen in het spel?", ago(30*24*time.Hour))
	p.AddProp(model.PostPropsFromBot, "true")
	f.store(p)
}

// Buttons posted by earlier versions of meldbot, which named no post, keep
// working on the posts those versions made: a context bound to the channel
// and the person, and one bound to the channel alone for the person the
// channel is with. On a post of this version they do not count.
func TestButtonsOfEarlierVersionsCountOnTheirOwnPosts(t *testing.T) {
	a, rec, srv, logs, f := listener(t)
	olderPost(f, "old1", "dm-sanneid")
	for name, ctx := range map[string]map[string]any{
		"bound to the person":       personContext(a, "dm-sanneid", "sanneid", "r:1:weapon:no"),
		"bound to the channel only": channelOnlyContext(a, "dm-sanneid", "r:1:weapon:no"),
	} {
		status, body := postJSON(t, srv.URL+"/hooks/meldbot/action", clickBody(f, "sanneid", "old1", "dm-sanneid", ctx))
		if status != http.StatusOK {
			t.Errorf("%s: status %d: %s", name, status, body)
		}
	}
	if got := rec.all(); len(got) != 2 || got[0].(bot.Action).Value != "r:1:weapon:no" || got[1].(bot.Action).Ref != "old1" {
		t.Errorf("handled %#v", got)
	}
	if f.count("GetChannel") != 1 {
		t.Errorf("GetChannel called %d times, want once to see who the channel is with", f.count("GetChannel"))
	}

	refused := map[string]string{
		"channel-only, clicked by someone else": clickBody(f, "peterid", "old1", "dm-sanneid", channelOnlyContext(a, "dm-sanneid", "r:1:weapon:no")),
		"on a post of this version":             clickBody(f, "sanneid", sendQuestion(t, a, f).Id, "dm-sanneid", personContext(a, "dm-sanneid", "sanneid", "r:1:weapon:no")),
	}
	for name, body := range refused {
		if status, _ := postJSON(t, srv.URL+"/hooks/meldbot/action", body); status != http.StatusForbidden {
			t.Errorf("%s: status %d, want 403", name, status)
		}
	}
	if n := strings.Count(logs.String(), "refused a button click"); n != len(refused) {
		t.Errorf("%d refusals logged, want %d:\n%s", n, len(refused), logs)
	}
}

func TestListenerOnlyServesItsTwoPaths(t *testing.T) {
	_, _, srv, _, f := listener(t)
	for _, path := range []string{"/", "/command", "/hooks/meldbot/other"} {
		if status, _ := postForm(t, srv.URL+path, commandForm(f, "goodtoken", "")); status != http.StatusNotFound {
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
	a, rec, srv, logs, f := listener(t)
	q := sendQuestion(t, a, f)
	rec.fails = 3
	status, body := postForm(t, srv.URL+"/hooks/meldbot/command", commandForm(f, "goodtoken", ""))
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
	status, body = postJSON(t, srv.URL+"/hooks/meldbot/action", clickBody(f, "sanneid", q.Id, "dm-sanneid", buttonContext(t, q, "Ja")))
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
	status, body = postJSON(t, srv.URL+"/hooks/meldbot/action", clickBody(f, "sanneid", q.Id, "dm-sanneid", buttonContext(t, q, "Ja")))
	if status != http.StatusOK || strings.Contains(body, "storing") || len(rec.all()) != 1 {
		t.Errorf("after one failure: status %d, %s, %d handled; want the click handled silently", status, body, len(rec.all()))
	}
}
