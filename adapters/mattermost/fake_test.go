package mattermost

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/rs/zerolog"

	"meldbot/bot"
	"meldbot/bot/bottest"
)

// fakeAPI is an in-memory Mattermost with the calls the adapter makes.
type fakeAPI struct {
	mu       sync.Mutex
	users    map[string]*model.User // by ID
	posts    map[string]*model.Post
	patches  []*model.PostPatch
	files    map[string][]byte
	commands []*model.Command
	teams    map[string]*model.Team // by name
	opened   map[string]bool        // direct channels CreateDirectChannel made
	calls    map[string]int
	n        int
	// fail, when set, makes the named call fail with this status, and
	// failID gives the error's ID (else "fake.error"). failErr makes the
	// call fail without an answer from the server, as a timeout does.
	fail    map[string]int
	failID  map[string]string
	failErr map[string]error
	// signing is the server's own key, with which it signs the trigger ID
	// of every slash command and button click (Mattermost's
	// AsymmetricSigningKey).
	signing *ecdsa.PrivateKey
}

func newFakeAPI() *fakeAPI {
	f := &fakeAPI{users: map[string]*model.User{}, posts: map[string]*model.Post{}, files: map[string][]byte{},
		teams: map[string]*model.Team{}, calls: map[string]int{}, fail: map[string]int{}, opened: map[string]bool{},
		failID: map[string]string{}, failErr: map[string]error{}}
	f.users["botid"] = &model.User{Id: "botid", Username: "meldbot", IsBot: true}
	f.addUser("sanneid", "sanne.visser", "Sanne.Visser@voorbeeldrode.nl", "Sanne", "Visser")
	f.addUser("peterid", "peter.bakker", "peter.bakker@voorbeeldrode.nl", "Peter", "Bakker")
	f.teams["gemeente"] = &model.Team{Id: "teamid", Name: "gemeente"}
	var err error
	if f.signing, err = ecdsa.GenerateKey(elliptic.P256(), rand.Reader); err != nil {
		panic(err)
	}
	return f
}

// trigger returns the trigger ID the server gives a slash command or a
// click by the user with ID userID, now.
func (f *fakeAPI) trigger(userID string) string {
	_, id, err := model.GenerateTriggerId(userID, f.signing)
	if err != nil {
		panic(err)
	}
	return id
}

// GetClientConfig publishes the server's public signing key, as Mattermost
// does to anyone.
func (f *fakeAPI) GetClientConfig(ctx context.Context, etag string) (map[string]string, *model.Response, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if r, err := f.call("GetClientConfig"); err != nil {
		return nil, r, err
	}
	der, err := x509.MarshalPKIXPublicKey(&f.signing.PublicKey)
	if err != nil {
		return nil, nil, err
	}
	return map[string]string{"AsymmetricSigningPublicKey": base64.StdEncoding.EncodeToString(der)}, nil, nil
}

func (f *fakeAPI) addUser(id, username, email, first, last string) {
	f.users[id] = &model.User{Id: id, Username: username, Email: email, FirstName: first, LastName: last}
}

// call counts a call and returns the configured failure, if any.
func (f *fakeAPI) call(name string) (*model.Response, error) {
	f.calls[name]++
	if err, ok := f.failErr[name]; ok {
		return nil, err
	}
	if status, ok := f.fail[name]; ok {
		id := "fake.error"
		if f.failID[name] != "" {
			id = f.failID[name]
		}
		return &model.Response{StatusCode: status}, model.NewAppError(name, id, nil, "", status)
	}
	return &model.Response{StatusCode: http.StatusOK}, nil
}

// refuse makes every later call of call fail with status and error ID id.
func (f *fakeAPI) refuse(call string, status int, id string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.fail[call], f.failID[call] = status, id
}

// allow ends a refuse.
func (f *fakeAPI) allow(call string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	delete(f.fail, call)
	delete(f.failID, call)
}

func (f *fakeAPI) count(name string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls[name]
}

func (f *fakeAPI) id(prefix string) string {
	f.n++
	return fmt.Sprintf("%s%d", prefix, f.n)
}

func (f *fakeAPI) GetMe(ctx context.Context, etag string) (*model.User, *model.Response, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if r, err := f.call("GetMe"); err != nil {
		return nil, r, err
	}
	return f.users["botid"], nil, nil
}

func (f *fakeAPI) GetUser(ctx context.Context, id, etag string) (*model.User, *model.Response, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if r, err := f.call("GetUser"); err != nil {
		return nil, r, err
	}
	if u, ok := f.users[id]; ok {
		return u, nil, nil
	}
	return nil, &model.Response{StatusCode: 404}, model.NewAppError("GetUser", "not.found", nil, "", 404)
}

func (f *fakeAPI) GetUserByEmail(ctx context.Context, email, etag string) (*model.User, *model.Response, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if r, err := f.call("GetUserByEmail"); err != nil {
		return nil, r, err
	}
	for _, u := range f.users {
		if strings.EqualFold(u.Email, email) {
			return u, nil, nil
		}
	}
	return nil, &model.Response{StatusCode: 404}, model.NewAppError("GetUserByEmail", "not.found", nil, "", 404)
}

func (f *fakeAPI) GetUserByUsername(ctx context.Context, name, etag string) (*model.User, *model.Response, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if r, err := f.call("GetUserByUsername"); err != nil {
		return nil, r, err
	}
	for _, u := range f.users {
		if u.Username == name {
			return u, nil, nil
		}
	}
	return nil, &model.Response{StatusCode: 404}, model.NewAppError("GetUserByUsername", "not.found", nil, "", 404)
}

func (f *fakeAPI) CreateDirectChannel(ctx context.Context, a, b string) (*model.Channel, *model.Response, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if r, err := f.call("CreateDirectChannel"); err != nil {
		return nil, r, err
	}
	f.opened["dm-"+b] = true
	return &model.Channel{Id: "dm-" + b, Type: model.ChannelTypeDirect, Name: model.GetDMNameFromIds(a, b)}, nil, nil
}

func (f *fakeAPI) CreatePost(ctx context.Context, p *model.Post) (*model.Post, *model.Response, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if r, err := f.call("CreatePost"); err != nil {
		return nil, r, err
	}
	c := p.Clone()
	c.Id = f.id("post")
	c.UserId = "botid"
	if c.CreateAt == 0 {
		c.CreateAt = model.GetMillis()
		c.UpdateAt = c.CreateAt
	}
	f.posts[c.Id] = c
	return c, nil, nil
}

func (f *fakeAPI) PatchPost(ctx context.Context, id string, patch *model.PostPatch) (*model.Post, *model.Response, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if r, err := f.call("PatchPost"); err != nil {
		return nil, r, err
	}
	p, ok := f.posts[id]
	if !ok {
		return nil, &model.Response{StatusCode: 404}, model.NewAppError("PatchPost", "not.found", nil, "", 404)
	}
	p.Patch(patch)
	f.patches = append(f.patches, patch)
	return p, nil, nil
}

func (f *fakeAPI) GetPost(ctx context.Context, id, etag string) (*model.Post, *model.Response, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if r, err := f.call("GetPost"); err != nil {
		return nil, r, err
	}
	p, ok := f.posts[id]
	if !ok {
		return nil, &model.Response{StatusCode: 404}, model.NewAppError("GetPost", "not.found", nil, "", 404)
	}
	// As the server: the buttons' callbacks stay on the server. (Clone
	// shares the attachments, so strip a copy.)
	c := deepCopy(p)
	c.StripActionIntegrations()
	return c, nil, nil
}

// deepCopy copies a post with its attachments, as a fresh read from the
// server would.
func deepCopy(p *model.Post) *model.Post {
	b, err := json.Marshal(p)
	if err != nil {
		panic(err)
	}
	var c model.Post
	if err := json.Unmarshal(b, &c); err != nil {
		panic(err)
	}
	return &c
}

// GetChannel knows the direct channels CreateDirectChannel makes.
func (f *fakeAPI) GetChannel(ctx context.Context, id, etag string) (*model.Channel, *model.Response, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if r, err := f.call("GetChannel"); err != nil {
		return nil, r, err
	}
	if user, ok := strings.CutPrefix(id, "dm-"); ok {
		return &model.Channel{Id: id, Type: model.ChannelTypeDirect, Name: model.GetDMNameFromIds("botid", user)}, nil, nil
	}
	return nil, &model.Response{StatusCode: 404}, model.NewAppError("GetChannel", "not.found", nil, "", 404)
}

func (f *fakeAPI) GetPostsSince(ctx context.Context, ch string, since int64, collapsed bool) (*model.PostList, *model.Response, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if r, err := f.call("GetPostsSince"); err != nil {
		return nil, r, err
	}
	// As the server: every post changed after since, newest first.
	var changed []*model.Post
	for _, p := range f.posts {
		if p.ChannelId == ch && p.UpdateAt > since {
			changed = append(changed, p)
		}
	}
	sort.Slice(changed, func(i, j int) bool { return changed[i].CreateAt > changed[j].CreateAt })
	list := model.NewPostList()
	for _, p := range changed {
		list.AddPost(p.Clone())
		list.AddOrder(p.Id)
	}
	return list, nil, nil
}

// GetChannelsForUserWithLastDeleteAt lists the bot's direct channels: those
// with posts and those CreateDirectChannel opened.
func (f *fakeAPI) GetChannelsForUserWithLastDeleteAt(ctx context.Context, user string, lastDeleteAt int) ([]*model.Channel, *model.Response, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if r, err := f.call("GetChannelsForUser"); err != nil {
		return nil, r, err
	}
	last := map[string]int64{}
	for id := range f.opened {
		last[id] = 0
	}
	for _, p := range f.posts {
		if strings.HasPrefix(p.ChannelId, "dm-") {
			last[p.ChannelId] = max(last[p.ChannelId], p.CreateAt)
		}
	}
	var out []*model.Channel
	for id, at := range last {
		out = append(out, &model.Channel{Id: id, Type: model.ChannelTypeDirect,
			Name: model.GetDMNameFromIds(user, strings.TrimPrefix(id, "dm-")), LastPostAt: at})
	}
	return out, nil, nil
}

func (f *fakeAPI) UploadFile(ctx context.Context, data []byte, ch, name string) (*model.FileUploadResponse, *model.Response, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if r, err := f.call("UploadFile"); err != nil {
		return nil, r, err
	}
	id := f.id("file")
	f.files[id] = bytes.Clone(data)
	return &model.FileUploadResponse{FileInfos: []*model.FileInfo{{Id: id, Name: name, ChannelId: ch}}}, nil, nil
}

func (f *fakeAPI) GetTeam(ctx context.Context, id, etag string) (*model.Team, *model.Response, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, t := range f.teams {
		if t.Id == id {
			return t, nil, nil
		}
	}
	return nil, &model.Response{StatusCode: 404}, model.NewAppError("GetTeam", "not.found", nil, "", 404)
}

func (f *fakeAPI) GetTeamByName(ctx context.Context, name, etag string) (*model.Team, *model.Response, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if t, ok := f.teams[name]; ok {
		return t, nil, nil
	}
	return nil, &model.Response{StatusCode: 404}, model.NewAppError("GetTeamByName", "not.found", nil, "", 404)
}

func (f *fakeAPI) ListCommands(ctx context.Context, team string, custom bool) ([]*model.Command, *model.Response, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if r, err := f.call("ListCommands"); err != nil {
		return nil, r, err
	}
	var out []*model.Command
	for _, c := range f.commands {
		if c.TeamId == team {
			cc := *c
			out = append(out, &cc)
		}
	}
	return out, nil, nil
}

func (f *fakeAPI) CreateCommand(ctx context.Context, c *model.Command) (*model.Command, *model.Response, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if r, err := f.call("CreateCommand"); err != nil {
		return nil, r, err
	}
	cc := *c
	cc.Id, cc.Token = f.id("cmd"), "tok"+f.id("")
	f.commands = append(f.commands, &cc)
	return &cc, nil, nil
}

func (f *fakeAPI) UpdateCommand(ctx context.Context, c *model.Command) (*model.Command, *model.Response, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if r, err := f.call("UpdateCommand"); err != nil {
		return nil, r, err
	}
	for i, have := range f.commands {
		if have.Id == c.Id {
			cc := *c
			f.commands[i] = &cc
			return &cc, nil, nil
		}
	}
	return nil, &model.Response{StatusCode: 404}, model.NewAppError("UpdateCommand", "not.found", nil, "", 404)
}

// recorder is a bot.Handler that records the events it gets.
type recorder struct {
	// before, when set, is called with each event before it is handled.
	before func(bot.Event)

	mu     sync.Mutex
	events []bot.Event
	fails  int // the next calls that fail, as on a store that cannot write
	got    chan bot.Event
}

func newRecorder() *recorder { return &recorder{got: make(chan bot.Event, 100)} }

func (r *recorder) Handle(ctx context.Context, ev bot.Event) error {
	if r.before != nil {
		r.before(ev)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.fails > 0 {
		r.fails--
		return errors.New("disk full")
	}
	r.events = append(r.events, ev)
	r.got <- ev
	return nil
}

func (r *recorder) CommandAck(ctx context.Context, u bot.User) string {
	return "Ik antwoord je in een privébericht."
}

func (r *recorder) FailureNotice(ctx context.Context, u bot.User) string {
	return "Door een storing kon ik je laatste bericht niet verwerken."
}

func (r *recorder) Unidentified(context.Context) string { return "Ik kan niet zien wie je bent." }

func (r *recorder) all() []bot.Event {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]bot.Event(nil), r.events...)
}

// next waits for the next event.
func (r *recorder) next(t *testing.T) bot.Event {
	t.Helper()
	select {
	case ev := <-r.got:
		return ev
	case <-time.After(5 * time.Second):
		t.Fatal("no event handled within 5s")
		return nil
	}
}

const testSecret = "0123456789abcdef-test-secret"

// newTestAdapter returns an adapter on a fake API and an empty store, with
// its log.
func newTestAdapter(t testing.TB, f *fakeAPI, dial dialer) (*Adapter, *bottest.Buffer) {
	t.Helper()
	return newTestAdapterOn(t, f, dial, bottest.NewMemStore())
}

// newTestAdapterOn returns an adapter on a fake API and the given store, as
// after a restart.
func newTestAdapterOn(t testing.TB, f *fakeAPI, dial dialer, store bot.Store) (*Adapter, *bottest.Buffer) {
	t.Helper()
	logs := &bottest.Buffer{}
	a, err := newAdapter(Config{
		URL: "http://mm.test", Token: "bottoken", Teams: []string{"gemeente"}, Listen: "127.0.0.1:0",
		CallbackURL: "http://127.0.0.1:9/hooks/meldbot", Secret: []byte(testSecret),
		Marks: bot.BookmarksIn(store), Log: zerolog.New(logs),
	}, f, dial)
	if err != nil {
		t.Fatal(err)
	}
	a.timeouts.backoffMin, a.timeouts.backoffMax = 5*time.Millisecond, 20*time.Millisecond
	a.timeouts.retries = []time.Duration{time.Millisecond, time.Millisecond}
	return a, logs
}

// waitUntil waits up to 5 seconds for cond, polling, and fails the test
// with what it waited for when it does not come.
func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("waited 5s for %s", what)
		}
		time.Sleep(time.Millisecond)
	}
}
