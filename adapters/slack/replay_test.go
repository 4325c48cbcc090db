package slack

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/rs/zerolog"

	"meldbot/bot"
	"meldbot/bot/bottest"
	"meldbot/bot/outbox"
)

// httpRig is the adapter in HTTP mode in front of the real bot on the
// sample organisation, sharing its store; what the bot sends reaches the
// fake workspace through the adapter.
type httpRig struct {
	t        *testing.T
	w        *workspace
	h        *bottest.Harness
	rec      *recorder
	endpoint string
	logs     *bottest.Buffer
	outbox   *outbox.Dispatcher
}

func newHTTPRig(t *testing.T) *httpRig {
	t.Helper()
	h := bottest.New(t)
	w := newWorkspace(t, orgMembers(h.Org)...)
	rec := &recorder{next: h.Bot}
	endpoint, logs := httpBot(t, w, rec, func(d *deps) { d.marks = bot.BookmarksIn(h.Store) })
	sender := w.adapter(func(d *deps) { d.marks = bot.BookmarksIn(h.Store) })
	return &httpRig{t: t, w: w, h: h, rec: rec, endpoint: endpoint, logs: logs,
		outbox: outbox.New(h.Store, sender, h.Clock, zerolog.New(zerolog.NewTestWriter(t)).Level(zerolog.WarnLevel))}
}

// send posts a signed body, waits until done holds, and delivers what the
// bot queued.
func (r *httpRig) send(contentType, body string, done func() bool) {
	r.t.Helper()
	post(r.t, r.endpoint, contentType, body, exampleSecret, now())
	if err := eventually(done); err != nil {
		r.t.Fatal("the request was not dealt with")
	}
	if err := r.outbox.Flush(context.Background()); err != nil {
		r.t.Fatal(err)
	}
}

// handled returns a condition: the bot was handed n events in all.
func (r *httpRig) handled(n int) func() bool { return func() bool { return len(r.rec.got()) >= n } }

// passedOver returns a condition: n events in all were passed over as
// handled before.
func (r *httpRig) passedOver(n int) func() bool {
	return func() bool { return strings.Count(r.logs.String(), "handled before") >= n }
}

// clickForm is the form of a click on button b of message m by the person.
func clickForm(m message, who member, b shownButton) string {
	payload, _ := json.Marshal(clickEnvelope("", who.ID, m, b)["payload"])
	return url.Values{"payload": {string(payload)}}.Encode()
}

// buttonOf returns the button of m whose label contains label.
func buttonOf(t *testing.T, m message, label string) shownButton {
	t.Helper()
	for _, b := range m.Buttons {
		if strings.Contains(b.Label, label) {
			return b
		}
	}
	t.Fatalf("no button %q on %q", label, labelsOf(m))
	return shownButton{}
}

// ticked returns the choices the person has ticked on the current question.
func ticked(t *testing.T, h *bottest.Harness, email string) []string {
	t.Helper()
	var c bot.Conversation
	if err := h.Store.View(context.Background(), func(tx bot.Tx) (err error) { c, err = tx.Conversation(bot.EmailOf(email)); return err }); err != nil {
		t.Fatal(err)
	}
	return c.Selecting
}

// A signed slash command or click sent again within Slack's five minutes —
// a replay of the request — is handled once: the report does not start
// over, a ticked choice is not ticked off again. A second real click on
// the same button still ticks it off.
func TestAReplayedCommandOrClickIsHandledOnce(t *testing.T) {
	r := newHTTPRig(t)
	me := member{ID: r.w.id(sanne.Email), Email: sanne.Email}
	dm := r.w.dm(me.ID)
	command := url.Values{"command": {"/incident"}, "text": {""}, "user_id": {me.ID}, "team_id": {"T0VBR"}, "trigger_id": {"1111.2222.aaaa"}}.Encode()
	r.send(form, command, r.handled(1))
	q, ok := latestWithButtons(r.w.posted(), dm)
	if !ok {
		t.Fatal("no question with buttons")
	}
	click := clickForm(q, me, buttonOf(t, q, "Bedreiging"))
	r.send(form, click, r.handled(2))
	if got := ticked(t, r.h, sanne.Email); !slices.Equal(got, []string{"threat"}) {
		t.Fatalf("after the click Sanne has ticked %q", got)
	}
	posted := len(r.w.posted())

	r.send(form, click, r.passedOver(1))
	r.send(form, command, r.passedOver(2))
	if got := ticked(t, r.h, sanne.Email); !slices.Equal(got, []string{"threat"}) {
		t.Errorf("after the replays Sanne has ticked %q, want [threat]", got)
	}
	if got := r.w.posted()[posted:]; len(got) != 0 {
		t.Errorf("the replays made meldbot post or update %d times: %+v", len(got), got[0])
	}
	if len(r.rec.got()) != 2 {
		t.Errorf("the replays reached the bot: %#v", r.rec.got())
	}

	q, _ = latestWithButtons(r.w.posted(), dm)
	r.send(form, clickForm(q, me, buttonOf(t, q, "Bedreiging")), r.handled(3))
	if got := ticked(t, r.h, sanne.Email); len(got) != 0 {
		t.Errorf("a second click on the ticked choice left %q ticked", got)
	}
}

// A direct message handled just before a crash that lost its read mark is
// met again by the catch-up after the restart; the bot knows it by its
// conversation and timestamp and does not answer it twice.
func TestADirectMessageHandledBeforeACrashIsNotAnsweredAgain(t *testing.T) {
	h := bottest.New(t)
	w := newWorkspace(t, sanne)
	firstRun(t, w, h.Store) // Sanne's conversation has a read mark
	const key = "slack/T0VBR/" + botUserID + "/dm/D001"
	var mark string
	ctx := context.Background()
	if err := h.Store.View(ctx, func(tx bot.Tx) (err error) { mark, err = tx.Mark(key); return err }); err != nil || mark == "" {
		t.Fatalf("no read mark %s: %v", key, err)
	}
	answers := func() int {
		h.Flush()
		n := 0
		for _, d := range h.Received() {
			if d.To == bot.Email(sanne.Email) {
				n++
			}
		}
		return n
	}

	rec := &recorder{next: h.Bot}
	stop := session(t, w, h.Store, rec, 2)
	w.typeLive(t, "2", sanne, "help")
	rec.waitFor(t, 1)
	stop()
	first := answers()
	if first == 0 {
		t.Fatal("the bot did not answer")
	}
	// The crash: the mark's last change was lost.
	if err := h.Store.Update(ctx, func(tx bot.Tx) error { return tx.PutMark(key, mark) }); err != nil {
		t.Fatal(err)
	}

	stop = session(t, w, h.Store, &recorder{next: h.Bot}, 3)
	// The catch-up meets the message and moves the mark past it.
	if err := eventually(func() bool {
		var now string
		_ = h.Store.View(ctx, func(tx bot.Tx) (err error) { now, err = tx.Mark(key); return err })
		return now != mark
	}); err != nil {
		t.Fatal("the catch-up did not get past the message from before the crash")
	}
	stop()
	if n := answers() - first; n != 0 {
		t.Errorf("after the restart the bot answered %d more times: the message from before the crash was answered again", n)
	}
}

// Slack sends one action per click. A signed request with many — each of
// which would be handled as a click — is refused with 400 and logged in
// HTTP mode, and ignored with a log line in Socket Mode.
func TestAClickWithManyActionsIsRefused(t *testing.T) {
	w := newWorkspace(t, sanne)
	rec := &recorder{}
	endpoint, logs := httpBot(t, w, rec)
	env := clickEnvelope("env-1", sanne.ID, message{Channel: w.dm(sanne.ID), TS: "1764252000.000003"},
		shownButton{BlockID: "choices-0", ActionID: "choice-1", Label: "Bedreiging", Value: "r:1:categories:threat"})
	p := env["payload"].(map[string]any)
	one := p["actions"].([]map[string]any)[0]
	var many []map[string]any
	for i := range 300 {
		a := map[string]any{}
		for k, v := range one {
			a[k] = v
		}
		a["action_ts"] = fmt.Sprintf("1764252001.%06d", i)
		many = append(many, a)
	}
	p["actions"] = many
	payload, _ := json.Marshal(p)
	resp, _ := post(t, endpoint, form, url.Values{"payload": {string(payload)}}.Encode(), exampleSecret, now())
	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("answered %s, want 400", resp.Status)
	}
	if !strings.Contains(logs.String(), "300 actions") {
		t.Errorf("the refusal is not logged:\n%s", logs)
	}

	sock := &recorder{}
	run(t, w.adapter(), sock)
	w.sock.send(t, env)
	w.sock.acked(t, "env-1")
	// Sanne's next, ordinary click is the first thing either handles.
	ordinary := clickEnvelope("env-2", sanne.ID, message{Channel: w.dm(sanne.ID), TS: "1764252000.000003"},
		shownButton{BlockID: "choices-0", ActionID: "choice-1", Label: "Bedreiging", Value: "r:1:categories:threat"})
	w.sock.send(t, ordinary)
	payload, _ = json.Marshal(ordinary["payload"])
	post(t, endpoint, form, url.Values{"payload": {string(payload)}}.Encode(), exampleSecret, now())
	for name, r := range map[string]*recorder{"HTTP mode": rec, "Socket Mode": sock} {
		if got := r.waitFor(t, 1); len(got) != 1 {
			t.Errorf("%s handled %d clicks, want the ordinary one", name, len(got))
		}
	}
}

// Slack checks the certificate of a slash command URL with an unsigned
// ssl_check request; it is answered 200, as Slack's own frameworks do, and
// nothing else happens.
func TestSlacksCertificateCheckIsAnsweredWithoutASignature(t *testing.T) {
	w := newWorkspace(t, sanne)
	rec := &recorder{}
	endpoint, _ := httpBot(t, w, rec)
	resp, _ := post(t, endpoint, form, "ssl_check=1&token=verification-token", "", "")
	if resp.StatusCode != http.StatusOK {
		t.Errorf("ssl_check answered %s, want 200", resp.Status)
	}
	// An unsigned command that says ssl_check is not handled.
	post(t, endpoint, form, "ssl_check=1&command=%2Fincident&user_id="+sanne.ID, "", "")
	post(t, endpoint, form, "command=%2Fincident&text=help&user_id="+sanne.ID, exampleSecret, now())
	if got := rec.waitFor(t, 1); len(got) != 1 || got[0].(bot.Command).Args != "help" {
		t.Errorf("handled %#v, want only the signed command", got)
	}
}
