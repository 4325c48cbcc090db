package admin

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"meldbot/bot"
)

// link is a chat connection the test switches.
type link struct {
	up         bool
	reconnects uint64
}

func (l *link) Link() (bool, uint64) { return l.up, l.reconnects }

func readyz(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// /readyz says why meldbot is not ready: the chat is not connected, a
// message has waited too long for the platform, the data file cannot be
// read. A message waiting for a person the platform refuses does not make
// it unready: that wait is meant.
func TestReadinessNamesWhatIsWrong(t *testing.T) {
	var f Figures
	var ferr error
	m := NewMetrics("test", func(time.Time) (Figures, error) { return f, ferr })
	l := &link{up: true}
	m.SetLink(l)
	srv := httptest.NewServer(New(Config{Metrics: m, Log: zerolog.Nop()}).Handler())
	defer srv.Close()

	if code, body := readyz(t, srv.URL); code != 200 {
		t.Fatalf("all well: %d %q", code, body)
	}
	now := time.Now()
	cases := []struct {
		name string
		set  func()
		want string
	}{
		{"chat down", func() { l.up = false }, "not connected to the chat platform"},
		{"outbox stuck", func() { f.OutboxOldestDue = now.Add(-time.Hour) }, "the outbox is stuck: a message has waited 1h0m"},
		{"data file unreadable", func() { ferr = errors.New("database not open") }, "the data file cannot be read: database not open"},
	}
	for _, c := range cases {
		f, ferr, l.up = Figures{OutboxOldest: now.Add(-48 * time.Hour)}, nil, true // a refused person's message waits for days
		m.at = time.Time{}                                                         // read the figures afresh
		c.set()
		if code, body := readyz(t, srv.URL); code != http.StatusServiceUnavailable || !strings.Contains(body, c.want) {
			t.Errorf("%s: %d %q, want 503 saying %q", c.name, code, body, c.want)
		}
	}
}

// The metrics count what the wrapped handler and chat do.
func TestMetricsCountHandledEventsAndDeliveries(t *testing.T) {
	m := NewMetrics("test", func(time.Time) (Figures, error) {
		return Figures{Open: map[bot.TaskKind]int{bot.TaskFirstCare: 2}, Overdue: map[bot.TaskKind]int{bot.TaskFirstCare: 1}}, nil
	})
	h := m.Handler(failing{})
	_ = h.Handle(t.Context(), bot.Text{User: bot.User{Email: "a@x.nl"}, Body: "ok"})
	_ = h.Handle(t.Context(), bot.Text{User: bot.User{Email: "a@x.nl"}, Body: "fail"})
	c := m.Chat(refusing{})
	_, _ = c.Send(t.Context(), "a@x.nl", bot.Message{})
	_ = c.Update(t.Context(), "ref", bot.Message{})
	srv := httptest.NewServer(New(Config{Metrics: m, Log: zerolog.Nop()}).Handler())
	defer srv.Close()
	resp, err := http.Get(srv.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	for _, want := range []string{
		`meldbot_events_handled_total{kind="text"} 1`,
		`meldbot_events_failed_total{kind="text"} 1`,
		`meldbot_deliveries_total{result="refused",what="message"} 1`,
		`meldbot_deliveries_total{result="failed",what="update"} 1`,
		`meldbot_tasks_open{kind="first_care"} 2`,
		`meldbot_tasks_overdue{kind="first_care"} 1`,
	} {
		if !strings.Contains(string(body), want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}

// failing fails the events whose text is "fail".
type failing struct{ bot.Handler }

func (failing) Handle(_ context.Context, ev bot.Event) error {
	if t, ok := ev.(bot.Text); ok && t.Body == "fail" {
		return errors.New("failed")
	}
	return nil
}

// refusing refuses every person and fails every update.
type refusing struct{ bot.Chat }

func (refusing) Send(context.Context, string, bot.Message) (bot.Ref, error) {
	return "", bot.ErrNoSuchPerson
}

func (refusing) Update(context.Context, bot.Ref, bot.Message) error { return errors.New("502") }
