package mattermost

import (
	"context"
	"io"
	"net/http/httptest"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/rs/zerolog"

	"meldbot/bot"
	"meldbot/bot/bottest"
	"meldbot/bot/outbox"
)

// rig is meldbot's Mattermost listener in front of the real bot on the
// sample organisation, with the bot's store as the adapter's: what the bot
// sends goes through the adapter to the fake server, as in production.
type rig struct {
	t      testing.TB
	f      *fakeAPI
	a      *Adapter
	store  bot.Store
	outbox *outbox.Dispatcher
	srv    *httptest.Server
	logs   *bottest.Buffer // the adapter's log, with the bot's warnings (newRig)
}

func newRig(t testing.TB) *rig {
	logs := &bottest.Buffer{}
	r := newRigOn(t, bottest.NewMemStore(), logs)
	r.logs = logs
	return r
}

// newRigOn is newRig on the given store, logging to out.
func newRigOn(t testing.TB, store bot.Store, out io.Writer) *rig {
	t.Helper()
	f := newFakeAPI()
	a, _ := newTestAdapterOn(t, f, nil, store)
	a.log = zerolog.New(out)
	a.tokens.add("goodtoken")
	log := zerolog.New(out).Level(zerolog.WarnLevel)
	clock := bottest.NewClock(bottest.Friday)
	b, err := bot.New(bot.Config{Org: bottest.SampleOrg(t), Store: store, Clock: clock, Log: log})
	if err != nil {
		t.Fatal(err)
	}
	outbox := outbox.New(store, a, clock, log)
	outbox.OnUnreachable(b.Unreachable)
	srv := httptest.NewServer(a.handler(b))
	t.Cleanup(srv.Close)
	return &rig{t: t, f: f, a: a, store: store, srv: srv, outbox: outbox}
}

// flush delivers what the bot queued.
func (r *rig) flush() {
	r.t.Helper()
	if err := r.outbox.Flush(context.Background()); err != nil {
		r.t.Fatal(err)
	}
}

// commandForm is the form Mattermost posts when the user with ID userID
// runs /incident args.
func (r *rig) commandForm(userID, args string) url.Values {
	return url.Values{"token": {"goodtoken"}, "user_id": {userID}, "command": {"/incident"}, "text": {args},
		"channel_id": {"town-square"}, "team_id": {"teamid"}, "trigger_id": {r.f.trigger(userID)}}
}

// command posts a slash command form and delivers what the bot queued.
func (r *rig) command(form url.Values) (int, string) {
	r.t.Helper()
	status, body := postForm(r.t, r.srv.URL+"/hooks/meldbot/command", form)
	r.flush()
	return status, body
}

// click posts a button callback and delivers what the bot queued.
func (r *rig) click(body string) (int, string) {
	r.t.Helper()
	status, resp := postJSON(r.t, r.srv.URL+"/hooks/meldbot/action", body)
	r.flush()
	return status, resp
}

// latestButtons returns the newest post with buttons in a channel.
func (r *rig) latestButtons(channelID string) *model.Post {
	r.t.Helper()
	r.f.mu.Lock()
	defer r.f.mu.Unlock()
	var ps []*model.Post
	for _, p := range r.f.posts {
		if p.ChannelId == channelID && len(buttons(r.t, p)) > 0 {
			ps = append(ps, p)
		}
	}
	if len(ps) == 0 {
		r.t.Fatalf("no post with buttons in %s", channelID)
	}
	n := func(p *model.Post) int { i, _ := strconv.Atoi(strings.TrimPrefix(p.Id, "post")); return i }
	sort.Slice(ps, func(i, j int) bool { return n(ps[i]) < n(ps[j]) })
	return deepCopy(ps[len(ps)-1])
}

// ticked returns the choices the person has ticked on the current question.
func (r *rig) ticked(email string) []string {
	r.t.Helper()
	var c bot.Conversation
	if err := r.store.View(context.Background(), func(tx bot.Tx) (err error) {
		c, err = tx.Conversation(bot.EmailOf(email))
		return err
	}); err != nil {
		r.t.Fatal(err)
	}
	return c.Selecting
}

// message returns what a post says now.
func (r *rig) message(postID string) string {
	r.f.mu.Lock()
	defer r.f.mu.Unlock()
	return r.f.posts[postID].Message
}
