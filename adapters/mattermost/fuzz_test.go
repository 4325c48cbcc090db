package mattermost

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"net/url"
	"testing"

	"github.com/mattermost/mattermost/server/public/model"

	"meldbot/adapters/internal/fuzzing"
	"meldbot/bot/bottest"
)

// The fuzz targets send meldbot's listener what anyone on the network
// could, in front of the real bot on the sample organisation. Whatever
// comes in: no panic, no server error, and a request that is refused (4xx)
// changes nothing: no write to the store, no post made or changed.

// fuzzKey is the button key of the post the fuzz targets click on.
const fuzzKey = "fuzzkey"

// fuzzRig is a rig whose store counts its writes, and whose log counts
// panics.
type fuzzRig struct {
	*rig
	writes *fuzzing.Writes
	panics *fuzzing.Panics
}

func newFuzzRig(f *testing.F) *fuzzRig {
	writes, panics := &fuzzing.Writes{Store: bottest.NewMemStore()}, &fuzzing.Panics{}
	return &fuzzRig{rig: newRigOn(f, writes, panics), writes: writes, panics: panics}
}

// check sends one request and checks what it did.
func (r *fuzzRig) check(t *testing.T, send func() (int, string)) {
	writes, posts := r.writes.Count(), r.count()
	status, body := send()
	switch {
	case status >= 500:
		t.Fatalf("answered %d %q", status, body)
	case status >= 400 && (r.writes.Count() != writes || r.count() != posts):
		t.Fatalf("answered %d, yet changed the store or a post", status)
	case r.panics.Count() > 0:
		t.Fatal("a panic was logged")
	}
	if err := r.outbox.Flush(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// count counts the posts made and changed.
func (r *fuzzRig) count() int {
	r.f.mu.Lock()
	defer r.f.mu.Unlock()
	return len(r.f.posts) + len(r.f.patches)
}

// FuzzMattermostCommand posts slash command forms. With fresh, the form's
// trigger ID is replaced by one the server signed for its user_id, so the
// fuzzer gets past that check.
func FuzzMattermostCommand(f *testing.F) {
	r := newFuzzRig(f)
	f.Add(r.commandForm("sanneid", "").Encode(), false) // its trigger ID is used once
	f.Fuzz(func(t *testing.T, body string, fresh bool) {
		r.check(t, func() (int, string) {
			if form, err := url.ParseQuery(body); err == nil && fresh && form.Get("user_id") != "" {
				form.Set("trigger_id", r.f.trigger(form.Get("user_id")))
				body = form.Encode()
			}
			return postBody(t, r.srv.URL+"/hooks/meldbot/command", "application/x-www-form-urlencoded", body)
		})
	})
}

// FuzzMattermostAction posts button callbacks. With fresh, the trigger ID
// is replaced by one the server signed for the callback's user_id; with
// sign, the context's MAC by meldbot's own over the callback's channel and
// user and the context's key, time and value, so the fuzzer reaches the
// checks of the post and the bot itself. Sanne's first question is post1,
// with the button key fuzzKey, and so are the seeds.
func FuzzMattermostAction(f *testing.F) {
	r := newFuzzRig(f)
	r.command(r.commandForm("sanneid", ""))
	q := r.latestButtons("dm-sanneid")
	r.f.mu.Lock()
	r.f.posts[q.Id].AddProp(buttonKeyProp, fuzzKey)
	r.f.mu.Unlock()
	r.a.posts.forget(q.Id)
	for _, label := range []string{"Bedreiging", "Verbale", "Verder"} {
		ctx := buttonContext(f, q, label)
		ctx[ctxKey] = fuzzKey
		f.Add(clickBody(r.f, "sanneid", q.Id, "dm-sanneid", ctx), true, true)
	}
	f.Fuzz(func(t *testing.T, body string, fresh, sign bool) {
		r.check(t, func() (int, string) {
			var req model.PostActionIntegrationRequest
			if json.Unmarshal([]byte(body), &req) == nil && (fresh || sign) {
				if fresh && req.UserId != "" {
					req.TriggerId = r.f.trigger(req.UserId)
				}
				if sign && req.Context != nil {
					v, _ := req.Context[ctxValue].(string)
					k, _ := req.Context[ctxKey].(string)
					t, _ := req.Context[ctxIssued].(string)
					req.Context[ctxMAC] = base64.RawURLEncoding.EncodeToString(mac(r.a.signer.key, macLabel, req.ChannelId, req.UserId, k, t, v))
				}
				b, _ := json.Marshal(req)
				body = string(b)
			}
			return postJSON(t, r.srv.URL+"/hooks/meldbot/action", body)
		})
	})
}
