package slack

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"meldbot/bot"
	"meldbot/bot/bottest"
)

// Slack's published example of a signed request
// (docs.slack.dev/authentication/verifying-requests-from-slack).
const (
	exampleSecret    = "8f742231b10e8888abcd99yyyzzz85a5"
	exampleTimestamp = "1531420618"
	exampleBody      = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c"
	exampleSignature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"
)

var roadrunner = member{ID: "U2CERLKJA", Email: "roadrunner@voorbeeldrode.nl", Name: "Road Runner"}

// httpBot runs the adapter in HTTP mode on a loopback port and returns the
// URL Slack would post to.
func httpBot(t *testing.T, w *workspace, h bot.Handler, change ...func(*deps)) (endpoint string, logs *bottest.Buffer) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	logs = &bottest.Buffer{}
	a := w.adapter(append([]func(*deps){func(d *deps) {
		d.socket, d.secret, d.ln = nil, exampleSecret, ln
		d.log = zerolog.New(io.MultiWriter(logs, zerolog.NewTestWriter(t)))
	}}, change...)...)
	run(t, a, h)
	return "http://" + ln.Addr().String() + Path, logs
}

// post sends body to the bot as Slack would, signed at ts with secret
// (unsigned when secret is empty).
func post(t testing.TB, endpoint, contentType, body, secret, ts string, header ...string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, endpoint, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", contentType)
	if secret != "" {
		req.Header.Set("X-Slack-Request-Timestamp", ts)
		req.Header.Set("X-Slack-Signature", sign(secret, ts, []byte(body)))
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

const form = "application/x-www-form-urlencoded"

func now() string { return strconv.FormatInt(time.Now().Unix(), 10) }

func TestSignatureOfSlacksExample(t *testing.T) {
	if got := sign(exampleSecret, exampleTimestamp, []byte(exampleBody)); got != exampleSignature {
		t.Fatalf("sign = %s, want %s", got, exampleSignature)
	}
	// Slack's example request itself, at the time it was made, is
	// accepted by the bot's HTTP endpoint and handled.
	w := newWorkspace(t, roadrunner)
	rec := &recorder{}
	then, _ := strconv.ParseInt(exampleTimestamp, 10, 64)
	endpoint, _ := httpBot(t, w, rec, func(d *deps) { d.now = func() time.Time { return time.Unix(then+20, 0) } })
	resp, _ := post(t, endpoint, form, exampleBody, exampleSecret, exampleTimestamp)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("Slack's example was answered %s", resp.Status)
	}
	got := rec.waitFor(t, 1)
	if c, ok := got[0].(bot.Command); !ok || c.User.Email != bot.Email(roadrunner.Email) {
		t.Errorf("handled %#v, want roadrunner's command", got[0])
	}
}

func TestRequestsWithoutAValidSignatureAreRefused(t *testing.T) {
	w := newWorkspace(t, sanne)
	rec := &recorder{}
	endpoint, logs := httpBot(t, w, rec)
	cmd := "command=%2Fincident&text=&user_id=" + sanne.ID + "&team_id=T0VBR&channel_id=C0ALGEMEEN"
	old := strconv.FormatInt(time.Now().Add(-6*time.Minute).Unix(), 10)

	for _, tt := range []struct {
		name   string
		header []string
	}{
		{"unsigned", nil},
		{"signed with another secret", []string{"X-Slack-Request-Timestamp", now(), "X-Slack-Signature", sign("another-secret", now(), []byte(cmd))}},
		{"body altered after signing", []string{"X-Slack-Request-Timestamp", now(), "X-Slack-Signature", sign(exampleSecret, now(), []byte(cmd+"&text=stop"))}},
		{"signed six minutes ago", []string{"X-Slack-Request-Timestamp", old, "X-Slack-Signature", sign(exampleSecret, old, []byte(cmd))}},
		{"timestamp altered after signing", []string{"X-Slack-Request-Timestamp", now(), "X-Slack-Signature", sign(exampleSecret, old, []byte(cmd))}},
	} {
		resp, _ := post(t, endpoint, form, cmd, "", "", tt.header...)
		if resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("%s: answered %s, want 401", tt.name, resp.Status)
		}
	}
	if n := strings.Count(logs.String(), "refused a request without a valid signature"); n != 5 {
		t.Errorf("logged %d refusals, want 5:\n%s", n, logs)
	}
	// Sanne's correctly signed command is the first and only one handled.
	resp, _ := post(t, endpoint, form, strings.Replace(cmd, "text=", "text=help", 1), exampleSecret, now())
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("signed request answered %s", resp.Status)
	}
	if got := rec.waitFor(t, 1); len(got) != 1 || got[0].(bot.Command).Args != "help" {
		t.Errorf("handled %#v, want only the signed command", got)
	}
}

func TestTooLargeRequestsAreRefused(t *testing.T) {
	w := newWorkspace(t, sanne)
	rec := &recorder{}
	endpoint, _ := httpBot(t, w, rec)
	body := "command=%2Fincident&user_id=" + sanne.ID + "&text=" + strings.Repeat("a", maxBody)
	resp, _ := post(t, endpoint, form, body, exampleSecret, now())
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("answered %s, want 413", resp.Status)
	}
	// Sanne's next, normal command is the first and only one handled.
	post(t, endpoint, form, "command=%2Fincident&text=help&user_id="+sanne.ID, exampleSecret, now())
	if got := rec.waitFor(t, 1); len(got) != 1 || got[0].(bot.Command).Args != "help" {
		t.Errorf("handled %#v, want only the normal command", got)
	}
}

// Every request refused with a client error leaves a log line with the
// path, the remote address and the status.
func TestEveryRefusedRequestIsLogged(t *testing.T) {
	w := newWorkspace(t, sanne)
	rec := &recorder{}
	endpoint, logs := httpBot(t, w, rec)
	noUser, _ := json.Marshal(clickEnvelope("", "", message{Channel: w.dm(sanne.ID), TS: "1764252000.000003"},
		shownButton{BlockID: "choices-0", ActionID: "choice-1", Label: "Klaar", Value: "t:1:done"})["payload"])
	if err := eventually(func() bool { return strings.Contains(logs.String(), "slack: listening") }); err != nil {
		t.Fatal("the adapter did not start listening")
	}
	for _, tt := range []struct {
		name, body, secret string
		status             int
	}{
		{"unsigned", "command=%2Fincident&user_id=" + sanne.ID, "", http.StatusUnauthorized},
		{"too large", "command=%2Fincident&text=" + strings.Repeat("a", maxBody), exampleSecret, http.StatusRequestEntityTooLarge},
		{"unreadable form", "command=%zz", exampleSecret, http.StatusBadRequest},
		{"neither command nor interaction", "hello=world", exampleSecret, http.StatusBadRequest},
		{"command without user", "command=%2Fincident&text=help", exampleSecret, http.StatusBadRequest},
		{"unreadable payload", "payload=%7Bnot+json", exampleSecret, http.StatusBadRequest},
		{"click by no user", url.Values{"payload": {string(noUser)}}.Encode(), exampleSecret, http.StatusBadRequest},
		{"unreadable event", `{"type":"event_callback","event":{"type":"message","text":`, exampleSecret, http.StatusBadRequest},
	} {
		before := strings.Count(logs.String(), "\n")
		contentType := form
		if strings.HasPrefix(tt.body, "{") { // an event
			contentType = "application/json"
		}
		resp, _ := post(t, endpoint, contentType, tt.body, tt.secret, now())
		if resp.StatusCode != tt.status {
			t.Errorf("%s: answered %s, want %d", tt.name, resp.Status, tt.status)
		}
		lines := strings.Split(strings.TrimSpace(logs.String()), "\n")[before:]
		var line struct {
			Level, Message, Path, Remote string
			Status                       int
		}
		if len(lines) != 1 || json.Unmarshal([]byte(lines[0]), &line) != nil || line.Level != "warn" ||
			line.Path != Path || line.Remote == "" || line.Status != tt.status || !strings.HasPrefix(line.Message, "slack: refused a request") {
			t.Errorf("%s: logged %q, want one warning with path, remote address and status", tt.name, lines)
		}
	}
	// A valid command after them is the only thing handled.
	post(t, endpoint, form, "command=%2Fincident&text=help&user_id="+sanne.ID, exampleSecret, now())
	if got := rec.waitFor(t, 1); len(got) != 1 || got[0].(bot.Command).Args != "help" {
		t.Errorf("refused requests were handled: %#v", got)
	}
}

func TestHTTPModeHandlesCommandsClicksAndMessages(t *testing.T) {
	w := newWorkspace(t, sanne)
	rec := &recorder{}
	endpoint, _ := httpBot(t, w, rec)
	dm := w.dm(sanne.ID)

	// Slack checks the events URL first.
	resp, body := post(t, endpoint, "application/json", `{"token":"x","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}`, exampleSecret, now())
	if resp.StatusCode != http.StatusOK || body != "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" {
		t.Errorf("url_verification answered %s %q", resp.Status, body)
	}

	// And now and then the certificate of a slash command URL.
	if resp, _ := post(t, endpoint, form, "ssl_check=1&token=verification-token", exampleSecret, now()); resp.StatusCode != http.StatusOK {
		t.Errorf("ssl_check answered %s", resp.Status)
	}

	resp, body = post(t, endpoint, form, url.Values{"command": {"/incident"}, "text": {"taal en"}, "user_id": {sanne.ID}}.Encode(), exampleSecret, now())
	var reply commandReply
	if resp.StatusCode != http.StatusOK || json.Unmarshal([]byte(body), &reply) != nil || reply.Text != "Ik antwoord je in een privébericht, Sanne Visser." {
		t.Errorf("slash command answered %s %q, want the short reply", resp.Status, body)
	}
	rec.waitFor(t, 1)

	clickEnv := clickEnvelope("", sanne.ID, message{Channel: dm, TS: "1764252000.000003"},
		shownButton{BlockID: "choices-0", ActionID: "choice-1", Label: "Klaar", Value: "t:1:done"})
	click, _ := json.Marshal(clickEnv["payload"])
	if resp, _ := post(t, endpoint, form, url.Values{"payload": {string(click)}}.Encode(), exampleSecret, now()); resp.StatusCode != http.StatusOK {
		t.Errorf("click answered %s", resp.Status)
	}
	rec.waitFor(t, 2)

	typedEnv := eventsEnvelope("", "Ev7", 0, messageEvent{User: sanne.ID, Channel: dm, ChannelType: "im", Text: "stop"})
	typed, _ := json.Marshal(typedEnv["payload"])
	for i := range 2 { // Slack sends it again when the answer was late
		header := []string{}
		if i > 0 {
			header = []string{"X-Slack-Retry-Num", "1", "X-Slack-Retry-Reason", "http_timeout"}
		}
		if resp, _ := post(t, endpoint, "application/json", string(typed), exampleSecret, now(), header...); resp.StatusCode != http.StatusOK {
			t.Errorf("event answered %s", resp.Status)
		}
	}
	rec.waitFor(t, 3)
	// Sanne's events are handled in order: had the retry been queued, it
	// would come before this one.
	lastEnv := eventsEnvelope("", "Ev8", 0, messageEvent{User: sanne.ID, Channel: dm, ChannelType: "im", Text: "ja"})
	last, _ := json.Marshal(lastEnv["payload"])
	post(t, endpoint, "application/json", string(last), exampleSecret, now())
	got := rec.waitFor(t, 4)

	u := bot.User{Email: bot.Email(sanne.Email), Name: sanne.Name}
	want := []bot.Event{
		bot.Command{User: u, Args: "taal en"}, // a command without trigger_id has no identity
		bot.Action{ID: clickID(clickEnv), User: u, Ref: bot.Ref(dm + "/1764252000.000003"), Value: "t:1:done"},
		bot.Text{ID: messageID(typedEnv), User: u, Body: "stop"},
		bot.Text{ID: messageID(lastEnv), User: u, Body: "ja"},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("handled\n%#v\nwant\n%#v", got, want)
	}
}

func TestHTTPModeStopsWithItsContext(t *testing.T) {
	w := newWorkspace(t, sanne)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	a := w.adapter(func(d *deps) { d.socket, d.secret, d.ln = nil, exampleSecret, ln })
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx, &recorder{}) }()
	if err := eventually(func() bool {
		resp, err := http.Get("http://" + ln.Addr().String() + Path)
		if err == nil {
			resp.Body.Close()
		}
		return err == nil
	}); err != nil {
		t.Fatal("the server did not start")
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run = %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return")
	}
	if _, err := http.Get("http://" + ln.Addr().String() + Path); err == nil {
		t.Error("the server still answers after Run returned")
	}
}
