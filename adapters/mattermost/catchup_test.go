package mattermost

import (
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"meldbot/bot"
	"meldbot/bot/bottest"
)

// ago is a post's create time, d before now, as the server counts it.
func ago(d time.Duration) int64 { return time.Now().Add(-d).UnixMilli() }

// store puts posts on the fake server, as people and the bot post them.
func (f *fakeAPI) store(posts ...*model.Post) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, p := range posts {
		f.posts[p.Id] = p
	}
}

// texts returns the bodies of the text events, in order.
func texts(evs []bot.Event) []string {
	var out []string
	for _, ev := range evs {
		if t, ok := ev.(bot.Text); ok {
			out = append(out, t.Body)
		}
	}
	return out
}

// say has a person post a direct message while meldbot listens: it is on
// the server and comes in over the websocket.
func say(f *fakeAPI, s *fakeSocket, p *model.Post) {
	f.store(p)
	s.events <- posted(p, model.ChannelTypeDirect)
}

// firstRun runs meldbot once on store while Sanne's first message comes in
// live and is answered, and stops it: her direct channel has a read mark.
func firstRun(t *testing.T, f *fakeAPI, store bot.Store) {
	t.Helper()
	rec := newRecorder()
	s, stop := session(t, f, store, rec)
	say(f, s, userPost("p1", "sanneid", "dm-sanneid", "eerste", ago(10*time.Minute)))
	rec.next(t)
	stop()
}

// session runs the adapter on store until the returned stop is called, as
// one run of meldbot, and returns its first connection.
func session(t *testing.T, f *fakeAPI, store bot.Store, rec *recorder) (*fakeSocket, func()) {
	t.Helper()
	s, _, _, stop := sessionOn(t, f, store, rec)
	return s, stop
}

// sessionOn is session that also returns where the later connections come
// from and the adapter's log.
func sessionOn(t *testing.T, f *fakeAPI, store bot.Store, rec *recorder) (first *fakeSocket, ss *sockets, logs *bottest.Buffer, stop func()) {
	t.Helper()
	ss = &sockets{conns: make(chan *fakeSocket, 10)}
	a, logs := newTestAdapterOn(t, f, ss.dial, store)
	stop = runSocket(t, a, rec)
	return awaitConn(t, ss), ss, logs, stop
}

func TestMessagesSentWhileMeldbotWasDownAreAnsweredAfterARestart(t *testing.T) {
	f := newFakeAPI()
	store := bottest.NewMemStore()

	firstRun(t, f, store)

	// meldbot is down. Sanne writes twice; the bot's earlier answer sits in
	// between.
	f.store(
		userPost("p2", "sanneid", "dm-sanneid", "tweede", ago(5*time.Minute)),
		userPost("p3", "botid", "dm-sanneid", "antwoord van de bot", ago(4*time.Minute)),
		userPost("p4", "sanneid", "dm-sanneid", "derde", ago(3*time.Minute)),
	)

	// Second run, on the same store: both are answered, in order, and the
	// first is not answered again.
	rec := newRecorder()
	s, stop := session(t, f, store, rec)
	rec.next(t)
	rec.next(t)
	say(f, s, userPost("p5", "sanneid", "dm-sanneid", "vierde", ago(0)))
	rec.next(t)
	stop()
	if got, want := texts(rec.all()), []string{"tweede", "derde", "vierde"}; !slices.Equal(got, want) {
		t.Errorf("after the restart meldbot handled %q, want %q", got, want)
	}

	// Third run: nothing is answered twice. A live message is the first
	// thing handled, so a catch-up of old messages would show before it.
	rec = newRecorder()
	s, stop = session(t, f, store, rec)
	say(f, s, userPost("p6", "sanneid", "dm-sanneid", "vijfde", ago(0)))
	rec.next(t)
	stop()
	if got, want := texts(rec.all()), []string{"vijfde"}; !slices.Equal(got, want) {
		t.Errorf("after a second restart meldbot handled %q, want %q", got, want)
	}
}

// A data file meldbot never ran on, next to a Mattermost with history: an
// earlier meldbot (another data file, or a version without read marks)
// answered those messages, so they are not replayed into conversations.
// What is sent after the first start is answered, also in a channel meldbot
// has never read.
func TestAChannelNeverReadGoesBackToTheFirstStartOnly(t *testing.T) {
	f := newFakeAPI()
	f.store(
		userPost("old", "sanneid", "dm-sanneid", "al beantwoord", ago(10*time.Minute)),
		userPost("older", "peterid", "dm-peterid", "ook al beantwoord", ago(20*time.Minute)),
	)
	store := bottest.NewMemStore()
	rec := newRecorder()
	s, stop := session(t, f, store, rec)
	say(f, s, userPost("live", "sanneid", "dm-sanneid", "eerste", ago(0)))
	rec.next(t)
	stop()
	if got, want := texts(rec.all()), []string{"eerste"}; !slices.Equal(got, want) {
		t.Errorf("on its first start meldbot handled %q, want %q", got, want)
	}

	// Down again; Peter, whose channel meldbot has not read, writes.
	f.store(userPost("peter", "peterid", "dm-peterid", "van Peter", ago(-time.Second)))
	rec = newRecorder()
	_, stop = session(t, f, store, rec)
	if ev := rec.next(t).(bot.Text); ev.Body != "van Peter" {
		t.Errorf("after the restart meldbot handled %q, want Peter's message", ev.Body)
	}
	stop()
	if got, want := texts(rec.all()), []string{"van Peter"}; !slices.Equal(got, want) {
		t.Errorf("after the restart meldbot handled %q, want %q", got, want)
	}
}

// A caught-up message the bot keeps failing on is dealt with as a live one:
// the person is told, and the messages after it follow in order.
func TestACaughtUpMessageThatCannotBeHandledIsToldAndTheRestFollow(t *testing.T) {
	f := newFakeAPI()
	store := bottest.NewMemStore()
	firstRun(t, f, store)

	f.store(
		userPost("p2", "sanneid", "dm-sanneid", "tweede", ago(5*time.Minute)),
		userPost("p3", "sanneid", "dm-sanneid", "derde", ago(3*time.Minute)),
	)
	rec := newRecorder()
	tried := make(chan string, 10)
	rec.before = func(ev bot.Event) { tried <- ev.(bot.Text).Body }
	rec.fails = 3
	_, _, logs, stop := sessionOn(t, f, store, rec)
	if ev := rec.next(t).(bot.Text); ev.Body != "derde" {
		t.Errorf("handled %q, want derde", ev.Body)
	}
	stop()
	close(tried)
	var got []string
	for body := range tried {
		got = append(got, body)
	}
	if want := []string{"tweede", "tweede", "tweede", "derde"}; !slices.Equal(got, want) {
		t.Errorf("meldbot tried %q, want %q", got, want)
	}
	if told := botPosts(f, "dm-sanneid"); len(told) != 1 || !strings.Contains(told[0], "Door een storing") {
		t.Errorf("Sanne was told %q, want the failure notice once", told)
	}
	if !containsAll(logs.String(), "handling a direct message failed") {
		t.Errorf("the failure is not logged:\n%s", logs)
	}
}

// A channel whose catch-up could not fetch its posts stays behind: the
// person's next message catches it up first, so nothing is skipped and the
// order holds.
func TestALiveMessageInAChannelLeftBehindCatchesItUpFirst(t *testing.T) {
	f := newFakeAPI()
	store := bottest.NewMemStore()
	firstRun(t, f, store)
	f.store(userPost("p2", "sanneid", "dm-sanneid", "tweede", ago(5*time.Minute)))

	f.refuse("GetPostsSince", http.StatusInternalServerError, "")
	rec := newRecorder()
	s, stop := session(t, f, store, rec)
	defer stop()
	waitUntil(t, "the catch-up's fetch", func() bool { return f.count("GetPostsSince") > 0 })
	f.allow("GetPostsSince")

	say(f, s, userPost("p3", "sanneid", "dm-sanneid", "derde", ago(0)))
	for _, want := range []string{"tweede", "derde"} {
		if ev := rec.next(t).(bot.Text); ev.Body != want {
			t.Errorf("got %q, want %q", ev.Body, want)
		}
	}
	say(f, s, userPost("p4", "sanneid", "dm-sanneid", "vierde", ago(0)))
	if ev := rec.next(t).(bot.Text); ev.Body != "vierde" {
		t.Errorf("got %q, want vierde: the channel is caught up", ev.Body)
	}
	if n := f.count("GetPostsSince"); n != 2 {
		t.Errorf("%d fetches, want 2: the failed one and the one before derde", n)
	}
}

// botPosts returns what the bot posted in a channel itself (not through
// the recorder), such as a failure notice.
func botPosts(f *fakeAPI, channel string) []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []string
	for _, p := range f.posts {
		if p.UserId == "botid" && p.ChannelId == channel {
			out = append(out, p.Message)
		}
	}
	return out
}

func TestALiveMessageThatCannotBeHandledIsTriedAgainThenThePersonIsTold(t *testing.T) {
	f := newFakeAPI()
	store := bottest.NewMemStore()
	rec := newRecorder()
	rec.fails = 2
	s, stop := session(t, f, store, rec)
	defer stop()

	// Two failures pass: the third attempt handles the message.
	say(f, s, userPost("p1", "sanneid", "dm-sanneid", "eerste", ago(time.Minute)))
	if ev := rec.next(t).(bot.Text); ev.Body != "eerste" {
		t.Fatalf("handled %q, want eerste", ev.Body)
	}

	// A lasting failure: after three attempts Sanne is told, in her
	// direct channel, and her next message is handled as usual.
	rec.mu.Lock()
	rec.fails = 3
	rec.mu.Unlock()
	lost := userPost("p2", "sanneid", "dm-sanneid", "tweede", ago(30*time.Second))
	next := userPost("p3", "sanneid", "dm-sanneid", "derde", ago(0))
	f.store(lost, next)
	s.events <- posted(lost, model.ChannelTypeDirect)
	s.events <- posted(next, model.ChannelTypeDirect)
	if ev := rec.next(t).(bot.Text); ev.Body != "derde" {
		t.Fatalf("handled %q, want derde", ev.Body)
	}
	if told := botPosts(f, "dm-sanneid"); len(told) != 1 || !strings.Contains(told[0], "Door een storing") {
		t.Errorf("Sanne was told %q, want the failure notice once", told)
	}
}

// A catch-up still busy when the connection drops and comes back does not
// mark the channel caught up for the newer one: when the newer catch-up
// cannot fetch, the channel stays behind, and Sanne's next message first
// catches up what she wrote while meldbot was disconnected.
func TestAnOlderCatchUpDoesNotClearANewerOne(t *testing.T) {
	f := newFakeAPI()
	store := bottest.NewMemStore()
	firstRun(t, f, store)
	f.store(userPost("p2", "sanneid", "dm-sanneid", "tweede", ago(5*time.Minute)))

	rec := newRecorder()
	busy, release := make(chan struct{}), make(chan struct{})
	rec.before = func(ev bot.Event) {
		if ev.(bot.Text).Body == "tweede" {
			close(busy)
			<-release
		}
	}
	first, ss, _, stop := sessionOn(t, f, store, rec)
	defer stop()
	var once sync.Once
	unblock := func() { once.Do(func() { close(release) }) }
	defer unblock() // before stop, should the test end early
	waitUntil(t, "the first catch-up to handle tweede", func() bool {
		select {
		case <-busy:
			return true
		default:
			return false
		}
	})

	// The connection drops; Sanne writes meanwhile; the new connection's
	// catch-up cannot fetch her posts.
	f.store(userPost("p3", "sanneid", "dm-sanneid", "derde", ago(time.Minute)))
	f.refuse("GetPostsSince", http.StatusInternalServerError, "")
	listed := f.count("GetChannelsForUser")
	first.drop()
	s := awaitConn(t, ss)
	waitUntil(t, "the second connection's catch-up", func() bool { return f.count("GetChannelsForUser") == listed+1 })
	fetched := f.count("GetPostsSince")
	unblock()
	rec.next(t) // tweede
	waitUntil(t, "the second catch-up's failed fetch", func() bool { return f.count("GetPostsSince") == fetched+1 })
	f.allow("GetPostsSince")

	say(f, s, userPost("p4", "sanneid", "dm-sanneid", "vierde", ago(0)))
	for _, want := range []string{"derde", "vierde"} {
		if ev := rec.next(t).(bot.Text); ev.Body != want {
			t.Errorf("got %q, want %q", ev.Body, want)
		}
	}
}
