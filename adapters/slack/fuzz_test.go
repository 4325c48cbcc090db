package slack

import (
	"context"
	"encoding/json"
	"net"
	"net/http"
	"net/url"
	"testing"

	"github.com/rs/zerolog"

	"meldbot/adapters/internal/fuzzing"
	"meldbot/bot"
	"meldbot/bot/bottest"
	"meldbot/bot/outbox"
)

// The fuzz targets send meldbot's HTTP endpoint what Slack could sign —
// events, slash commands, interactions — in front of the real bot on the
// sample organisation. Whatever comes in: no panic, no server error, and a
// request that is refused (4xx) changes nothing: nothing reaches the bot,
// nothing is written to the store.

// fuzzRig is the adapter in HTTP mode before the real bot, logging into a
// panicWatch (a fuzz target may not log through testing).
type fuzzRig struct {
	w        *workspace
	a        *Adapter
	rec      *recorder
	writes   *fuzzing.Writes
	outbox   *outbox.Dispatcher
	endpoint string
	panics   *fuzzing.Panics
}

func newFuzzRig(f *testing.F) *fuzzRig {
	org := bottest.SampleOrg(f)
	writes, panics := &fuzzing.Writes{Store: bottest.NewMemStore()}, &fuzzing.Panics{}
	log := zerolog.New(panics)
	clock := bottest.NewClock(bottest.Friday)
	b, err := bot.New(bot.Config{Org: org, Store: writes, Clock: clock, Log: log.Level(zerolog.WarnLevel)})
	if err != nil {
		f.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		f.Fatal(err)
	}
	w := newWorkspace(f, orgMembers(org)...)
	a := w.adapter(func(d *deps) {
		d.socket, d.secret, d.ln, d.marks, d.log = nil, exampleSecret, ln, bot.BookmarksIn(writes), log
	})
	rec := &recorder{next: b}
	run(f, a, rec)
	sender := w.adapter(func(d *deps) { d.marks, d.log = bot.BookmarksIn(writes), log })
	r := &fuzzRig{w: w, a: a, rec: rec, writes: writes, endpoint: "http://" + ln.Addr().String() + Path, panics: panics,
		outbox: outbox.New(writes, sender, clock, log.Level(zerolog.WarnLevel))}
	if err := eventually(func() bool {
		resp, err := http.Get(r.endpoint) // the server answers: it listens
		if err == nil {
			resp.Body.Close()
		}
		return err == nil
	}); err != nil {
		f.Fatal("the adapter did not start listening")
	}
	return r
}

// check posts body, signed, waits until the work it queued is done, and
// checks what it did.
func (r *fuzzRig) check(t *testing.T, contentType, body string) {
	writes, handled := r.writes.Count(), len(r.rec.got())
	resp, answer := post(t, r.endpoint, contentType, body, exampleSecret, now())
	r.a.work.Wait()
	switch status := resp.StatusCode; {
	case status >= 500:
		t.Fatalf("answered %s %q", resp.Status, answer)
	case status >= 400 && (r.writes.Count() != writes || len(r.rec.got()) != handled):
		t.Fatalf("answered %s, yet the bot was handed something or the store changed", resp.Status)
	case r.panics.Count() > 0:
		t.Fatal("a panic was logged")
	}
	if err := r.outbox.Flush(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// member returns the Slack user of the sample organisation's person with
// this address.
func (r *fuzzRig) member(email string) member {
	return member{ID: r.w.id(email), Email: email}
}

// FuzzSlackEvents posts Events API requests: URL verification and events.
func FuzzSlackEvents(f *testing.F) {
	r := newFuzzRig(f)
	me := r.member("sanne.visser@voorbeeldrode.nl")
	for _, text := range []string{"help", "stop", "Een klant werd boos &amp; schold me uit, zie <@" + me.ID + ">"} {
		payload, _ := json.Marshal(eventsEnvelope("", "EvSeed", 0, messageEvent{User: me.ID, Channel: r.w.dm(me.ID), ChannelType: "im", Text: text})["payload"])
		f.Add(string(payload))
	}
	f.Fuzz(func(t *testing.T, body string) { r.check(t, "application/json", body) })
}

// FuzzSlackCommands posts slash command forms.
func FuzzSlackCommands(f *testing.F) {
	r := newFuzzRig(f)
	me := r.member("sanne.visser@voorbeeldrode.nl")
	for _, text := range []string{"", "voor <@" + r.member("tom.smit@voorbeeldrode.nl").ID + "|tom>", "taken", "toon GIR-2026-0001"} {
		f.Add(url.Values{"command": {"/incident"}, "text": {text}, "user_id": {me.ID}, "team_id": {"T0VBR"}, "trigger_id": {newTriggerID()}}.Encode())
	}
	f.Fuzz(func(t *testing.T, body string) { r.check(t, form, body) })
}

// FuzzSlackInteractions posts interactivity requests: a payload form field.
// The seeds click on Sanne's first question.
func FuzzSlackInteractions(f *testing.F) {
	r := newFuzzRig(f)
	me := r.member("sanne.visser@voorbeeldrode.nl")
	post(f, r.endpoint, form, url.Values{"command": {"/incident"}, "user_id": {me.ID}, "trigger_id": {newTriggerID()}}.Encode(), exampleSecret, now())
	r.a.work.Wait()
	if err := r.outbox.Flush(context.Background()); err != nil {
		f.Fatal(err)
	}
	q, ok := latestWithButtons(r.w.posted(), r.w.dm(me.ID))
	if !ok {
		f.Fatal("no question with buttons")
	}
	for _, b := range q.Buttons[:3] {
		payload, _ := json.Marshal(clickEnvelope("", me.ID, q, b)["payload"])
		f.Add(string(payload))
	}
	f.Fuzz(func(t *testing.T, payload string) { r.check(t, form, url.Values{"payload": {payload}}.Encode()) })
}
