package mattermost

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/rs/zerolog"

	"meldbot/adapters/setting"
	"meldbot/bot"
	"meldbot/bot/bottest"
)

// withSecrets returns an adapter on f whose secret is secret and previous
// secret previous, listening on loopback with a recorder behind it.
func withSecrets(t *testing.T, f *fakeAPI, secret, previous string) (*Adapter, *recorder, *httptest.Server, *bottest.Buffer) {
	t.Helper()
	logs := &bottest.Buffer{}
	a, err := newAdapter(Config{
		URL: "http://mm.test", Token: "bottoken", Teams: []string{"gemeente"}, Listen: "127.0.0.1:0",
		CallbackURL: "http://127.0.0.1:9/hooks/meldbot", Secret: []byte(secret), PreviousSecret: []byte(previous),
		Marks: bot.BookmarksIn(bottest.NewMemStore()), Log: zerolog.New(logs),
	}, f, nil)
	if err != nil {
		t.Fatal(err)
	}
	rec := newRecorder()
	srv := httptest.NewServer(a.handler(rec))
	t.Cleanup(srv.Close)
	return a, rec, srv, logs
}

// Changing MELDBOT_SECRET with the old one as MELDBOT_SECRET_PREVIOUS keeps
// the buttons already posted working; their next update signs them with
// the new secret. Without the previous secret such a click is refused, and
// the log says why: a secret meldbot no longer has, not a forgery.
func TestButtonsSignedWithThePreviousSecretKeepWorking(t *testing.T) {
	const oldSecret, newSecret = "het-oude-geheim-van-meldbot", "het-nieuwe-geheim-van-meldbot"
	f := newFakeAPI()
	before, _, _, _ := withSecrets(t, f, oldSecret, "")
	q := sendQuestion(t, before, f)
	click := clickBody(f, "sanneid", q.Id, "dm-sanneid", buttonContext(t, q, "Nee"))

	rotated, rec, srv, logs := withSecrets(t, f, newSecret, oldSecret)
	if status, body := postJSON(t, srv.URL+"/hooks/meldbot/action", click); status != http.StatusOK || len(rec.all()) != 1 {
		t.Fatalf("a button of before the change answered %d %s, handled %d", status, body, len(rec.all()))
	}
	if !strings.Contains(logs.String(), "MELDBOT_SECRET_PREVIOUS") {
		t.Errorf("the use of the previous secret is not logged:\n%s", logs)
	}
	if err := rotated.Update(context.Background(), bot.Ref(q.Id), question, bot.Delivery{}); err != nil {
		t.Fatal(err)
	}
	updated := deepCopy(f.posts[q.Id])

	// Later the previous secret is dropped.
	_, rec, srv, logs = withSecrets(t, f, newSecret, "")
	if status, _ := postJSON(t, srv.URL+"/hooks/meldbot/action", clickBody(f, "sanneid", q.Id, "dm-sanneid", buttonContext(t, updated, "Nee"))); status != http.StatusOK {
		t.Errorf("a button updated after the change answered %d", status)
	}
	if status, _ := postJSON(t, srv.URL+"/hooks/meldbot/action", clickBody(f, "sanneid", q.Id, "dm-sanneid", buttonContext(t, q, "Nee"))); status != http.StatusForbidden {
		t.Errorf("a button signed with a secret meldbot no longer has answered %d, want 403", status)
	}
	if len(rec.all()) != 1 {
		t.Errorf("handled %d clicks, want the updated button's only", len(rec.all()))
	}
	if !containsAll(logs.String(), "signed with neither MELDBOT_SECRET nor MELDBOT_SECRET_PREVIOUS", "set MELDBOT_SECRET_PREVIOUS") {
		t.Errorf("the refusal does not say the button was signed with another secret:\n%s", logs)
	}
}

func TestThePreviousSecretIsChecked(t *testing.T) {
	for _, tc := range []struct{ previous, want string }{
		{"kort", "is too short"},
		{testSecret, "is the same as the secret"},
	} {
		cfg := Config{URL: "http://mm.test", Token: "t", Teams: []string{"gemeente"}, Listen: ":8066",
			CallbackURL: "http://meldbot:8066", Secret: []byte(testSecret), PreviousSecret: []byte(tc.previous)}
		var se *setting.Error
		if err := cfg.Check(); !errors.As(err, &se) || se.Field != "PreviousSecret" || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("previous secret %q: %v, want PreviousSecret %s", tc.previous, err, tc.want)
		}
	}
}
