package mattermost

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"meldbot/bot"
)

// fakeSocket is one websocket connection the test controls.
type fakeSocket struct {
	events    chan *model.WebSocketEvent
	responses chan *model.WebSocketResponse
	pings     chan bool
	closeOnce sync.Once
	closed    chan struct{}
}

func newFakeSocket() *fakeSocket {
	return &fakeSocket{events: make(chan *model.WebSocketEvent, 10), responses: make(chan *model.WebSocketResponse, 10),
		pings: make(chan bool, 1), closed: make(chan struct{})}
}

func (s *fakeSocket) Events() <-chan *model.WebSocketEvent       { return s.events }
func (s *fakeSocket) Responses() <-chan *model.WebSocketResponse { return s.responses }
func (s *fakeSocket) PingTimeouts() <-chan bool                  { return s.pings }
func (s *fakeSocket) Err() error                                 { return errors.New("connection reset") }
func (s *fakeSocket) Close()                                     { s.closeOnce.Do(func() { close(s.closed) }) }

// drop ends the connection as the server would.
func (s *fakeSocket) drop() { close(s.events); close(s.responses) }

// sockets hands out fake connections, failing the first few dials.
type sockets struct {
	mu      sync.Mutex
	fails   int
	conns   chan *fakeSocket
	dialled int
}

func (ss *sockets) dial(ctx context.Context) (socket, error) {
	ss.mu.Lock()
	ss.dialled++
	if ss.fails > 0 {
		ss.fails--
		ss.mu.Unlock()
		return nil, errors.New("connection refused")
	}
	ss.mu.Unlock()
	s := newFakeSocket()
	ss.conns <- s
	return s, nil
}

// posted is the websocket event for a post.
func posted(p *model.Post, channelType model.ChannelType) *model.WebSocketEvent {
	b, _ := json.Marshal(p)
	ev := model.NewWebSocketEvent(model.WebsocketEventPosted, "", p.ChannelId, "", nil, "")
	return ev.SetData(map[string]any{"post": string(b), "channel_type": string(channelType)})
}

func userPost(id, userID, channelID, text string, at int64) *model.Post {
	return &model.Post{Id: id, UserId: userID, ChannelId: channelID, Message: text, CreateAt: at, UpdateAt: at}
}

func runSocket(t *testing.T, a *Adapter, h bot.Handler) (stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); a.listenSocket(ctx, h) }()
	return func() { cancel(); <-done }
}

func awaitConn(t *testing.T, ss *sockets) *fakeSocket {
	t.Helper()
	select {
	case s := <-ss.conns:
		return s
	case <-time.After(5 * time.Second):
		t.Fatal("the adapter did not connect within 5s")
		return nil
	}
}

func TestDirectMessagesReachTheBotAsText(t *testing.T) {
	f := newFakeAPI()
	ss := &sockets{conns: make(chan *fakeSocket, 10)}
	a, _ := newTestAdapter(t, f, ss.dial)
	rec := newRecorder()
	defer runSocket(t, a, rec)()
	s := awaitConn(t, ss)

	s.responses <- &model.WebSocketResponse{Status: "OK", SeqReply: 1}
	s.events <- posted(userPost("p1", "botid", "dm-sanneid", "Wat is er gebeurd?", 1), model.ChannelTypeDirect)
	s.events <- posted(userPost("p2", "sanneid", "town-square", "in een kanaal", 2), model.ChannelTypeOpen)
	s.events <- posted(userPost("p3", "sanneid", "dm-sanneid", "Een klant werd boos.", 3), model.ChannelTypeDirect)
	ev := rec.next(t)
	// The post's ID goes with it: the bot handles a post once, also when
	// a catch-up after a crash offers it again.
	want := bot.Text{ID: "mattermost/botid/post/p3", User: bot.User{Email: "sanne.visser@voorbeeldrode.nl", Name: "Sanne Visser"}, Body: "Een klant werd boos."}
	if ev != want {
		t.Errorf("handled %#v, want %#v", ev, want)
	}
	if n := len(rec.all()); n != 1 {
		t.Errorf("%d events handled; the bot's own post and channel posts must be ignored", n)
	}
}

// One person's messages are handled in order, one at a time; another
// person's do not wait for them.
func TestDirectMessagesQueuePerPerson(t *testing.T) {
	f := newFakeAPI()
	ss := &sockets{conns: make(chan *fakeSocket, 10)}
	a, _ := newTestAdapter(t, f, ss.dial)
	release := make(chan struct{})
	rec := newRecorder()
	rec.before = func(ev bot.Event) {
		if ev.(bot.Text).Body == "eerste" {
			<-release
		}
	}
	defer runSocket(t, a, rec)()
	s := awaitConn(t, ss)

	s.events <- posted(userPost("p1", "sanneid", "dm-sanneid", "eerste", 1), model.ChannelTypeDirect)
	s.events <- posted(userPost("p2", "sanneid", "dm-sanneid", "tweede", 2), model.ChannelTypeDirect)
	s.events <- posted(userPost("p3", "peterid", "dm-peterid", "van Peter", 3), model.ChannelTypeDirect)
	if ev := rec.next(t).(bot.Text); ev.Body != "van Peter" {
		t.Errorf("while Sanne's first message was busy, %q was handled; want Peter's", ev.Body)
	}
	close(release)
	for _, want := range []string{"eerste", "tweede"} {
		if ev := rec.next(t).(bot.Text); ev.Body != want {
			t.Errorf("got %q, want %q: Sanne's messages in order", ev.Body, want)
		}
	}
}

func TestWebsocketReconnectsAndCatchesUpOnMissedMessages(t *testing.T) {
	f := newFakeAPI()
	ss := &sockets{conns: make(chan *fakeSocket, 10), fails: 0}
	a, logs := newTestAdapter(t, f, ss.dial)
	rec := newRecorder()
	defer runSocket(t, a, rec)()

	s := awaitConn(t, ss)
	first := userPost("p1", "sanneid", "dm-sanneid", "eerste", 100)
	f.mu.Lock()
	f.posts["p1"] = first
	f.mu.Unlock()
	s.events <- posted(first, model.ChannelTypeDirect)
	rec.next(t)

	// The connection drops; while it is down Sanne sends two messages, and
	// the next two connection attempts fail.
	ss.mu.Lock()
	ss.fails = 2
	ss.mu.Unlock()
	f.mu.Lock()
	f.posts["p2"] = userPost("p2", "sanneid", "dm-sanneid", "tweede", 200)
	f.posts["p3"] = userPost("p3", "sanneid", "dm-sanneid", "derde", 300)
	f.posts["p4"] = userPost("p4", "botid", "dm-sanneid", "antwoord van de bot", 250)
	f.mu.Unlock()
	s.drop()

	s2 := awaitConn(t, ss)
	for _, want := range []string{"tweede", "derde"} {
		if ev := rec.next(t).(bot.Text); ev.Body != want {
			t.Errorf("after reconnecting got %q, want %q", ev.Body, want)
		}
	}
	// A message that arrives both by catch-up and live is handled once.
	s2.events <- posted(userPost("p3", "sanneid", "dm-sanneid", "derde", 300), model.ChannelTypeDirect)
	s2.events <- posted(userPost("p5", "sanneid", "dm-sanneid", "vijfde", 500), model.ChannelTypeDirect)
	if ev := rec.next(t).(bot.Text); ev.Body != "vijfde" {
		t.Errorf("got %q, want vijfde (and derde only once)", ev.Body)
	}
	ss.mu.Lock()
	dialled := ss.dialled
	ss.mu.Unlock()
	if dialled != 4 {
		t.Errorf("dialled %d times, want 4 (1 + 2 failures + 1)", dialled)
	}
	if n := len(rec.all()); n != 4 {
		t.Errorf("%d messages handled, want 4", n)
	}
	if up, reconnects := a.Link(); !up || reconnects != 1 {
		t.Errorf("Link() = %v, %d; want connected, after 1 reconnect", up, reconnects)
	}
	if !containsAll(logs.String(), "websocket connection lost; reconnecting", "websocket connection failed") {
		t.Errorf("the drop and the failed attempts are not logged:\n%s", logs)
	}
}

func TestPingTimeoutReconnects(t *testing.T) {
	f := newFakeAPI()
	ss := &sockets{conns: make(chan *fakeSocket, 10)}
	a, _ := newTestAdapter(t, f, ss.dial)
	defer runSocket(t, a, newRecorder())()
	s := awaitConn(t, ss)
	s.pings <- true
	select {
	case <-s.closed:
	case <-time.After(5 * time.Second):
		t.Fatal("the silent connection was not closed")
	}
	awaitConn(t, ss)
}

func containsAll(s string, subs ...string) bool {
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			return false
		}
	}
	return true
}

// The wait before connecting again doubles up to a few seconds and stays
// there, however long the server is away: once it is back, a person's
// message is answered within seconds. Each wait is drawn from the upper
// half of its range.
func TestReconnectBackoffIsCappedAtAFewSeconds(t *testing.T) {
	for _, r := range []float64{0, 0.999} {
		b := &backoff{min: defaultTimeouts.backoffMin, max: defaultTimeouts.backoffMax, random: func() float64 { return r }}
		var waits []time.Duration
		for range 60 { // a long outage
			waits = append(waits, b.wait())
		}
		if waits[0] < 500*time.Millisecond || waits[0] > time.Second {
			t.Errorf("first wait %v, want between 0.5 and 1 s", waits[0])
		}
		for i, w := range waits {
			if w > 5*time.Second {
				t.Fatalf("wait %d is %v; want never more than 5 s", i+1, w)
			}
		}
		if last := waits[len(waits)-1]; last < 2500*time.Millisecond {
			t.Errorf("after a long outage the wait is %v; want it grown to the cap's upper half", last)
		}
		b.reset()
		if w := b.wait(); w > time.Second {
			t.Errorf("after a reset the wait is %v", w)
		}
	}
}
