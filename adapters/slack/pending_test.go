package slack

import (
	"context"
	"fmt"
	"testing"
	"time"

	"meldbot/bot"
)

// Two messages with the same text and chart are two messages: a failed
// upload of the first does not stop the second's text from being posted.
func TestPartlySentMessagesAreKnownByTheirDeliveryKey(t *testing.T) {
	w := newWorkspace(t, karin)
	a := w.adapter()
	m := bot.Message{Text: "Meldingen per kwartaal", Image: &bot.Image{Name: "kwartaal.png", PNG: []byte("png")}}
	first := bot.Delivery{Key: "41-a"}
	second := bot.Delivery{Key: "42-b"}

	w.failNext("files.completeUploadExternal", failure{status: 500, body: "oops"})
	if _, err := a.Send(context.Background(), bot.Email(karin.Email), m, first); err == nil {
		t.Fatal("Send succeeded although the upload failed")
	}
	if _, err := a.Send(context.Background(), bot.Email(karin.Email), m, second); err != nil {
		t.Fatal(err)
	}
	if n := len(w.posted()); n != 2 {
		t.Errorf("after the second message the text was posted %d times, want 2", n)
	}
	// The first message, tried again, uploads its chart without its text.
	if _, err := a.Send(context.Background(), bot.Email(karin.Email), m, first); err != nil {
		t.Fatal(err)
	}
	if n := len(w.posted()); n != 2 {
		t.Errorf("the text was posted %d times for two messages, want 2", n)
	}
	if len(a.pending.m) != 0 {
		t.Errorf("%d messages still remembered after both went out", len(a.pending.m))
	}
}

func TestPartlySentMessagesAreForgottenInTime(t *testing.T) {
	var p pendingUploads
	start := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	p.set("old", partSent{ref: "D1/1", files: 1}, start)
	for i := range maxPending + 10 {
		p.set(fmt.Sprint(i), partSent{ref: "D1/2"}, start.Add(time.Hour+time.Duration(i)*time.Second))
	}
	if len(p.m) != maxPending {
		t.Errorf("%d messages remembered, want at most %d", len(p.m), maxPending)
	}
	if _, ok := p.get("0", start.Add(time.Hour)); ok {
		t.Error("the oldest message was kept beyond the bound")
	}
	last := fmt.Sprint(maxPending + 9)
	if _, ok := p.get(last, start.Add(2*time.Hour)); !ok {
		t.Error("the newest message was forgotten")
	}
	if _, ok := p.get(last, start.Add(26*time.Hour)); ok {
		t.Error("a message given up on a day ago is still remembered")
	}
}
