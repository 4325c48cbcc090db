package slack

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rs/zerolog"
	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slacktest"

	"meldbot/bot"
	"meldbot/bot/bottest"
)

// workspace is a fake Slack workspace on loopback: slacktest's server with
// the Web API methods meldbot uses added or replaced, recording what the
// bot posts, plus a Socket Mode endpoint (socketServer) that speaks Slack's
// envelope protocol.
type workspace struct {
	t    testing.TB
	srv  *slacktest.Server
	sock *socketServer

	mu       sync.Mutex
	members  map[string]member // by Slack user ID
	messages []message         // every post and update, in order
	uploads  []upload
	calls    map[string][]time.Time   // method → when it was called
	failures map[string][]failure     // method → answers to give before the real one
	held     map[string]chan struct{} // channel → closed when its history may be read
	seq      int
}

type member struct{ ID, Email, Name string }

// message is a chat.postMessage or chat.update as the fake received it.
type message struct {
	Method   string
	Channel  string
	TS       string
	Text     string   // the notification text
	Sections []string // the mrkdwn of the section blocks
	Buttons  []shownButton
	Metadata string // the metadata JSON a post was given, if any
	Deleted  bool
	User     string // set on what a person typed (Method "typed")
}

type shownButton struct{ BlockID, ActionID, Label, Value, Style string }

type upload struct {
	FileID, Name string
	Data         []byte
	Channel      string // set when the upload was completed
}

// failure is a scripted answer to one call of a method.
type failure struct {
	status     int
	retryAfter string
	body       string
	then       func() // runs after the answer is chosen
}

const botUserID = "UBOT"

func newWorkspace(t testing.TB, people ...member) *workspace {
	t.Helper()
	w := &workspace{t: t, sock: newSocketServer(), members: map[string]member{},
		calls: map[string][]time.Time{}, failures: map[string][]failure{}}
	for _, m := range people {
		w.members[m.ID] = m
	}
	w.srv = slacktest.NewTestServer(func(c slacktest.Customize) {
		c.Handle("/auth.test", w.method("auth.test", w.authTest))
		c.Handle("/users.info", w.method("users.info", w.usersInfo))
		c.Handle("/users.lookupByEmail", w.method("users.lookupByEmail", w.lookupByEmail))
		c.Handle("/conversations.open", w.method("conversations.open", w.conversationsOpen))
		c.Handle("/chat.postMessage", w.method("chat.postMessage", w.chat))
		c.Handle("/chat.update", w.method("chat.update", w.chat))
		c.Handle("/conversations.history", w.method("conversations.history", w.history))
		c.Handle("/files.getUploadURLExternal", w.method("files.getUploadURLExternal", w.getUploadURL))
		c.Handle("/upload/", w.method("upload", w.upload))
		c.Handle("/files.completeUploadExternal", w.method("files.completeUploadExternal", w.completeUpload))
		c.Handle("/ws", slacktest.Websocket(w.sock.serve))
	})
	w.srv.Start()
	t.Cleanup(w.srv.Stop)
	return w
}

// orgMembers gives every person of the organisation a Slack account.
func orgMembers(org *bot.Organisation) []member {
	var ms []member
	for i, p := range org.People {
		ms = append(ms, member{ID: fmt.Sprintf("U%03d", i+1), Email: string(p.Email), Name: p.Name})
	}
	return ms
}

// adapter returns an Adapter in Socket Mode on this workspace, without
// pacing; change lets a test adjust it.
func (w *workspace) adapter(change ...func(*deps)) *Adapter {
	api := slack.New("xoxb-test", slack.OptionAPIURL(w.srv.GetAPIURL()), slack.OptionAppLevelToken("xapp-test"))
	d := deps{api: api, socket: newSocket(api), marks: bot.BookmarksIn(bottest.NewMemStore()), log: zerolog.New(zerolog.NewTestWriter(w.t)),
		retries: []time.Duration{time.Millisecond, time.Millisecond}}
	for _, f := range change {
		f(&d)
	}
	return newAdapter(d)
}

// run runs a until the test ends, or until the returned stop is called.
func run(t testing.TB, a *Adapter, h bot.Handler) (stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx, h) }()
	var once sync.Once
	stop = func() {
		once.Do(func() {
			cancel()
			select {
			case err := <-done:
				if err != nil {
					t.Errorf("Run: %v", err)
				}
			case <-time.After(10 * time.Second):
				t.Error("Run did not return after its context was cancelled")
			}
		})
	}
	t.Cleanup(stop)
	return stop
}

func (w *workspace) dm(userID string) string { return "D" + strings.TrimPrefix(userID, "U") }

// id returns the Slack user ID of an e-mail address.
func (w *workspace) id(email string) string {
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, m := range w.members {
		if strings.EqualFold(m.Email, email) {
			return m.ID
		}
	}
	w.t.Fatalf("no Slack user with address %s", email)
	return ""
}

// failNext makes the next call of method get f instead of its answer.
func (w *workspace) failNext(method string, f failure) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.failures[method] = append(w.failures[method], f)
}

// called returns how often method was called.
func (w *workspace) called(method string) int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return len(w.calls[method])
}

// callTimes returns when method was called.
func (w *workspace) callTimes(method string) []time.Time {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]time.Time(nil), w.calls[method]...)
}

// posted returns every post and update of the bot so far.
func (w *workspace) posted() []message {
	w.mu.Lock()
	defer w.mu.Unlock()
	var out []message
	for _, m := range w.messages {
		if m.Method != "typed" {
			out = append(out, m)
		}
	}
	return out
}

func (w *workspace) uploaded() []upload {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]upload(nil), w.uploads...)
}

// method records a call and gives a scripted failure if one waits.
func (w *workspace) method(name string, h http.HandlerFunc) http.HandlerFunc {
	return func(rw http.ResponseWriter, r *http.Request) {
		w.mu.Lock()
		w.calls[name] = append(w.calls[name], time.Now())
		var f *failure
		if q := w.failures[name]; len(q) > 0 {
			f, w.failures[name] = &q[0], q[1:]
		}
		w.mu.Unlock()
		if f == nil {
			h(rw, r)
			return
		}
		if f.retryAfter != "" {
			rw.Header().Set("Retry-After", f.retryAfter)
		}
		rw.WriteHeader(f.status)
		_, _ = io.WriteString(rw, f.body)
		if f.then != nil {
			f.then()
		}
	}
}

func reply(rw http.ResponseWriter, v any) {
	rw.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(rw).Encode(v)
}

func (w *workspace) authTest(rw http.ResponseWriter, r *http.Request) {
	reply(rw, map[string]any{"ok": true, "url": "https://voorbeeldrode.slack.com/", "team": "Gemeente Voorbeeldrode",
		"user": "meldbot", "team_id": "T0VBR", "user_id": botUserID, "bot_id": "BBOT"})
}

func (w *workspace) userJSON(m member) map[string]any {
	return map[string]any{"id": m.ID, "name": strings.Split(m.Email, "@")[0], "real_name": m.Name,
		"profile": map[string]any{"email": m.Email, "real_name": m.Name}}
}

func (w *workspace) usersInfo(rw http.ResponseWriter, r *http.Request) {
	w.mu.Lock()
	m, ok := w.members[r.FormValue("user")]
	w.mu.Unlock()
	if !ok {
		reply(rw, map[string]any{"ok": false, "error": "user_not_found"})
		return
	}
	reply(rw, map[string]any{"ok": true, "user": w.userJSON(m)})
}

func (w *workspace) lookupByEmail(rw http.ResponseWriter, r *http.Request) {
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, m := range w.members {
		if strings.EqualFold(m.Email, r.FormValue("email")) {
			reply(rw, map[string]any{"ok": true, "user": w.userJSON(m)})
			return
		}
	}
	reply(rw, map[string]any{"ok": false, "error": "users_not_found"})
}

func (w *workspace) conversationsOpen(rw http.ResponseWriter, r *http.Request) {
	users := strings.Split(r.FormValue("users"), ",")
	if len(users) != 1 || users[0] == "" {
		reply(rw, map[string]any{"ok": false, "error": "invalid_users"})
		return
	}
	reply(rw, map[string]any{"ok": true, "channel": map[string]any{"id": w.dm(users[0]), "is_im": true}})
}

// chat records chat.postMessage and chat.update. A post gets a new,
// unique ts; an update must name a message that exists.
func (w *workspace) chat(rw http.ResponseWriter, r *http.Request) {
	m := message{Method: strings.TrimPrefix(r.URL.Path, "/"), Channel: r.FormValue("channel"), TS: r.FormValue("ts"), Text: r.FormValue("text"),
		Metadata: r.FormValue("metadata")}
	var blocks []struct {
		Type    string `json:"type"`
		BlockID string `json:"block_id"`
		Text    *struct {
			Type, Text string
		} `json:"text"`
		Elements []struct {
			Type     string `json:"type"`
			ActionID string `json:"action_id"`
			Value    string `json:"value"`
			Style    string `json:"style"`
			Text     struct{ Text string }
		} `json:"elements"`
	}
	if err := json.Unmarshal([]byte(r.FormValue("blocks")), &blocks); err != nil {
		reply(rw, map[string]any{"ok": false, "error": "invalid_blocks"})
		return
	}
	for _, b := range blocks {
		switch b.Type {
		case "section":
			m.Sections = append(m.Sections, b.Text.Text)
		case "actions":
			for _, e := range b.Elements {
				m.Buttons = append(m.Buttons, shownButton{BlockID: b.BlockID, ActionID: e.ActionID, Label: e.Text.Text, Value: e.Value, Style: e.Style})
			}
		}
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if m.Method == "chat.update" {
		found := false
		for _, old := range w.messages {
			found = found || (old.Method == "chat.postMessage" && old.Channel == m.Channel && old.TS == m.TS)
		}
		if !found {
			reply(rw, map[string]any{"ok": false, "error": "message_not_found"})
			return
		}
	} else {
		m.TS = w.nextTS()
	}
	w.messages = append(w.messages, m)
	reply(rw, map[string]any{"ok": true, "channel": m.Channel, "ts": m.TS, "text": m.Text})
}

// history answers conversations.history as Slack does: the messages of a
// channel after oldest (from it, when inclusive), newest first, in pages of limit, with
// their metadata only when include_all_metadata is set.
func (w *workspace) history(rw http.ResponseWriter, r *http.Request) {
	w.mu.Lock()
	wait := w.held[r.FormValue("channel")]
	w.mu.Unlock()
	if wait != nil {
		<-wait
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	oldest, inclusive, limit := r.FormValue("oldest"), r.FormValue("inclusive") == "1", 100
	fmt.Sscan(r.FormValue("limit"), &limit)
	skip := 0
	fmt.Sscan(r.FormValue("cursor"), &skip)
	var msgs []map[string]any
	for i := len(w.messages) - 1; i >= 0; i-- {
		m := w.messages[i]
		if m.Method != "chat.postMessage" && m.Method != "typed" || m.Channel != r.FormValue("channel") || m.Deleted ||
			m.TS < oldest || m.TS == oldest && !inclusive {
			continue
		}
		j := map[string]any{"type": "message", "ts": m.TS, "text": m.Text, "bot_id": "BBOT", "user": botUserID}
		if m.Method == "typed" {
			j = map[string]any{"type": "message", "ts": m.TS, "text": m.Text, "user": m.User}
		}
		if m.Metadata != "" && r.FormValue("include_all_metadata") == "1" {
			j["metadata"] = json.RawMessage(m.Metadata)
		}
		msgs = append(msgs, j)
	}
	msgs = msgs[min(skip, len(msgs)):]
	more := len(msgs) > limit
	answer := map[string]any{"ok": true, "messages": msgs[:min(limit, len(msgs))], "has_more": more}
	if more {
		answer["response_metadata"] = map[string]any{"next_cursor": fmt.Sprint(skip + limit)}
	}
	reply(rw, answer)
}

// holdHistory makes reading a conversation's history wait until release
// is called (at the latest when the test ends).
func (w *workspace) holdHistory(channel string) (release func()) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.held == nil {
		w.held = map[string]chan struct{}{}
	}
	ch := make(chan struct{})
	w.held[channel] = ch
	var once sync.Once
	release = func() { once.Do(func() { close(ch) }) }
	w.t.Cleanup(release)
	return release
}

// nextTS returns the ts of a new message; the caller holds w.mu.
func (w *workspace) nextTS() string {
	w.seq++
	return fmt.Sprintf("1764252000.%06d", w.seq)
}

// botPosted puts a post of meldbot's in a person's direct conversation
// directly, as one made by an earlier run, and returns its ts.
func (w *workspace) botPosted(m member, text string) string {
	w.mu.Lock()
	defer w.mu.Unlock()
	ts := w.nextTS()
	w.messages = append(w.messages, message{Method: "chat.postMessage", Channel: w.dm(m.ID), TS: ts, Text: text})
	return ts
}

// say has a person type text in their direct conversation with the bot
// without telling the bot, as while meldbot does not listen: it is only in
// the conversation's history. It returns the message's ts.
func (w *workspace) say(m member, text string) string {
	w.mu.Lock()
	defer w.mu.Unlock()
	ts := w.nextTS()
	w.messages = append(w.messages, message{Method: "typed", Channel: w.dm(m.ID), TS: ts, Text: text, User: m.ID})
	return ts
}

func (w *workspace) getUploadURL(rw http.ResponseWriter, r *http.Request) {
	w.mu.Lock()
	w.seq++
	id := fmt.Sprintf("F%03d", w.seq)
	w.uploads = append(w.uploads, upload{FileID: id, Name: r.FormValue("filename")})
	w.mu.Unlock()
	reply(rw, map[string]any{"ok": true, "upload_url": w.srv.GetAPIURL() + "upload/" + id, "file_id": id})
}

func (w *workspace) upload(rw http.ResponseWriter, r *http.Request) {
	f, _, err := r.FormFile("file")
	if err != nil {
		http.Error(rw, err.Error(), http.StatusBadRequest)
		return
	}
	data, _ := io.ReadAll(f)
	id := strings.TrimPrefix(r.URL.Path, "/upload/")
	w.mu.Lock()
	for i := range w.uploads {
		if w.uploads[i].FileID == id {
			w.uploads[i].Data = data
		}
	}
	w.mu.Unlock()
	_, _ = io.WriteString(rw, "OK - "+fmt.Sprint(len(data)))
}

func (w *workspace) completeUpload(rw http.ResponseWriter, r *http.Request) {
	var files []struct{ ID, Title string }
	if err := json.Unmarshal([]byte(r.FormValue("files")), &files); err != nil || len(files) != 1 {
		reply(rw, map[string]any{"ok": false, "error": "invalid_arguments"})
		return
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	for i := range w.uploads {
		if w.uploads[i].FileID == files[0].ID && w.uploads[i].Data != nil {
			w.uploads[i].Channel = r.FormValue("channel_id")
			reply(rw, map[string]any{"ok": true, "files": []map[string]string{{"id": files[0].ID, "title": files[0].Title}}})
			return
		}
	}
	reply(rw, map[string]any{"ok": false, "error": "file_not_found"})
}

// recorder is a bot.Handler that records the events it gets and passes
// them on to next, if set. When gate is set, Handle waits for it to close
// before it handles an event.
type recorder struct {
	next bot.Handler
	gate chan struct{}

	mu      sync.Mutex
	entered int // calls of Handle so far, finished or not
	events  []bot.Event
	fails   int // the next calls that fail, as on a store that cannot write
}

func (r *recorder) Handle(ctx context.Context, ev bot.Event) error {
	r.mu.Lock()
	r.entered++
	if r.fails > 0 {
		r.fails--
		r.entered--
		r.mu.Unlock()
		return errors.New("disk full")
	}
	r.mu.Unlock()
	if r.gate != nil {
		<-r.gate
	}
	var err error
	if r.next != nil {
		err = r.next.Handle(ctx, ev)
	}
	r.mu.Lock()
	r.events = append(r.events, ev)
	r.mu.Unlock()
	return err
}

func (r *recorder) CommandAck(ctx context.Context, u bot.User) string {
	if r.next != nil {
		return r.next.CommandAck(ctx, u)
	}
	return "Ik antwoord je in een privébericht, " + u.Name + "."
}

func (r *recorder) FailureNotice(ctx context.Context, u bot.User) string {
	return "Door een storing kon ik je laatste bericht niet verwerken."
}

func (r *recorder) Unidentified(context.Context) string { return "Ik kan niet zien wie je bent." }

// busy returns how many calls of Handle have not finished.
func (r *recorder) busy() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.entered - len(r.events)
}

func (r *recorder) got() []bot.Event {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]bot.Event(nil), r.events...)
}

// waitFor returns the events once n have been handled.
func (r *recorder) waitFor(t *testing.T, n int) []bot.Event {
	t.Helper()
	if err := eventually(func() bool { return len(r.got()) >= n }); err != nil {
		t.Fatalf("waiting for %d events, got %d: %#v", n, len(r.got()), r.got())
	}
	return r.got()
}

// eventually polls cond until it holds or ten seconds have passed.
func eventually(cond func() bool) error {
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			return fmt.Errorf("condition not met within 10s")
		}
		time.Sleep(2 * time.Millisecond)
	}
	return nil
}
