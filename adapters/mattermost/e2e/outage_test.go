package e2e

import (
	"bufio"
	"fmt"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"meldbot/adapters/admin"
	"meldbot/bot/bottest"
)

// afterOutage finishes the report after the answer about the other party.
var afterOutage = afterCrash[strings.Index(afterCrash, "sanne> [Eén persoon]"):]

// TestMattermostRestartsMidReport stops the Mattermost server halfway
// through a report, keeps it down for 20 seconds — longer than meldbot used
// to keep trying an edit — and starts it again. Sanne types her next answer
// as soon as the server is back: meldbot, reconnected within seconds,
// answers it, and the report completes with nothing asked twice.
func TestMattermostRestartsMidReport(t *testing.T) {
	w := need(t)
	w.startMeldbot(t)
	bottest.Run(t, w.d, beforeCrash, w.user)

	if err := w.mm.restart(20 * time.Second); err != nil {
		t.Fatal(err)
	}
	back := time.Now()
	if err := w.d.connect(w.mm.url); err != nil {
		t.Fatal(err)
	}
	restart := w.d.position()
	sanneUser := w.user("sanne")
	if err := w.d.Type(sanneUser, "Onbekend"); err != nil {
		t.Fatal(err)
	}
	if _, err := w.d.Await(sanneUser, "Om hoeveel personen ging het?"); err != nil {
		t.Fatalf("the answer typed after the server came back is not answered: %v", err)
	}
	took := time.Since(back)
	logf("after the server came back, the first typed answer was answered in %s", took.Round(100*time.Millisecond))
	if took > 15*time.Second {
		t.Errorf("the first typed answer after the outage took %s; meldbot reconnects within seconds", took.Round(time.Second))
	}
	bottest.Run(t, w.d, afterOutage, w.user)

	for _, dl := range w.d.since(restart) {
		if dl.To == sanne && !dl.Update && strings.Contains(dl.Text, "Wie was de andere partij?") {
			t.Errorf("after the outage meldbot asked again:\n%s", dl.Text)
		}
	}
	if n := reconnects(t, w); n < 1 {
		t.Errorf("meldbot_chat_reconnects_total = %v after the server restarted, want at least 1", n)
	}
}

// reconnects reads meldbot's count of reconnections from its metrics.
func reconnects(t *testing.T, w *world) float64 {
	t.Helper()
	c, err := admin.LoadContact(filepath.Join(w.dir, "meldbot.db"))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.Get(c.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "meldbot_chat_reconnects_total "); ok {
			var n float64
			_, _ = fmt.Sscan(v, &n)
			return n
		}
	}
	return -1
}
