package admin

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"meldbot/bot"
)

// world is what the readiness check looks at, switched by the test.
type world struct {
	mu  sync.Mutex
	up  bool
	f   Figures
	err error
}

func (w *world) Link() (bool, uint64) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.up, 0
}

func (w *world) figures(time.Time) (Figures, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.f, w.err
}

// set changes the world, and makes the metrics read its figures afresh.
func (w *world) set(m *Metrics, change func(w *world)) {
	w.mu.Lock()
	change(w)
	w.mu.Unlock()
	m.mu.Lock()
	m.at = time.Time{}
	m.mu.Unlock()
}

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
	w := &world{up: true}
	m := NewMetrics("test", w.figures)
	m.SetLink(w)
	srv := httptest.NewServer(New(Config{Metrics: m, Log: zerolog.Nop()}).Handler())
	defer srv.Close()

	if code, body := readyz(t, srv.URL); code != 200 {
		t.Fatalf("all well: %d %q", code, body)
	}
	now := time.Now()
	cases := []struct {
		name   string
		change func(w *world)
		want   string
	}{
		{"chat down", func(w *world) { w.up = false }, "not connected to the chat platform"},
		{"outbox stuck", func(w *world) { w.f.OutboxOldestDue = now.Add(-time.Hour) }, "the outbox is stuck: a message has waited 1h0m"},
		{"data file unreadable", func(w *world) { w.err = errors.New("database not open") }, "the data file cannot be read: database not open"},
	}
	for _, c := range cases {
		w.set(m, func(w *world) {
			w.f, w.err, w.up = Figures{OutboxOldest: now.Add(-48 * time.Hour)}, nil, true // a refused person's message waits for days
			c.change(w)
		})
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
	_, _ = c.Send(t.Context(), "a@x.nl", bot.Message{}, bot.Delivery{})
	_ = c.Update(t.Context(), "ref", bot.Message{}, bot.Delivery{})
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

func (refusing) Send(context.Context, bot.Email, bot.Message, bot.Delivery) (bot.Ref, error) {
	return "", bot.ErrNoSuchPerson
}

func (refusing) Update(context.Context, bot.Ref, bot.Message, bot.Delivery) error {
	return errors.New("502")
}

// A backup that could not be made is an error for whoever asked, even when
// the operation names the file it was writing; a backup made but failing
// its check is a report of its problems.
func TestAFailedBackupIsNotAnsweredAsDone(t *testing.T) {
	var rep Report
	var err error
	m := NewMetrics("test", func(time.Time) (Figures, error) { return Figures{}, nil })
	srv := httptest.NewServer(New(Config{Metrics: m, Log: zerolog.Nop(), Token: "t", Ops: Operations{
		Backup: func(context.Context) (Report, error) { return rep, err },
	}}).Handler())
	defer srv.Close()
	c := Client{Contact: Contact{URL: srv.URL, Token: "t"}}

	rep, err = Report{File: "/backups/meldbot-20261206T040000Z.db"}, errors.New("no space left on device")
	if got, gotErr := c.Backup(context.Background()); gotErr == nil || !strings.Contains(gotErr.Error(), "no space left on device") {
		t.Errorf("a failed backup answered %+v, %v; want its error", got, gotErr)
	}
	rep, err = Report{File: "/backups/meldbot-20261206T040000Z.db.damaged", Problems: []string{"page 7: unreadable"}}, errors.New("the backup fails its check")
	if got, gotErr := c.Backup(context.Background()); gotErr != nil || len(got.Problems) != 1 {
		t.Errorf("a damaged backup answered %+v, %v; want its report", got, gotErr)
	}
}
