package slack

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"meldbot/bot"
)

func TestSendPostsTextAndButtonsInTheDirectConversation(t *testing.T) {
	w := newWorkspace(t, sanne)
	a := w.adapter()
	ctx := context.Background()

	r, err := a.Send(ctx, "Sanne.Visser@voorbeeldrode.nl", bot.Message{
		Text: "*Nieuwe taak:* eerste opvang voor <GIR-2026-0001> & nazorg",
		Choices: []bot.Choice{
			{Label: "Ik pak het op", Value: "t:1:claim", Style: bot.StylePrimary},
			{Label: "Klaar", Value: "t:1:done"},
			{Label: "Niet nodig", Value: "t:1:skip", Style: bot.StyleDanger},
		},
	}, bot.Delivery{})
	if err != nil {
		t.Fatal(err)
	}
	ms := w.posted()
	if len(ms) != 1 {
		t.Fatalf("posted %d messages, want 1", len(ms))
	}
	m := ms[0]
	if m.Channel != w.dm(sanne.ID) || r != bot.Ref(m.Channel+"/"+m.TS) {
		t.Errorf("posted to %s, ref %q; want Sanne's direct conversation and its ts", m.Channel, r)
	}
	wantText := "*Nieuwe taak:* eerste opvang voor &lt;GIR-2026-0001&gt; &amp; nazorg"
	if m.Text != wantText || !slices.Equal(m.Sections, []string{wantText}) {
		t.Errorf("text %q, sections %q; want %q in both", m.Text, m.Sections, wantText)
	}
	want := []shownButton{
		{BlockID: "choices-0", ActionID: "choice-0", Label: "Ik pak het op", Value: "t:1:claim", Style: "primary"},
		{BlockID: "choices-0", ActionID: "choice-1", Label: "Klaar", Value: "t:1:done"},
		{BlockID: "choices-0", ActionID: "choice-2", Label: "Niet nodig", Value: "t:1:skip", Style: "danger"},
	}
	if !slices.Equal(m.Buttons, want) {
		t.Errorf("buttons %+v\nwant %+v", m.Buttons, want)
	}

	// The person and the conversation are looked up once.
	if _, err := a.Send(ctx, bot.Email(sanne.Email), bot.Message{Text: "Nog iets"}, bot.Delivery{}); err != nil {
		t.Fatal(err)
	}
	if n, o := w.called("users.lookupByEmail"), w.called("conversations.open"); n != 1 || o != 1 {
		t.Errorf("users.lookupByEmail called %d times, conversations.open %d; want 1 each", n, o)
	}
}

func TestUpdateReplacesTheButtonsByTheChoice(t *testing.T) {
	w := newWorkspace(t, sanne)
	a := w.adapter()
	ctx := context.Background()
	r, err := a.Send(ctx, bot.Email(sanne.Email), bot.Message{Text: "*Hoe was het contact?*",
		Choices: []bot.Choice{{Label: "Persoonlijk", Value: "p"}, {Label: "Telefonisch", Value: "t"}}}, bot.Delivery{})
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Update(ctx, r, bot.Message{Text: "*Hoe was het contact?*\n✓ Persoonlijk"}, bot.Delivery{}); err != nil {
		t.Fatal(err)
	}
	ms := w.posted()
	if len(ms) != 2 {
		t.Fatalf("want a post and an update, got %+v", ms)
	}
	up := ms[1]
	if up.Method != "chat.update" || bot.Ref(up.Channel+"/"+up.TS) != r {
		t.Errorf("update %s of %s/%s, want chat.update of %s", up.Method, up.Channel, up.TS, r)
	}
	if len(up.Buttons) != 0 || !slices.Equal(up.Sections, []string{"*Hoe was het contact?*\n✓ Persoonlijk"}) {
		t.Errorf("updated message shows %q with buttons %q", up.Sections, labelsOf(up))
	}
	if err := a.Update(ctx, "not-a-ref", bot.Message{Text: "x"}, bot.Delivery{}); err == nil {
		t.Error("updating a malformed reference succeeded")
	}
}

func TestSendUploadsAnImageIntoTheConversation(t *testing.T) {
	w := newWorkspace(t, karin)
	a := w.adapter()
	png := []byte("\x89PNG\r\n\x1a\n chart bytes")
	if _, err := a.Send(context.Background(), bot.Email(karin.Email), bot.Message{Text: "Meldingen per kwartaal", Image: &bot.Image{Name: "kwartaal.png", PNG: png}}, bot.Delivery{}); err != nil {
		t.Fatal(err)
	}
	if ms := w.posted(); len(ms) != 1 || ms[0].Text != "Meldingen per kwartaal" {
		t.Errorf("posted %+v, want the text once", ms)
	}
	ups := w.uploaded()
	if len(ups) != 1 || ups[0].Name != "kwartaal.png" || !bytes.Equal(ups[0].Data, png) || ups[0].Channel != w.dm(karin.ID) {
		t.Errorf("uploads %+v, want kwartaal.png with its bytes shared in Karin's conversation", ups)
	}
}

func TestAFailedUploadIsRetriedWithoutPostingTheTextAgain(t *testing.T) {
	w := newWorkspace(t, karin)
	a := w.adapter()
	ctx := context.Background()
	m := bot.Message{Text: "Meldingen per kwartaal", Image: &bot.Image{Name: "kwartaal.png", PNG: []byte("png")}}
	w.failNext("files.completeUploadExternal", failure{status: 500, body: "oops"})
	if _, err := a.Send(ctx, bot.Email(karin.Email), m, bot.Delivery{}); err == nil {
		t.Fatal("Send succeeded although the upload failed")
	}
	if _, err := a.Send(ctx, bot.Email(karin.Email), m, bot.Delivery{}); err != nil {
		t.Fatal(err)
	}
	if ms := w.posted(); len(ms) != 1 {
		t.Errorf("the text was posted %d times, want once", len(ms))
	}
	shared := 0
	for _, u := range w.uploaded() {
		if u.Channel != "" {
			shared++
		}
	}
	if shared != 1 {
		t.Errorf("the image was shared %d times, want once", shared)
	}
}

func TestSendToAnAddressWithoutSlackAccountFails(t *testing.T) {
	w := newWorkspace(t, sanne)
	_, err := w.adapter().Send(context.Background(), "onbekend@voorbeeldrode.nl", bot.Message{Text: "Hallo"}, bot.Delivery{})
	if !errors.Is(err, bot.ErrNoSuchPerson) || !strings.Contains(err.Error(), "onbekend@voorbeeldrode.nl") {
		t.Errorf("Send = %v, want bot.ErrNoSuchPerson naming the address", err)
	}
	if len(w.posted()) != 0 {
		t.Error("something was posted")
	}
}

func TestARateLimitedPostIsSentOnceAfterTheWait(t *testing.T) {
	w := newWorkspace(t, sanne)
	a := w.adapter()
	w.failNext("chat.postMessage", failure{status: 429, retryAfter: "1", body: `{"ok":false,"error":"ratelimited"}`})
	if _, err := a.Send(context.Background(), bot.Email(sanne.Email), bot.Message{Text: "Herinnering: nazorggesprek"}, bot.Delivery{}); err != nil {
		t.Fatalf("Send: %v", err)
	}
	if ms := w.posted(); len(ms) != 1 || ms[0].Text != "Herinnering: nazorggesprek" {
		t.Errorf("recorded %+v, want the message exactly once", ms)
	}
	calls := w.callTimes("chat.postMessage")
	if len(calls) != 2 {
		t.Fatalf("chat.postMessage called %d times, want 2", len(calls))
	}
	if gap := calls[1].Sub(calls[0]); gap < time.Second {
		t.Errorf("retried after %s, before Retry-After: 1 had passed", gap)
	}
}

func TestWaitingOutARateLimitStopsWithTheContext(t *testing.T) {
	w := newWorkspace(t, sanne)
	a := w.adapter()
	ctx, cancel := context.WithCancel(context.Background())
	w.failNext("chat.postMessage", failure{status: 429, retryAfter: "3600", body: `{"ok":false,"error":"ratelimited"}`, then: cancel})
	_, err := a.Send(ctx, bot.Email(sanne.Email), bot.Message{Text: "Herinnering"}, bot.Delivery{})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Send = %v, want it to stop waiting when the context ends", err)
	}
	if len(w.posted()) != 0 {
		t.Error("the message was posted")
	}
}

// fakeTime is a clock that moves only when the adapter sleeps.
type fakeTime struct {
	mu    sync.Mutex
	t     time.Time
	waits []time.Duration
}

func (f *fakeTime) now() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.t
}

func (f *fakeTime) sleep(ctx context.Context, d time.Duration) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.waits = append(f.waits, d)
	f.t = f.t.Add(d)
	return ctx.Err()
}

func TestPostsToOneConversationArePacedOthersAreNot(t *testing.T) {
	w := newWorkspace(t, sanne, karin)
	clock := &fakeTime{t: time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)}
	a := w.adapter(func(d *deps) { d.now, d.sleep, d.postsPerSecond, d.burst = clock.now, clock.sleep, 1, 3 })
	ctx := context.Background()
	for i := range 5 {
		if _, err := a.Send(ctx, bot.Email(sanne.Email), bot.Message{Text: "herinnering " + string(rune('1'+i))}, bot.Delivery{}); err != nil {
			t.Fatal(err)
		}
	}
	// A burst of three goes at once; after that, one a second.
	if want := []time.Duration{time.Second, time.Second}; !slices.Equal(clock.waits, want) {
		t.Errorf("waited %v before posts to Sanne, want %v", clock.waits, want)
	}
	clock.waits = nil
	if _, err := a.Send(ctx, bot.Email(karin.Email), bot.Message{Text: "Nieuwe melding"}, bot.Delivery{}); err != nil {
		t.Fatal(err)
	}
	if len(clock.waits) != 0 {
		t.Errorf("a post to another conversation waited %v", clock.waits)
	}
	var texts []string
	for _, m := range w.posted() {
		texts = append(texts, m.Text)
	}
	if want := "herinnering 1|herinnering 2|herinnering 3|herinnering 4|herinnering 5|Nieuwe melding"; strings.Join(texts, "|") != want {
		t.Errorf("posted %q, want every message once, in order", texts)
	}
}

// The CSV export and one's own data arrive as files next to the text.
func TestSendUploadsImageAndFileOnceEach(t *testing.T) {
	w := newWorkspace(t, karin)
	a := w.adapter()
	ctx := context.Background()
	csv := []byte("nummer;datum\nGIR-2026-0001;2026-11-27\n")
	m := bot.Message{Text: "Export", Image: &bot.Image{Name: "k.png", PNG: []byte("png")},
		File: &bot.File{Name: "meldingen-2026.csv", ContentType: "text/csv; charset=utf-8", Data: csv}}
	// An upload fails once: the retry does not post the text again.
	w.failNext("files.completeUploadExternal", failure{status: 500, body: "oops"})
	if _, err := a.Send(ctx, bot.Email(karin.Email), m, bot.Delivery{}); err == nil {
		t.Fatal("Send succeeded although an upload failed")
	}
	if _, err := a.Send(ctx, bot.Email(karin.Email), m, bot.Delivery{}); err != nil {
		t.Fatal(err)
	}
	if ms := w.posted(); len(ms) != 1 {
		t.Errorf("the text was posted %d times, want once", len(ms))
	}
	var names []string
	for _, u := range w.uploaded() {
		if u.Channel != "" {
			names = append(names, u.Name)
		}
	}
	if strings.Join(names, ",") != "k.png,meldingen-2026.csv" {
		t.Errorf("shared %v, want the image and the file once each", names)
	}
}

// A message meldbot may have posted before it stopped (bot.Delivery.Again)
// is looked for in the conversation by the key in its metadata: found, it
// is not posted a second time. Another message, or one whose post was
// deleted, is posted; so is one whose lookup fails, since twice is better
// than never. The search reads on past a first page.
func TestAMessagePostedBeforeACrashIsNotPostedAgain(t *testing.T) {
	w := newWorkspace(t, sanne)
	logs := &bytes.Buffer{}
	a := w.adapter(func(d *deps) { d.log = zerolog.New(logs) })
	queued := time.Unix(1764252000, 0)
	question := bot.Message{Text: "Wie was de andere partij?", Choices: []bot.Choice{{Label: "Onbekend", Value: "r:1:other:unknown"}}}
	first, err := a.Send(context.Background(), bot.Email(sanne.Email), question, bot.Delivery{Key: "7-a", Queued: queued})
	if err != nil {
		t.Fatal(err)
	}
	if md := w.posted()[0].Metadata; !strings.Contains(md, `"event_type":"meldbot_delivery"`) || !strings.Contains(md, `"key":"7-a"`) {
		t.Fatalf("the post's metadata is %q", md)
	}
	for i := range historyPage + 5 { // the person typed, others were posted
		if _, err := a.Send(context.Background(), bot.Email(sanne.Email), bot.Message{Text: fmt.Sprint("bericht ", i)}, bot.Delivery{}); err != nil {
			t.Fatal(err)
		}
	}
	posts := len(w.posted())

	again := bot.Delivery{Key: "7-a", Queued: queued, Again: true}
	if ref, err := a.Send(context.Background(), bot.Email(sanne.Email), question, again); err != nil || ref != first {
		t.Errorf("the repeat gave %q, %v; want the first post %q", ref, err, first)
	}
	if n := len(w.posted()); n != posts {
		t.Errorf("%d posts, want still %d", n, posts)
	}

	other := bot.Delivery{Key: "8-b", Queued: queued, Again: true}
	if ref, _ := a.Send(context.Background(), bot.Email(sanne.Email), question, other); ref == first || len(w.posted()) != posts+1 {
		t.Errorf("a message never posted was not posted (ref %q)", ref)
	}

	w.mu.Lock()
	w.messages[0].Deleted = true
	w.mu.Unlock()
	if ref, _ := a.Send(context.Background(), bot.Email(sanne.Email), question, again); ref == first || len(w.posted()) != posts+2 {
		t.Errorf("the message was not posted again after its post was deleted (ref %q)", ref)
	}

	w.failNext("conversations.history", failure{status: 200, body: `{"ok":false,"error":"missing_scope"}`})
	if _, err := a.Send(context.Background(), bot.Email(sanne.Email), question, bot.Delivery{Key: "9-c", Queued: queued, Again: true}); err != nil || len(w.posted()) != posts+3 {
		t.Errorf("with the lookup failing: err %v, %d posts, want %d", err, len(w.posted()), posts+3)
	}
	if !strings.Contains(logs.String(), "could not check whether a message was posted before") {
		t.Errorf("the failed lookup is not logged:\n%s", logs.String())
	}
}
