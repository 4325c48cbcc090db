package mattermost

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strings"
	"testing"

	"meldbot/bot"
	"meldbot/bot/bottest"
)

const sanneEmail = "sanne.visser@voorbeeldrode.nl"

// A click captured on the way to meldbot and sent again with another post
// named in it — a colleague's, or another of the person's own — is refused
// and logged, and the post it names is left as it was: the button is bound
// to the post it is on.
func TestAClickReplayedOnAnotherPostIsRefused(t *testing.T) {
	r := newRig(t)
	r.command(r.commandForm("sanneid", ""))
	r.command(r.commandForm("peterid", ""))
	sannes, peters := r.latestButtons("dm-sanneid"), r.latestButtons("dm-peterid")
	threat := buttonContext(t, sannes, "Bedreiging")
	other, err := r.a.Send(context.Background(), sanneEmail, question, bot.Delivery{})
	if err != nil {
		t.Fatal(err)
	}
	patches := len(r.f.patches)

	for name, postID := range map[string]string{
		"a colleague's post":       peters.Id,
		"another of her own posts": string(other),
	} {
		before := r.message(postID)
		status, body := r.click(clickBody(r.f, "sanneid", postID, "dm-sanneid", threat))
		if status != http.StatusForbidden {
			t.Errorf("%s: answered %d %s, want 403", name, status, body)
		}
		if r.message(postID) != before {
			t.Errorf("%s: the post was rewritten to %q", name, r.message(postID))
		}
	}
	if len(r.f.patches) != patches {
		t.Errorf("the replays changed %d posts", len(r.f.patches)-patches)
	}
	if got := r.ticked(sanneEmail); len(got) != 0 {
		t.Errorf("the replays ticked %q in Sanne's report", got)
	}
	if n := strings.Count(r.logs.String(), "refused a button click"); n != 2 {
		t.Errorf("%d refusals logged, want 2:\n%s", n, r.logs)
	}

	// The genuine click on her own question still counts.
	if status, body := r.click(clickBody(r.f, "sanneid", sannes.Id, "dm-sanneid", threat)); status != http.StatusOK {
		t.Fatalf("the genuine click answered %d %s", status, body)
	}
	if got := r.ticked(sanneEmail); !slices.Equal(got, []string{"threat"}) {
		t.Errorf("after the genuine click Sanne has ticked %q, want [threat]", got)
	}
}

// The same click delivered twice — a replay of the request — is handled
// once: a choice of a multi-choice question is not ticked off again. It is
// answered 409 and logged. A second real click on the same button still
// ticks it off, as people expect.
func TestAClickSentTwiceIsHandledOnce(t *testing.T) {
	r := newRig(t)
	r.command(r.commandForm("sanneid", ""))
	q := r.latestButtons("dm-sanneid")
	body := clickBody(r.f, "sanneid", q.Id, "dm-sanneid", buttonContext(t, q, "Bedreiging"))
	if status, resp := r.click(body); status != http.StatusOK {
		t.Fatalf("the click answered %d %s", status, resp)
	}
	patches := len(r.f.patches)
	if status, _ := r.click(body); status != http.StatusConflict {
		t.Errorf("the replayed click answered %d, want 409", status)
	}
	if got := r.ticked(sanneEmail); !slices.Equal(got, []string{"threat"}) {
		t.Errorf("after the replay Sanne has ticked %q, want [threat]", got)
	}
	if len(r.f.patches) != patches {
		t.Error("the replay changed the question")
	}
	if !strings.Contains(r.logs.String(), "handled before") {
		t.Errorf("the replay is not logged:\n%s", r.logs)
	}

	q = r.latestButtons("dm-sanneid")
	if status, resp := r.click(clickBody(r.f, "sanneid", q.Id, "dm-sanneid", buttonContext(t, q, "Bedreiging"))); status != http.StatusOK {
		t.Fatalf("the second click answered %d %s", status, resp)
	}
	if got := r.ticked(sanneEmail); len(got) != 0 {
		t.Errorf("a second click on the ticked choice left %q ticked", got)
	}
}

// A slash command delivered twice is handled once, answered 409 and
// logged.
func TestASlashCommandSentTwiceIsHandledOnce(t *testing.T) {
	r := newRig(t)
	form := r.commandForm("sanneid", "")
	if status, body := r.command(form); status != http.StatusOK {
		t.Fatalf("the command answered %d %s", status, body)
	}
	q := r.latestButtons("dm-sanneid")
	r.click(clickBody(r.f, "sanneid", q.Id, "dm-sanneid", buttonContext(t, q, "Bedreiging")))
	posts := len(r.f.posts)
	if status, _ := r.command(form); status != http.StatusConflict {
		t.Errorf("the replayed command answered %d, want 409", status)
	}
	if len(r.f.posts) != posts {
		t.Error("the replayed command made meldbot post")
	}
	if got := r.ticked(sanneEmail); !slices.Equal(got, []string{"threat"}) {
		t.Errorf("after the replayed command Sanne's report has %q ticked, want [threat]", got)
	}
}

// When meldbot cannot look up who sent a command or clicked, the person
// sees no internal details; the log has them.
func TestAPersonWhoCannotBeLookedUpIsToldNothingInternal(t *testing.T) {
	r := newRig(t)
	if _, err := r.a.Send(context.Background(), "peter.bakker@voorbeeldrode.nl", question, bot.Delivery{}); err != nil {
		t.Fatal(err)
	}
	q := r.latestButtons("dm-peterid")
	r.a.byID.forget("peterid")
	r.f.refuse("GetUser", http.StatusInternalServerError, "app.user.get.app_error")

	_, cmd := r.command(r.commandForm("peterid", ""))
	_, click := r.click(clickBody(r.f, "peterid", q.Id, "dm-peterid", buttonContext(t, q, "Nee")))
	for what, body := range map[string]string{"command": cmd, "click": click} {
		for _, internal := range []string{"peterid", "looking up", "app.user.get", "GetUser"} {
			if strings.Contains(body, internal) {
				t.Errorf("the %s's answer shows %q: %s", what, internal, body)
			}
		}
	}
	if n := strings.Count(r.logs.String(), "app.user.get.app_error"); n < 2 {
		t.Errorf("the details are not logged for both:\n%s", r.logs)
	}

	// Someone Mattermost does not know is refused.
	r.f.allow("GetUser")
	if status, _ := r.command(r.commandForm("ghostid", "")); status != http.StatusForbidden {
		t.Errorf("a command by someone Mattermost does not know answered %d, want 403", status)
	}
}

// failingDMMarks is a store on which storing how far a direct channel was
// read fails, as when meldbot crashes between handling a message and
// storing its read mark.
type failingDMMarks struct{ bot.Store }

func (s failingDMMarks) Update(ctx context.Context, fn func(bot.Tx) error) error {
	return s.Store.Update(ctx, func(tx bot.Tx) error { return fn(failingDMMarksTx{tx}) })
}

type failingDMMarksTx struct{ bot.Tx }

func (tx failingDMMarksTx) PutMark(key, value string) error {
	if strings.Contains(key, "/dm/") {
		return errors.New("disk full")
	}
	return tx.Tx.PutMark(key, value)
}

// A direct message handled just before a crash, whose read mark was never
// stored, is met again by the catch-up after the restart; the bot knows it
// by its post and does not answer it twice.
func TestADirectMessageHandledBeforeACrashIsNotAnsweredAgain(t *testing.T) {
	f := newFakeAPI()
	h := bottest.New(t)
	answers := func() int {
		h.Flush()
		n := 0
		for _, d := range h.Received() {
			if d.To == sanneEmail {
				n++
			}
		}
		return n
	}

	firstRun(t, f, h.Store) // Sanne's channel has a read mark

	rec := throughBot(t, h.Bot)
	s, stop := session(t, f, failingDMMarks{h.Store}, rec)
	say(f, s, userPost("p2", "sanneid", "dm-sanneid", "help", ago(0)))
	rec.next(t)
	stop()
	first := answers()
	if first == 0 {
		t.Fatal("the bot did not answer")
	}

	rec2 := throughBot(t, h.Bot)
	s, stop = session(t, f, h.Store, rec2)
	say(f, s, userPost("p3", "sanneid", "dm-sanneid", "help", ago(0)))
	for range 2 {
		rec2.next(t)
	}
	stop()
	if got := texts(rec2.all()); !slices.Equal(got, []string{"help", "help"}) {
		t.Fatalf("after the restart the adapter handed over %q, want the caught-up and the new message", got)
	}
	if n := answers() - first; n != first {
		t.Errorf("after the restart the bot answered %d times, want %d: the message from before the crash was answered again", n, first)
	}
}

// throughBot returns a recorder that hands each event to the real bot
// before it records it.
func throughBot(t *testing.T, b *bot.Bot) *recorder {
	rec := newRecorder()
	rec.before = func(ev bot.Event) {
		if err := b.Handle(context.Background(), ev); err != nil {
			t.Errorf("handling %#v: %v", ev, err)
		}
	}
	return rec
}
