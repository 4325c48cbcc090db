package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"meldbot/bot/bottest"
)

// wiretap sits where Mattermost reaches meldbot and passes every request
// on, keeping a copy of each button click: what someone on the network
// between the two could capture. Told to hold the next click, it keeps it
// from meldbot and answers Mattermost itself.
type wiretap struct {
	srv *http.Server

	mu     sync.Mutex
	clicks [][]byte
	hold   bool
}

// tap listens on port and passes requests on to meldbot on inner.
func tap(t *testing.T, port, inner int) *wiretap {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:"+strconv.Itoa(port))
	if err != nil {
		t.Fatal(err)
	}
	target, _ := url.Parse("http://127.0.0.1:" + strconv.Itoa(inner))
	proxy := httputil.NewSingleHostReverseProxy(target)
	wt := &wiretap{}
	wt.srv = &http.Server{ReadHeaderTimeout: 5 * time.Second, Handler: http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/action") {
			body, _ := io.ReadAll(r.Body)
			wt.mu.Lock()
			wt.clicks = append(wt.clicks, body)
			hold := wt.hold
			wt.hold = false
			wt.mu.Unlock()
			if hold {
				rw.Header().Set("Content-Type", "application/json")
				_, _ = io.WriteString(rw, "{}")
				return
			}
			r.Body = io.NopCloser(bytes.NewReader(body))
		}
		proxy.ServeHTTP(rw, r)
	})}
	go func() {
		if err := wt.srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			t.Errorf("wiretap: %v", err)
		}
	}()
	return wt
}

func (wt *wiretap) close() { _ = wt.srv.Close() }

// holdNext keeps the next click from meldbot.
func (wt *wiretap) holdNext() {
	wt.mu.Lock()
	defer wt.mu.Unlock()
	wt.hold = true
}

// lastClick returns the latest click that went by, as it was and read.
func (wt *wiretap) lastClick(t *testing.T) ([]byte, model.PostActionIntegrationRequest) {
	t.Helper()
	wt.mu.Lock()
	defer wt.mu.Unlock()
	if len(wt.clicks) == 0 {
		t.Fatal("no click went by")
	}
	raw := wt.clicks[len(wt.clicks)-1]
	var click model.PostActionIntegrationRequest
	if err := json.Unmarshal(raw, &click); err != nil {
		t.Fatal(err)
	}
	return raw, click
}

// TestACapturedClickSentAgainIsRefused captures Sanne's genuine clicks on
// the way from Mattermost to meldbot and sends them again. One meldbot
// handled is refused as it was (409) and with its value changed (403); one
// that was kept from meldbot is refused naming Tom's question instead of
// hers (403), and counts as it was. Each refusal is logged; nothing is
// posted or changed, and Tom's question is as it was.
func TestACapturedClickSentAgainIsRefused(t *testing.T) {
	w := need(t)
	w.stopMeldbot()
	inner, err := freePort()
	if err != nil {
		t.Fatal(err)
	}
	wt := tap(t, w.port, inner)
	p := w.startMeldbotOn(t, inner)
	defer func() { w.stopMeldbot(); wt.close() }() // the next test starts meldbot as usual

	bottest.Run(t, w.d, `
tom> /incident
  < Wat is er gebeurd?
sanne> /incident
  < Wat is er gebeurd?
sanne> [Bedreiging]
  < ✓ Bedreiging
`, w.user)
	captured, click := wt.lastClick(t)
	wt.holdNext()
	if err := w.d.Click(w.user("sanne"), "Verbale agressie"); err != nil {
		t.Fatal(err)
	}
	_, held := wt.lastClick(t)
	toms := w.d.latestButtons(w.user("tom"))
	tomsClient := w.s.people[tom].client
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	before, _, err := tomsClient.GetPost(ctx, toms.Id, "")
	if err != nil {
		t.Fatal(err)
	}
	mark := w.d.position()

	altered := click
	altered.Context = map[string]any{}
	for k, v := range click.Context {
		altered.Context[k] = v
	}
	altered.Context["v"] = strings.Replace(click.Context["v"].(string), "threat", "physical", 1)
	onToms := held
	onToms.PostId = toms.Id
	for _, tc := range []struct {
		name   string
		body   any
		status int
	}{
		{"as it was", json.RawMessage(captured), http.StatusConflict},
		{"its value changed", altered, http.StatusForbidden},
		{"naming Tom's question", onToms, http.StatusForbidden},
	} {
		if status := send(t, inner, tc.body); status != tc.status {
			t.Errorf("the captured click %s: status %d, want %d", tc.name, status, tc.status)
		}
	}

	for _, reason := range []string{"handled before", "signed with neither", "in another channel than its button was made for"} {
		if err := p.waitFor(reason, 5*time.Second); err != nil {
			t.Error(err)
		}
	}
	if n := strings.Count(p.out.String(), "refused a button click"); n != 3 {
		t.Errorf("%d refused clicks logged, want 3", n)
	}
	nothingPosted(t, w, mark, "the captured click sent again")
	after, _, err := tomsClient.GetPost(ctx, toms.Id, "")
	if err != nil {
		t.Fatal(err)
	}
	if after.Message != before.Message || after.EditAt != before.EditAt {
		t.Errorf("Tom's question was changed to %q", after.Message)
	}
	onlyTicked(t, w, "sanne", "✓ Bedreiging")

	// The click kept from meldbot was genuine: as it was, it counts.
	if status := send(t, inner, held); status != http.StatusOK {
		t.Errorf("the held click as it was: status %d, want 200", status)
	}
	if _, err := w.d.Await(w.user("sanne"), "✓ Verbale agressie"); err != nil {
		t.Error(err)
	}
	bottest.Run(t, w.d, stopReport("sanne")+stopReport("tom"), w.user)
}

// send posts a click to meldbot's listener on port and returns the status.
func send(t *testing.T, port int, click any) int {
	t.Helper()
	body, _ := json.Marshal(click)
	resp, err := http.Post("http://127.0.0.1:"+strconv.Itoa(port)+"/action", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}
