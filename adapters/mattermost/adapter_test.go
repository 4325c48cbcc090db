package mattermost

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"meldbot/adapters/setting"
	"meldbot/bot"
	"meldbot/bot/bottest"
)

func TestRunServesUntilCancelled(t *testing.T) {
	f := newFakeAPI()
	ss := &sockets{conns: make(chan *fakeSocket, 10)}
	a, _ := newTestAdapter(t, f, ss.dial)
	a.listening = make(chan string, 1)
	rec := newRecorder()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx, rec) }()

	var addr string
	select {
	case addr = <-a.listening:
	case err := <-done:
		t.Fatalf("Run returned %v", err)
	}
	awaitConn(t, ss)
	// The command Run registered is the one the listener accepts.
	waitUntil(t, "the command to be registered", func() bool { return f.count("CreateCommand") > 0 })
	f.mu.Lock()
	token := f.commands[0].Token
	f.mu.Unlock()
	status, _ := postForm(t, "http://"+addr+"/hooks/meldbot/command", commandForm(f, token, ""))
	if status != http.StatusOK {
		t.Errorf("slash command with the registered token: status %d", status)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run returned %v after cancel", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return after cancel")
	}
	if _, err := http.Post("http://"+addr+"/hooks/meldbot/command", "text/plain", nil); err == nil {
		t.Error("the listener still answers after Run returned")
	}
}

func TestRunFailsOnARefusedToken(t *testing.T) {
	f := newFakeAPI()
	f.fail["GetMe"] = 401
	a, _ := newTestAdapter(t, f, nil)
	err := a.Run(context.Background(), newRecorder())
	if err == nil || !strings.Contains(err.Error(), "is the bot token valid?") {
		t.Errorf("Run: %v", err)
	}
}

func TestRunFailsWhenTheListenAddressIsTaken(t *testing.T) {
	f := newFakeAPI()
	ss := &sockets{conns: make(chan *fakeSocket, 10)}
	a, _ := newTestAdapter(t, f, ss.dial)
	a.listening = make(chan string, 1)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go a.Run(ctx, newRecorder())
	addr := <-a.listening
	b, _ := newTestAdapter(t, f, nil)
	b.listenAddr = addr
	if err := b.Run(ctx, newRecorder()); err == nil || !strings.Contains(err.Error(), "listening on "+addr) {
		t.Errorf("second Run on %s: %v", addr, err)
	}
}

func TestConfigCheck(t *testing.T) {
	good := Config{URL: "https://chat.example.nl", Token: "t", Teams: []string{"x"}, Listen: ":8066",
		CallbackURL: "http://meldbot:8066", Secret: []byte(testSecret), Marks: bot.BookmarksIn(bottest.NewMemStore())}
	if _, err := New(good); err != nil {
		t.Fatalf("good config: %v", err)
	}
	for name, change := range map[string]func(*Config){
		"server URL":   func(c *Config) { c.URL = "chat.example.nl" },
		"bot token":    func(c *Config) { c.Token = "" },
		"team":         func(c *Config) { c.Teams = nil },
		"listen":       func(c *Config) { c.Listen = "" },
		"secret":       func(c *Config) { c.Secret = []byte("short") },
		"callback URL": func(c *Config) { c.CallbackURL = "meldbot:8066" },
	} {
		c := good
		change(&c)
		if _, err := New(c); err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("%s: error %v does not name it", name, err)
		}
	}
}

// A wrong setting is a *setting.Error naming the field of Config, so a
// program can say where it read the setting from.
func TestConfigErrorsNameTheField(t *testing.T) {
	good := Config{URL: "https://chat.example.nl", Token: "t", Teams: []string{"x"}, Listen: ":8066",
		CallbackURL: "http://meldbot:8066", Secret: []byte(testSecret)}
	for field, change := range map[string]func(*Config){
		"URL":         func(c *Config) { c.URL = "" },
		"Token":       func(c *Config) { c.Token = "" },
		"Teams":       func(c *Config) { c.Teams = nil },
		"Listen":      func(c *Config) { c.Listen = "8066" },
		"Secret":      func(c *Config) { c.Secret = nil },
		"CallbackURL": func(c *Config) { c.CallbackURL = "ftp://meldbot" },
	} {
		c := good
		change(&c)
		var se *setting.Error
		if err := c.Check(); !errors.As(err, &se) || se.Field != field {
			t.Errorf("%s: Check = %#v", field, err)
		}
	}
}

func TestCallbackURLWithAPath(t *testing.T) {
	a, err := New(Config{URL: "http://mm:8065/", Token: "t", Teams: []string{"x"}, Listen: ":0",
		CallbackURL: "https://proxy.example.nl/meldbot/", Secret: []byte(testSecret), Marks: bot.BookmarksIn(bottest.NewMemStore())})
	if err != nil {
		t.Fatal(err)
	}
	if a.commandURL != "https://proxy.example.nl/meldbot/command" || a.basePath != "/meldbot" {
		t.Errorf("command URL %s, path %s", a.commandURL, a.basePath)
	}
	if u, _ := url.Parse(a.actionURL); u.Path != "/meldbot/action" {
		t.Errorf("action URL %s", a.actionURL)
	}
}
