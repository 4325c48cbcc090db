package mattermost

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"meldbot/bot"
)

var question = bot.Message{
	Text: "Was er een *wapen* in het spel?",
	Choices: []bot.Choice{
		{Label: "Ja", Value: "r:1:weapon:yes", Style: bot.StyleDanger},
		{Label: "Nee", Value: "r:1:weapon:no", Style: bot.StylePrimary},
		{Label: "Weet ik niet", Value: "r:1:weapon:unknown"},
	},
}

// buttons returns the actions of a post the fake stored.
func buttons(t testing.TB, p *model.Post) []*model.PostAction {
	t.Helper()
	var out []*model.PostAction
	for _, att := range p.Attachments() {
		out = append(out, att.Actions...)
	}
	return out
}

func TestSendPostsInTheDirectChannelWithSignedButtons(t *testing.T) {
	f := newFakeAPI()
	a, _ := newTestAdapter(t, f, nil)
	ref, err := a.Send(context.Background(), "SANNE.visser@voorbeeldrode.nl", question, bot.Delivery{})
	if err != nil {
		t.Fatal(err)
	}
	p := f.posts[string(ref)]
	if p == nil {
		t.Fatalf("no post %s", ref)
	}
	if p.ChannelId != "dm-sanneid" {
		t.Errorf("posted in %s, want the direct channel with Sanne", p.ChannelId)
	}
	if p.Message != "Was er een **wapen** in het spel?" {
		t.Errorf("message %q", p.Message)
	}
	acts := buttons(t, p)
	if len(acts) != 3 {
		t.Fatalf("%d buttons, want 3", len(acts))
	}
	for i, act := range acts {
		c := question.Choices[i]
		if act.Name != c.Label || act.Type != "button" || act.Id != actionID(i) || act.Integration.URL != "http://127.0.0.1:9/hooks/meldbot/action" {
			t.Errorf("button %d: %+v %+v", i, act, act.Integration)
		}
		if b, err := a.signer.verify("dm-sanneid", "sanneid", act.Integration.Context); err != nil || b.value != c.Value || b.postKey != p.GetProp(buttonKeyProp) {
			t.Errorf("button %d carries %+v (%v), want %q signed for the channel and the post", i, b, err, c.Value)
		}
	}
	if acts[0].Style != "danger" || acts[1].Style != "primary" || acts[2].Style != "default" {
		t.Errorf("styles %s %s %s", acts[0].Style, acts[1].Style, acts[2].Style)
	}
	// A second message reuses the channel and the person.
	if _, err := a.Send(context.Background(), "sanne.visser@voorbeeldrode.nl", bot.Message{Text: "nog één"}, bot.Delivery{}); err != nil {
		t.Fatal(err)
	}
	if f.count("GetUserByEmail") != 1 || f.count("CreateDirectChannel") != 1 {
		t.Errorf("looked up the person %d times and opened the channel %d times, want once each",
			f.count("GetUserByEmail"), f.count("CreateDirectChannel"))
	}
}

func TestUpdateRebuildsThePostWithoutButtons(t *testing.T) {
	f := newFakeAPI()
	a, _ := newTestAdapter(t, f, nil)
	ref, err := a.Send(context.Background(), "sanne.visser@voorbeeldrode.nl", question, bot.Delivery{})
	if err != nil {
		t.Fatal(err)
	}
	// As after a restart: the adapter has forgotten where the post is.
	a2, _ := newTestAdapter(t, f, nil)
	if err := a2.Update(context.Background(), ref, bot.Message{Text: "Was er een wapen in het spel?\n→ *Nee*"}, bot.Delivery{}); err != nil {
		t.Fatal(err)
	}
	p := f.posts[string(ref)]
	if p.Message != "Was er een wapen in het spel?\n→ **Nee**" {
		t.Errorf("message after update %q", p.Message)
	}
	if acts := buttons(t, p); len(acts) != 0 {
		t.Errorf("the post still has %d buttons", len(acts))
	}
	if p.GetProp(model.PostPropsFromBot) != "true" {
		t.Error("the updated post lost its bot marker")
	}
}

func TestUpdateKeepsButtonsWorking(t *testing.T) {
	f := newFakeAPI()
	a, _ := newTestAdapter(t, f, nil)
	ref, _ := a.Send(context.Background(), "sanne.visser@voorbeeldrode.nl", question, bot.Delivery{})
	m := question
	m.Choices = append([]bot.Choice{{Label: "✓ Ja", Value: "r:1:weapon:yes"}}, m.Choices[1:]...)
	if err := a.Update(context.Background(), ref, m, bot.Delivery{}); err != nil {
		t.Fatal(err)
	}
	acts := buttons(t, f.posts[string(ref)])
	if len(acts) != 3 || acts[0].Name != "✓ Ja" {
		t.Fatalf("buttons after update: %v", acts)
	}
	if acts[0].Integration == nil {
		t.Fatal("the updated button has no callback: the update reused a fetched post")
	}
	key := f.posts[string(ref)].GetProp(buttonKeyProp)
	if b, err := a.signer.verify("dm-sanneid", "sanneid", acts[0].Integration.Context); err != nil || b.value != "r:1:weapon:yes" || b.postKey != key {
		t.Errorf("updated button carries %+v (%v), want it bound to the post's key %v", b, err, key)
	}
	// After a restart the adapter finds out again whom the post is for.
	a2, _ := newTestAdapter(t, f, nil)
	if err := a2.Update(context.Background(), ref, m, bot.Delivery{}); err != nil {
		t.Fatal(err)
	}
	acts = buttons(t, f.posts[string(ref)])
	if b, err := a.signer.verify("dm-sanneid", "sanneid", acts[0].Integration.Context); err != nil || b.value != "r:1:weapon:yes" || b.postKey != key {
		t.Errorf("after a restart the updated button carries %+v (%v), want it bound to the post's key %v", b, err, key)
	}
}

func TestSendAndUpdateReportFailuresSoTheOutboxRetries(t *testing.T) {
	f := newFakeAPI()
	a, _ := newTestAdapter(t, f, nil)
	f.fail["CreatePost"] = 503
	if _, err := a.Send(context.Background(), "sanne.visser@voorbeeldrode.nl", question, bot.Delivery{}); err == nil {
		t.Error("Send succeeded although Mattermost refused the post")
	}
	if _, err := a.Send(context.Background(), "nobody@voorbeeldrode.nl", question, bot.Delivery{}); !errors.Is(err, bot.ErrNoSuchPerson) || !strings.Contains(err.Error(), "nobody@voorbeeldrode.nl") {
		t.Errorf("sending to an unknown address: %v", err)
	}
	delete(f.fail, "CreatePost")
	ref, err := a.Send(context.Background(), "sanne.visser@voorbeeldrode.nl", question, bot.Delivery{})
	if err != nil {
		t.Fatal(err)
	}
	f.fail["PatchPost"] = 500
	err = a.Update(context.Background(), ref, bot.Message{Text: "x"}, bot.Delivery{})
	var appErr *model.AppError
	if !errors.As(err, &appErr) {
		t.Errorf("Update error %v does not wrap Mattermost's", err)
	}
}

func TestSendAttachesAnImage(t *testing.T) {
	f := newFakeAPI()
	a, _ := newTestAdapter(t, f, nil)
	png := []byte("\x89PNG\r\n\x1a\nfake")
	ref, err := a.Send(context.Background(), "peter.bakker@voorbeeldrode.nl", bot.Message{Text: "Overzicht", Image: &bot.Image{Name: "kwartaal.png", PNG: png}}, bot.Delivery{})
	if err != nil {
		t.Fatal(err)
	}
	p := f.posts[string(ref)]
	if len(p.FileIds) != 1 || string(f.files[p.FileIds[0]]) != string(png) {
		t.Fatalf("post files %v", p.FileIds)
	}
	if err := a.Update(context.Background(), ref, bot.Message{Text: "Overzicht (verouderd)"}, bot.Delivery{}); err != nil {
		t.Fatal(err)
	}
	if len(f.posts[string(ref)].FileIds) != 0 {
		t.Error("an update without an image kept the old one")
	}
}

func TestPersonWithoutVisibleEmail(t *testing.T) {
	f := newFakeAPI()
	f.users["hiddenid"] = &model.User{Id: "hiddenid", Username: "hidden"}
	a, _ := newTestAdapter(t, f, nil)
	if _, err := a.userByID(context.Background(), "hiddenid"); !errors.Is(err, errNoEmail) {
		t.Errorf("got %v, want the explanation about Show Email Address", err)
	}
}

func TestSendCarriesTheDeliveryKeyAsPendingPostID(t *testing.T) {
	f := newFakeAPI()
	a, _ := newTestAdapter(t, f, nil)
	d := bot.Delivery{Key: "42-abc"}
	ref, err := a.Send(context.Background(), "sanne.visser@voorbeeldrode.nl", question, d)
	if err != nil {
		t.Fatal(err)
	}
	if got := f.posts[string(ref)].PendingPostId; got != "botid:meldbot-42-abc" {
		t.Errorf("pending post ID %q", got)
	}
	ref, _ = a.Send(context.Background(), "sanne.visser@voorbeeldrode.nl", question, bot.Delivery{})
	if got := f.posts[string(ref)].PendingPostId; got != "" {
		t.Errorf("without a key the pending post ID is %q", got)
	}
}

func TestSendAttachesAFile(t *testing.T) {
	f := newFakeAPI()
	a, _ := newTestAdapter(t, f, nil)
	csv := []byte("nummer;datum\nGIR-2026-0001;2026-11-27\n")
	ref, err := a.Send(context.Background(), "peter.bakker@voorbeeldrode.nl", bot.Message{Text: "Export",
		File: &bot.File{Name: "meldingen-2026.csv", ContentType: "text/csv", Data: csv}}, bot.Delivery{})
	if err != nil {
		t.Fatal(err)
	}
	p := f.posts[string(ref)]
	if len(p.FileIds) != 1 || string(f.files[p.FileIds[0]]) != string(csv) {
		t.Fatalf("post files %v", p.FileIds)
	}
}

// A message meldbot may have posted before it stopped (bot.Delivery.Again)
// is looked for in the channel by its key: found, it is not posted a second
// time, also after Mattermost forgot its pending post ID. Another message,
// or one whose post was deleted, is posted; so is one whose lookup fails,
// since twice is better than never.
func TestAMessagePostedBeforeACrashIsNotPostedAgain(t *testing.T) {
	f := newFakeAPI()
	a, logs := newTestAdapter(t, f, nil)
	queued := time.Now()
	sanne := "sanne.visser@voorbeeldrode.nl"
	first, err := a.Send(context.Background(), bot.Email(sanne), question, bot.Delivery{Key: "7-a", Queued: queued})
	if err != nil {
		t.Fatal(err)
	}
	if got := f.posts[string(first)].GetProp(deliveryProp); got != "7-a" {
		t.Fatalf("the post carries delivery key %v", got)
	}

	again := bot.Delivery{Key: "7-a", Queued: queued, Again: true}
	if ref, err := a.Send(context.Background(), bot.Email(sanne), question, again); err != nil || ref != first {
		t.Errorf("the repeat gave %q, %v; want the first post %q", ref, err, first)
	}
	if n := f.count("CreatePost"); n != 1 {
		t.Errorf("%d posts made, want 1", n)
	}

	other := bot.Delivery{Key: "8-b", Queued: queued, Again: true}
	if ref, _ := a.Send(context.Background(), bot.Email(sanne), question, other); ref == first || f.count("CreatePost") != 2 {
		t.Errorf("a message never posted was not posted (ref %q)", ref)
	}

	f.mu.Lock()
	f.posts[string(first)].DeleteAt = model.GetMillis()
	f.mu.Unlock()
	if ref, _ := a.Send(context.Background(), bot.Email(sanne), question, again); ref == first || f.count("CreatePost") != 3 {
		t.Errorf("the message was not posted again after its post was deleted (ref %q)", ref)
	}

	f.fail["GetPostsSince"] = 500
	if ref, err := a.Send(context.Background(), bot.Email(sanne), question, again); err != nil || f.count("CreatePost") != 4 {
		t.Errorf("with the lookup failing: ref %q, err %v, %d posts", ref, err, f.count("CreatePost"))
	}
	if !strings.Contains(logs.String(), "could not check whether a message was posted before") {
		t.Errorf("the failed lookup is not logged:\n%s", logs.String())
	}
}
