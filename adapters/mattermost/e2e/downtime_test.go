package e2e

import (
	"strings"
	"testing"
)

// TestMessagesSentWhileMeldbotIsDownAreAnswered stops meldbot, has Sanne
// write to it in the meantime, and starts it again on the same data file:
// her message is answered once meldbot is back, and only once.
func TestMessagesSentWhileMeldbotIsDownAreAnswered(t *testing.T) {
	w := need(t)
	w.startMeldbot(t)
	sanneUser := w.user("sanne")
	if err := w.d.Type(sanneUser, "hallo"); err != nil {
		t.Fatal(err)
	}
	if _, err := w.d.Await(sanneUser, "Ik ben meldbot"); err != nil {
		t.Fatalf("meldbot does not answer before it goes down: %v", err)
	}

	w.killMeldbot()
	if err := w.d.Type(sanneUser, "hallo"); err != nil {
		t.Fatal(err)
	}
	down := w.d.position()
	w.startMeldbot(t)
	if _, err := w.d.Await(sanneUser, "Ik ben meldbot"); err != nil {
		t.Fatalf("the message Sanne sent while meldbot was down is not answered after it started again: %v", err)
	}

	// A second restart answers nothing again: a live message is the next
	// thing answered.
	w.killMeldbot()
	w.startMeldbot(t)
	if err := w.d.Type(sanneUser, "hallo"); err != nil {
		t.Fatal(err)
	}
	if _, err := w.d.Await(sanneUser, "Ik ben meldbot"); err != nil {
		t.Fatal(err)
	}
	answers := 0
	for _, dl := range w.d.since(down) {
		if dl.To == sanne && !dl.Update && strings.Contains(dl.Text, "Ik ben meldbot") {
			answers++
		}
	}
	if answers != 2 {
		t.Errorf("meldbot answered %d times since it went down, want 2: once for the message sent while it was down, once for the live one", answers)
	}
}
