package e2e

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"meldbot/bot"
	"meldbot/bot/bottest"
)

// reportScript is the shared report script with Sanne asking to talk to
// someone now: first care is then urgent and her manager is told at once,
// day and night, so the suite passes whatever day and hour it runs. (A
// report that can wait reaches the manager at the next working moment; the
// bot's own tests cover that, with an injected clock.)
var reportScript = strings.Replace(bottest.ReportScript, "sanne> [Nee, nu niet]", "sanne> [Ja, graag]", 1)

// user resolves a name in a script to a person of the sample organisation.
func (w *world) user(name string) bot.User { return bottest.FindUser(w.org, name) }

// TestReportConversation runs the shared report script on Mattermost:
// /incident in a channel, every answer in the direct message (buttons
// through Mattermost's post-action API, text as posts), the GIR number at
// the end, and the coordinator's direct message.
func TestReportConversation(t *testing.T) {
	w := need(t)
	w.startMeldbot(t)
	start := w.d.position()

	if reportScript == bottest.ReportScript {
		t.Fatal("the shared report script no longer answers \"Nee, nu niet\" to talking now; update reportScript")
	}
	bottest.Run(t, w.d, reportScript, w.user)

	if ack := w.d.ack(w.user("sanne")); ack != "Ik antwoord je in een privébericht." {
		t.Errorf("after /incident Sanne saw %q, want the acknowledgement", ack)
	}
	done, err := w.d.Await(w.user("sanne"), "geregistreerd onder nummer")
	if err != nil {
		t.Fatal(err)
	}
	number := regexp.MustCompile(`GIR-\d{4}-\d{4}`).FindString(done.Text)
	if number == "" {
		t.Fatalf("no GIR number in %q", done.Text)
	}
	if _, err := w.d.Await(w.user("karin"), number); err != nil {
		t.Errorf("the coordinator's message lacks the number %s: %v", number, err)
	}

	// Every question answered by a click was updated: it shows the choice
	// and offers no buttons any more.
	for _, q := range []string{"Hoe was het contact?", "Waar gebeurde het?", "Doe je aangifte bij de politie?"} {
		var final *delivery
		for _, dl := range w.d.since(start) {
			if dl.To == sanne && strings.Contains(dl.Text, q) {
				final = &dl
			}
		}
		switch {
		case final == nil:
			t.Errorf("Sanne never saw %q", q)
		case !final.Update || len(final.Choices) > 0:
			t.Errorf("after the click, %q still offers %q (update %v)", q, final.Choices, final.Update)
		}
	}
	// The post itself, fetched from Mattermost, has no buttons left.
	ctx := context.Background()
	for _, dl := range w.d.since(start) {
		if dl.To != sanne || !strings.Contains(dl.Text, "Hoe was het contact?") {
			continue
		}
		p, _, err := w.s.people[sanne].client.GetPost(ctx, dl.post.Id, "")
		if err != nil {
			t.Fatal(err)
		}
		if n := len(p.Attachments()); n > 0 && len(p.Attachments()[0].Actions) > 0 {
			t.Errorf("the answered question still has buttons in Mattermost: %+v", p.Attachments()[0].Actions)
		}
		break
	}
}
