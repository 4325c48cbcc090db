package slack

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/rs/zerolog"

	"meldbot/bot"
	"meldbot/bot/bottest"
	"meldbot/bot/outbox"
)

// scriptDriver plays conversation scripts through the adapter as people in
// Slack would: typing is a slash command or a direct message envelope over
// Socket Mode, a click is a block_actions envelope for the button on the
// latest message with buttons, and what arrives is what the bot posted or
// updated through the Web API.
type scriptDriver struct {
	t      *testing.T
	w      *workspace
	h      *bottest.Harness
	rec    *recorder
	outbox *outbox.Dispatcher
	mark   int // messages before the latest action
	sent   int // envelopes sent
}

func newScriptDriver(t *testing.T) *scriptDriver {
	h := bottest.New(t)
	w := newWorkspace(t, orgMembers(h.Org)...)
	a := w.adapter()
	d := &scriptDriver{t: t, w: w, h: h, rec: &recorder{next: h.Bot},
		outbox: outbox.New(h.Store, a, h.Clock, zerolog.New(zerolog.NewTestWriter(t)))}
	run(t, a, d.rec)
	return d
}

// act sends an envelope and waits until the bot has handled it and every
// message it caused has been delivered.
func (d *scriptDriver) act(envelope map[string]any) error {
	d.mark = len(d.w.posted())
	d.sent++
	d.w.sock.send(d.t, envelope)
	d.w.sock.acked(d.t, envelope["envelope_id"].(string))
	d.rec.waitFor(d.t, d.sent)
	ctx := context.Background()
	if err := d.outbox.Flush(ctx); err != nil {
		return err
	}
	return d.h.Store.View(ctx, func(tx bot.Tx) error {
		left, err := tx.Outbox(0, 1)
		if err == nil && len(left) > 0 {
			err = fmt.Errorf("undelivered message to %s: %s", string(left[0].To)+string(left[0].Ref), left[0].LastError)
		}
		return err
	})
}

func (d *scriptDriver) Type(who bot.User, text string) error {
	id := d.w.id(string(who.Email))
	env := fmt.Sprintf("env-%d", d.sent+1)
	if args, ok := bottest.CutCommand(text); ok {
		return d.act(slashEnvelope(env, id, args))
	}
	return d.act(eventsEnvelope(env, "Ev"+env, 0, messageEvent{User: id, Channel: d.w.dm(id), ChannelType: "im", Text: escape(text)}))
}

func (d *scriptDriver) Click(who bot.User, label string) error {
	id := d.w.id(string(who.Email))
	m, ok := latestWithButtons(d.w.posted(), d.w.dm(id))
	if !ok {
		return fmt.Errorf("%s has no message with buttons", who.Email)
	}
	for _, b := range m.Buttons {
		if strings.EqualFold(strings.TrimPrefix(b.Label, "✓ "), label) {
			return d.act(clickEnvelope(fmt.Sprintf("env-%d", d.sent+1), id, m, b))
		}
	}
	return fmt.Errorf("no button %q on the latest message to %s; buttons: %q", label, who.Email, labelsOf(m))
}

func (d *scriptDriver) Await(who bot.User, want string) (bottest.Delivery, error) {
	dm := d.w.dm(d.w.id(string(who.Email)))
	var got []bottest.Delivery
	for _, m := range d.w.posted()[d.mark:] {
		del := bottest.Delivery{To: who.Email, Text: unescape(strings.Join(m.Sections, "\n")), Choices: labelsOf(m), Update: m.Method == "chat.update"}
		if m.Channel == dm && del.Contains(want) {
			return del, nil
		}
		got = append(got, del)
	}
	return bottest.Delivery{}, fmt.Errorf("no message to %s containing %q; received:\n%s", who.Email, want, bottest.FormatDeliveries(got))
}

// latestWithButtons replays the posts and updates in a channel and returns
// the latest message that still has buttons.
func latestWithButtons(ms []message, channel string) (message, bool) {
	var latest message
	ok := false
	for _, m := range ms {
		switch {
		case m.Channel != channel:
		case m.Method == "chat.postMessage":
			latest, ok = m, len(m.Buttons) > 0
		case ok && m.TS == latest.TS:
			latest, ok = m, len(m.Buttons) > 0
		}
	}
	return latest, ok
}

func labelsOf(m message) []string {
	var out []string
	for _, b := range m.Buttons {
		out = append(out, b.Label)
	}
	return out
}

func unescape(s string) string {
	return strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&").Replace(s)
}

func TestReportScriptOverSocketMode(t *testing.T) {
	d := newScriptDriver(t)
	bottest.Run(t, d, bottest.ReportScript, d.h.User)

	// A click updates the message in place: the choice shows, the buttons
	// are gone.
	ms := d.w.posted()
	var question message
	for _, m := range ms {
		if m.Method == "chat.postMessage" && strings.Contains(strings.Join(m.Sections, "\n"), "Hoe was het contact?") {
			question = m
		}
	}
	answered := false
	for _, m := range ms {
		answered = answered || (m.Method == "chat.update" && m.Channel == question.Channel && m.TS == question.TS &&
			len(m.Buttons) == 0 && strings.Contains(strings.Join(m.Sections, "\n"), "✓ Persoonlijk"))
	}
	if question.TS == "" || !answered {
		t.Errorf("the question %q was not updated to show the choice without buttons", question.Sections)
	}
	// The coordinator's notice reached her own direct conversation.
	karinDM := d.w.dm(d.w.id("karin.devries@voorbeeldrode.nl"))
	found := false
	for _, m := range ms {
		found = found || (m.Channel == karinDM && strings.Contains(m.Text, "Nieuwe melding *GIR-2026-0001*"))
	}
	if !found {
		t.Error("no notice for the coordinator in her direct conversation")
	}
}
