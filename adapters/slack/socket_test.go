package slack

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/rs/zerolog"

	"meldbot/bot"
	"meldbot/bot/bottest"
)

var (
	sanne = member{ID: "U001", Email: "sanne.visser@voorbeeldrode.nl", Name: "Sanne Visser"}
	tom   = member{ID: "U002", Email: "tom.smit@voorbeeldrode.nl", Name: "Tom Smit"}
	karin = member{ID: "U003", Email: "karin.devries@voorbeeldrode.nl", Name: "Karin de Vries"}
)

func TestSocketModeAcknowledgesACommandBeforeHandlingIt(t *testing.T) {
	w := newWorkspace(t, sanne, tom)
	rec := &recorder{gate: make(chan struct{})}
	run(t, w.adapter(), rec)

	cmd := slashEnvelope("env-1", sanne.ID, "voor <@U002|tom>")
	w.sock.send(t, cmd)
	// The bot is still busy (gate closed), yet Slack has its answer, with
	// the short reply in the person's words.
	var reply struct {
		Text         string `json:"text"`
		ResponseType string `json:"response_type"`
	}
	if err := json.Unmarshal(w.sock.acked(t, "env-1"), &reply); err != nil {
		t.Fatalf("ack payload: %v", err)
	}
	if reply.Text != "Ik antwoord je in een privébericht, Sanne Visser." || reply.ResponseType != "ephemeral" {
		t.Errorf("ack = %+v, want the short reply, shown only to Sanne", reply)
	}
	// The command did reach the bot, which is still at it.
	if err := eventually(func() bool { return rec.busy() == 1 }); err != nil || len(rec.got()) != 0 {
		t.Fatalf("with the answer out, %d calls of Handle are busy and %d done; want 1 busy", rec.busy(), len(rec.got()))
	}
	close(rec.gate)

	got := rec.waitFor(t, 1)
	want := bot.Command{ID: commandID(cmd), User: bot.User{Email: bot.Email(sanne.Email), Name: sanne.Name}, Args: "voor " + tom.Email}
	if got[0] != bot.Event(want) {
		t.Errorf("handled %#v, want %#v", got[0], want)
	}
}

// The person behind a slash command is looked up once, for the reply and
// the command alike; when that lookup fails, the command still reaches the
// bot, without a reply.
func TestASlashCommandLooksThePersonUpOnce(t *testing.T) {
	w := newWorkspace(t, sanne)
	rec := &recorder{}
	run(t, w.adapter(), rec)
	w.sock.send(t, slashEnvelope("env-1", sanne.ID, "help"))
	w.sock.acked(t, "env-1")
	rec.waitFor(t, 1)
	if n := w.called("users.info"); n != 1 {
		t.Errorf("users.info called %d times for one command, want 1", n)
	}

	w2 := newWorkspace(t, tom)
	rec2 := &recorder{}
	run(t, w2.adapter(), rec2)
	w2.failNext("users.info", failure{status: 500, body: "oops"})
	w2.sock.send(t, slashEnvelope("env-1", tom.ID, "help"))
	if payload := w2.sock.acked(t, "env-1"); len(payload) != 0 && string(payload) != "null" {
		t.Errorf("acknowledged with %s, want no reply when the person cannot be looked up", payload)
	}
	if got := rec2.waitFor(t, 1); got[0].(bot.Command).User.Email != bot.Email(tom.Email) {
		t.Errorf("handled %#v, want Tom's command", got[0])
	}
	if n := w2.called("users.info"); n != 2 {
		t.Errorf("users.info called %d times, want 2: the failed lookup and the command's own", n)
	}
}

func TestSocketModeDeliversDirectMessagesAndClicksOnly(t *testing.T) {
	w := newWorkspace(t, sanne, tom)
	rec := &recorder{}
	run(t, w.adapter(), rec)
	dm := w.dm(sanne.ID)

	ignored := []messageEvent{
		{User: botUserID, Channel: dm, ChannelType: "im", Text: "meldbot's own message"},
		{Channel: dm, ChannelType: "im", Text: "another app's message", Subtype: "bot_message", BotID: "BOTHER"},
		{User: sanne.ID, Channel: dm, ChannelType: "im", Text: "an edit", Subtype: "message_changed"},
		{User: sanne.ID, Channel: "C0ALGEMEEN", ChannelType: "channel", Text: "said in a channel"},
	}
	for i, m := range ignored {
		id := "env-ignored-" + string(rune('a'+i))
		w.sock.send(t, eventsEnvelope(id, "Ev-ignored-"+string(rune('a'+i)), 0, m))
		w.sock.acked(t, id)
	}
	typed := eventsEnvelope("env-1", "Ev1", 0, messageEvent{User: sanne.ID, Channel: dm, ChannelType: "im",
		Text: "Tom &amp; ik, zie <mailto:tom.smit@voorbeeldrode.nl|tom.smit@voorbeeldrode.nl> en <@U002>"})
	w.sock.send(t, typed)
	w.sock.acked(t, "env-1")
	held := message{Channel: dm, TS: "1764252000.000007", Text: "Hoe was het contact?"}
	click := clickEnvelope("env-2", sanne.ID, held, shownButton{BlockID: "choices-0", ActionID: "choice-0", Label: "Persoonlijk", Value: "r:1:contact:persoonlijk"})
	w.sock.send(t, click)
	w.sock.acked(t, "env-2")

	u := bot.User{Email: bot.Email(sanne.Email), Name: sanne.Name}
	want := []bot.Event{
		bot.Text{ID: messageID(typed), User: u, Body: "Tom & ik, zie tom.smit@voorbeeldrode.nl en tom.smit@voorbeeldrode.nl"},
		bot.Action{ID: clickID(click), User: u, Ref: bot.Ref(dm + "/1764252000.000007"), Value: "r:1:contact:persoonlijk"},
	}
	got := rec.waitFor(t, len(want))
	if len(got) != len(want) {
		t.Fatalf("handled %d events, want %d: %#v", len(got), len(want), got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("event %d = %#v, want %#v", i, got[i], want[i])
		}
	}
}

func TestSocketModeHandlesARetriedEnvelopeOnce(t *testing.T) {
	w := newWorkspace(t, sanne)
	h := bottest.New(t)
	rec := &recorder{next: h.Bot} // the bot's inbox knows what it handled
	run(t, w.adapter(func(d *deps) { d.marks = bot.BookmarksIn(h.Store) }), rec)
	dm := w.dm(sanne.ID)
	// A retry is the same message: the same event and the same ts.
	typed := messageEvent{User: sanne.ID, Channel: dm, ChannelType: "im", Text: "Tom van de balie ernaast", TS: "1764252000.000100"}

	w.sock.send(t, eventsEnvelope("env-1", "Ev1", 0, typed))
	w.sock.acked(t, "env-1")
	// Slack did not get the first ack in time and sends the event again in
	// a new envelope. It must be acknowledged, and not handled again.
	w.sock.send(t, eventsEnvelope("env-2", "Ev1", 1, typed))
	w.sock.acked(t, "env-2")
	w.sock.send(t, eventsEnvelope("env-3", "Ev2", 0, messageEvent{User: sanne.ID, Channel: dm, ChannelType: "im", Text: "nee"}))
	w.sock.acked(t, "env-3")

	rec.waitFor(t, 2)
	var bodies []string
	for _, ev := range rec.got() {
		bodies = append(bodies, ev.(bot.Text).Body)
	}
	if strings.Join(bodies, "|") != "Tom van de balie ernaast|nee" {
		t.Errorf("handled %q, want the retried event once", bodies)
	}
}

func TestSocketModeReconnectsWhenSlackAsks(t *testing.T) {
	w := newWorkspace(t, sanne)
	rec := &recorder{}
	run(t, w.adapter(), rec)
	w.sock.connected(t, 1)

	w.sock.send(t, map[string]any{"type": "disconnect", "reason": "refresh_requested", "debug_info": map[string]any{"host": "applink-test"}})
	w.sock.connected(t, 2)
	w.sock.send(t, slashEnvelope("env-after", sanne.ID, ""))
	w.sock.acked(t, "env-after")
	if got := rec.waitFor(t, 1); got[0].(bot.Command).User.Email != bot.Email(sanne.Email) {
		t.Errorf("after reconnecting handled %#v", got[0])
	}
}

// When Slack counts a second connection for the app — another meldbot on
// the same app token, which gets half of the events — meldbot warns; when
// Slack ends a connection, the log says why; the link counts the
// reconnection.
// Someone Slack gives meldbot no e-mail address for — a guest without
// one, a person of another organisation — gets, at once and only to see
// themselves, the reason meldbot cannot take their report, instead of
// silence; the command goes no further.
func TestASlashCommandFromSomeoneWithoutAnAddressIsAnswered(t *testing.T) {
	gast := member{ID: "U009", Name: "Gast"} // no e-mail address
	for _, who := range []struct{ name, id string }{{"without an address", gast.ID}, {"of another organisation", "UEXTERN"}} {
		w := newWorkspace(t, sanne, gast)
		rec := &recorder{}
		run(t, w.adapter(), rec)
		w.sock.send(t, slashEnvelope("env-1", who.id, ""))
		payload := w.sock.acked(t, "env-1")
		var reply commandReply
		if err := json.Unmarshal(payload, &reply); err != nil || reply.ResponseType != "ephemeral" || reply.Text != "Ik kan niet zien wie je bent." {
			t.Errorf("%s: acknowledged with %s, want the ephemeral explanation", who.name, payload)
		}
		w.sock.send(t, slashEnvelope("env-2", sanne.ID, "help"))
		if got := rec.waitFor(t, 1); len(got) != 1 || got[0].From().Email != bot.Email(sanne.Email) {
			t.Errorf("%s: the bot got %#v, want only Sanne's command after it", who.name, got)
		}
	}
}

func TestSocketModeWarnsOfASecondConnectionAndSaysWhyItReconnects(t *testing.T) {
	w := newWorkspace(t, sanne)
	w.sock.hello = strings.Replace(hello, `"num_connections":1`, `"num_connections":2`, 1)
	logs := &bottest.Buffer{}
	a := w.adapter(func(d *deps) { d.log = zerolog.New(logs) })
	run(t, a, &recorder{})
	w.sock.connected(t, 1)
	if err := eventually(func() bool { return strings.Contains(logs.String(), "more than one Socket Mode connection") }); err != nil {
		t.Errorf("no warning of the second connection:\n%s", logs)
	}
	w.sock.send(t, map[string]any{"type": "disconnect", "reason": "refresh_requested", "debug_info": map[string]any{"host": "applink-7"}})
	w.sock.connected(t, 2)
	if err := eventually(func() bool {
		return strings.Contains(logs.String(), `"reason":"refresh_requested","host":"applink-7","message":"slack: Slack ends the Socket Mode connection`)
	}); err != nil {
		t.Errorf("the disconnect's reason is not logged:\n%s", logs)
	}
	if err := eventually(func() bool { up, n := a.Link(); return up && n == 1 }); err != nil {
		up, n := a.Link()
		t.Errorf("Link() = %v, %d; want connected after one reconnection", up, n)
	}
}

func TestRunStopsWhenTheBotTokenIsRefused(t *testing.T) {
	w := newWorkspace(t, sanne)
	w.failNext("auth.test", failure{status: 200, body: `{"ok":false,"error":"invalid_auth"}`})
	err := w.adapter().Run(context.Background(), &recorder{})
	if err == nil || !strings.Contains(err.Error(), "invalid_auth") || !strings.Contains(err.Error(), "auth.test") {
		t.Errorf("Run = %v, want an error naming auth.test and invalid_auth", err)
	}
}

func TestAMessageThatCannotBeHandledIsTriedAgainThenThePersonIsTold(t *testing.T) {
	w := newWorkspace(t, sanne, tom)
	rec := &recorder{fails: 3}
	run(t, w.adapter(), rec)
	dm := w.dm(sanne.ID)

	w.typeLive(t, "1", sanne, "eerste")
	w.typeLive(t, "2", sanne, "tweede")

	// Three attempts fail: Sanne is told in her direct conversation; her
	// next message is handled as usual.
	got := rec.waitFor(t, 1)
	if len(got) != 1 || got[0].(bot.Text).Body != "tweede" {
		t.Fatalf("handled %#v, want only tweede", got)
	}
	var told []string
	for _, m := range w.posted() {
		if m.Channel == dm {
			told = append(told, m.Text)
		}
	}
	if len(told) != 1 || !strings.Contains(told[0], "Door een storing") {
		t.Errorf("Sanne was told %q, want the failure notice once", told)
	}
}

func TestAFailureThatPassesIsNotNoticed(t *testing.T) {
	w := newWorkspace(t, sanne, tom)
	rec := &recorder{fails: 2}
	run(t, w.adapter(), rec)
	w.typeLive(t, "1", sanne, "eerste")
	if got := rec.waitFor(t, 1); len(got) != 1 || got[0].(bot.Text).Body != "eerste" {
		t.Fatalf("handled %#v, want eerste on the third attempt", got)
	}
	if posts := w.posted(); len(posts) != 0 {
		t.Errorf("meldbot posted %v; a failure that passed is not the person's concern", posts)
	}
}
