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
// between the two could capture.
type wiretap struct {
	srv *http.Server

	mu     sync.Mutex
	clicks [][]byte
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
			wt.mu.Unlock()
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

// lastClick returns the latest click that went by.
func (wt *wiretap) lastClick(t *testing.T) []byte {
	t.Helper()
	wt.mu.Lock()
	defer wt.mu.Unlock()
	if len(wt.clicks) == 0 {
		t.Fatal("no click went by")
	}
	return wt.clicks[len(wt.clicks)-1]
}

// TestACapturedClickSentAgainIsRefused captures Sanne's genuine click on the
// way from Mattermost to meldbot and sends it again: as it was, with its
// value changed, and naming Tom's question instead of hers. Each is refused
// and logged; nothing is posted or changed, Tom's question is as it was,
// and Sanne's report has the one choice she clicked.
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
	captured := wt.lastClick(t)
	var click model.PostActionIntegrationRequest
	if err := json.Unmarshal(captured, &click); err != nil {
		t.Fatal(err)
	}
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
	onToms := click
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
		body, _ := json.Marshal(tc.body)
		resp, err := http.Post("http://127.0.0.1:"+strconv.Itoa(inner)+"/action", "application/json", bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tc.status {
			t.Errorf("the captured click %s: status %d, want %d", tc.name, resp.StatusCode, tc.status)
		}
	}

	if err := p.waitFor("handled before", 5*time.Second); err != nil {
		t.Error(err)
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
	bottest.Run(t, w.d, stopReport("sanne")+stopReport("tom"), w.user)
}
