package admin

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"meldbot/bot"
)

// Figures are the figures of the data file the metrics show, read at a
// scrape. Reading them must cost little on a large register: the store
// reads them from indexes (storage.Store.Stats).
type Figures struct {
	// Outbox is how many messages wait; OutboxOldest when the oldest was
	// queued (zero when none waits); OutboxOldestDue the same for the
	// messages that wait for the chat platform rather than for a person it
	// refuses.
	Outbox          int
	OutboxOldest    time.Time
	OutboxOldestDue time.Time
	// Open and Overdue count the outstanding tasks by kind.
	Open    map[bot.TaskKind]int
	Overdue map[bot.TaskKind]int
}

// Link is what a chat adapter says of its connection; the Mattermost and
// Slack adapters have it. A chat without it (the console) counts as
// always connected.
type Link interface {
	// Link reports whether the connection for incoming events is up, and
	// how often it was made again after it was lost.
	Link() (connected bool, reconnects uint64)
}

// Metrics collects meldbot's metrics and shows them in Prometheus's format.
// The bot knows nothing of it: events are counted by wrapping the
// bot.Handler (Handler), deliveries by wrapping the bot.Chat the outbox
// delivers through (Chat), the rest by small hooks and by reading Figures
// at each scrape.
type Metrics struct {
	reg *prometheus.Registry

	handled, failed *prometheus.CounterVec
	latency         *prometheus.HistogramVec
	deliveries      *prometheus.CounterVec
	cycleStarted    prometheus.Counter
	cycleLate       prometheus.Counter
	backupLast      prometheus.Gauge
	backupsFailed   prometheus.Counter

	figures func(now time.Time) (Figures, error)
	link    Link

	mu     sync.Mutex
	cached Figures
	at     time.Time
	err    error
}

// figuresFor is how long figures read at a scrape are reused, so scrapes
// that come together read the store once.
const figuresFor = 5 * time.Second

// NewMetrics returns the metrics of a meldbot of the given version. figures
// reads the data file's figures; link, when not nil, tells whether the chat
// is connected. Set Link later with SetLink when the chat is made after.
func NewMetrics(version string, figures func(now time.Time) (Figures, error)) *Metrics {
	m := &Metrics{
		reg:     prometheus.NewRegistry(),
		figures: figures,
		handled: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "meldbot_events_handled_total",
			Help: "Events (commands, typed messages, button clicks) handled, by kind."}, []string{"kind"}),
		failed: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "meldbot_events_failed_total",
			Help: "Attempts to handle an event that failed, by kind; the adapters try twice more before telling the person."}, []string{"kind"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "meldbot_event_handling_seconds",
			Help:    "Time to handle an event: its turn, stored with its replies in one transaction.",
			Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10}}, []string{"kind"}),
		deliveries: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "meldbot_deliveries_total",
			Help: "Attempts to deliver a message or an update of one, by result: delivered, failed (tried again), refused (the platform refuses the person)."},
			[]string{"what", "result"}),
		cycleStarted: prometheus.NewCounter(prometheus.CounterOpts{Name: "meldbot_cycle_occurrences_started_total",
			Help: "Occurrences of the policy cycle's duties started."}),
		cycleLate: prometheus.NewCounter(prometheus.CounterOpts{Name: "meldbot_cycle_occurrences_late_total",
			Help: "Occurrences of the policy cycle started late, as after downtime."}),
		backupLast: prometheus.NewGauge(prometheus.GaugeOpts{Name: "meldbot_backup_last_success_timestamp_seconds",
			Help: "When the last backup was written and checked, as a Unix time; 0 before the first."}),
		backupsFailed: prometheus.NewCounter(prometheus.CounterOpts{Name: "meldbot_backups_failed_total",
			Help: "Backups that could not be written or failed their check."}),
	}
	build := prometheus.NewGauge(prometheus.GaugeOpts{Name: "meldbot_build_info", Help: "The running version of meldbot.",
		ConstLabels: prometheus.Labels{"version": version}})
	build.Set(1)
	m.reg.MustRegister(m.handled, m.failed, m.latency, m.deliveries, m.cycleStarted, m.cycleLate, m.backupLast,
		m.backupsFailed, build, figureCollector{m},
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// SetLink tells the metrics (and the readiness check) how to ask the chat
// whether it is connected; a chat that is not a Link counts as connected.
func (m *Metrics) SetLink(c any) {
	l, _ := c.(Link)
	m.mu.Lock()
	m.link = l
	m.mu.Unlock()
}

// connected reports whether the chat is connected, and its reconnects.
func (m *Metrics) connected() (bool, uint64) {
	m.mu.Lock()
	l := m.link
	m.mu.Unlock()
	if l == nil {
		return true, 0
	}
	return l.Link()
}

// read returns the data file's figures, read at most every figuresFor.
func (m *Metrics) read(now time.Time) (Figures, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.at.IsZero() || now.Sub(m.at) >= figuresFor || now.Before(m.at) {
		m.cached, m.err = m.figures(now)
		m.at = now
	}
	return m.cached, m.err
}

// CycleStarted counts an occurrence of the policy cycle; use it with
// schedules.Cycle.OnStarted.
func (m *Metrics) CycleStarted(late bool) {
	m.cycleStarted.Inc()
	if late {
		m.cycleLate.Inc()
	}
}

// BackupDone records the outcome of a backup: when one succeeded, or that
// one failed.
func (m *Metrics) BackupDone(at time.Time, err error) {
	if err != nil {
		m.backupsFailed.Inc()
		return
	}
	m.backupLast.Set(float64(at.Unix()))
}

// Handler returns h, counting and timing the events it handles.
func (m *Metrics) Handler(h bot.Handler) bot.Handler { return measuredHandler{Handler: h, m: m} }

// Chat returns c, counting the deliveries made through it. Give it to the
// outbox's Dispatcher; the chat itself runs unwrapped.
func (m *Metrics) Chat(c bot.Chat) bot.Chat { return measuredChat{Chat: c, m: m} }

type measuredHandler struct {
	bot.Handler
	m *Metrics
}

func (h measuredHandler) Handle(ctx context.Context, ev bot.Event) error {
	start := time.Now()
	err := h.Handler.Handle(ctx, ev)
	kind := kindOf(ev)
	h.m.latency.WithLabelValues(kind).Observe(time.Since(start).Seconds())
	if err != nil {
		h.m.failed.WithLabelValues(kind).Inc()
	} else {
		h.m.handled.WithLabelValues(kind).Inc()
	}
	return err
}

// kindOf names the kind of an event for its label.
func kindOf(ev bot.Event) string {
	switch ev.(type) {
	case bot.Command:
		return "command"
	case bot.Text:
		return "text"
	case bot.Action:
		return "action"
	}
	return "other"
}

type measuredChat struct {
	bot.Chat
	m *Metrics
}

func (c measuredChat) Send(ctx context.Context, to bot.Email, msg bot.Message, d bot.Delivery) (bot.Ref, error) {
	ref, err := c.Chat.Send(ctx, to, msg, d)
	c.m.delivered("message", err)
	return ref, err
}

func (c measuredChat) Update(ctx context.Context, ref bot.Ref, msg bot.Message, d bot.Delivery) error {
	err := c.Chat.Update(ctx, ref, msg, d)
	c.m.delivered("update", err)
	return err
}

func (m *Metrics) delivered(what string, err error) {
	result := "delivered"
	switch {
	case errors.Is(err, bot.ErrUndeliverable):
		result = "refused"
	case err != nil:
		result = "failed"
	}
	m.deliveries.WithLabelValues(what, result).Inc()
}

// figureCollector shows the figures read at a scrape, and the chat's link.
type figureCollector struct{ m *Metrics }

var (
	descOutbox = prometheus.NewDesc("meldbot_outbox_messages", "Messages waiting in the outbox to be delivered.", nil, nil)
	descOldest = prometheus.NewDesc("meldbot_outbox_oldest_age_seconds",
		"Age of the oldest message waiting in the outbox; 0 when none waits.", nil, nil)
	descOpen    = prometheus.NewDesc("meldbot_tasks_open", "Outstanding tasks, by kind.", []string{"kind"}, nil)
	descOverdue = prometheus.NewDesc("meldbot_tasks_overdue", "Outstanding tasks past their deadline, by kind.", []string{"kind"}, nil)
	descUp      = prometheus.NewDesc("meldbot_chat_connected", "1 while the connection to the chat platform is up.", nil, nil)
	descReconn  = prometheus.NewDesc("meldbot_chat_reconnects_total",
		"Times the connection to the chat platform was made again after it was lost.", nil, nil)
	descStore = prometheus.NewDesc("meldbot_data_file_readable", "1 when the data file's figures could be read at this scrape.", nil, nil)
)

func (c figureCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{descOutbox, descOldest, descOpen, descOverdue, descUp, descReconn, descStore} {
		ch <- d
	}
}

func (c figureCollector) Collect(ch chan<- prometheus.Metric) {
	up, reconnects := c.m.connected()
	ch <- prometheus.MustNewConstMetric(descUp, prometheus.GaugeValue, boolValue(up))
	ch <- prometheus.MustNewConstMetric(descReconn, prometheus.CounterValue, float64(reconnects))
	now := time.Now()
	f, err := c.m.read(now)
	ch <- prometheus.MustNewConstMetric(descStore, prometheus.GaugeValue, boolValue(err == nil))
	if err != nil {
		return
	}
	ch <- prometheus.MustNewConstMetric(descOutbox, prometheus.GaugeValue, float64(f.Outbox))
	age := 0.0
	if !f.OutboxOldest.IsZero() {
		age = max(now.Sub(f.OutboxOldest).Seconds(), 0)
	}
	ch <- prometheus.MustNewConstMetric(descOldest, prometheus.GaugeValue, age)
	for kind, n := range f.Open {
		ch <- prometheus.MustNewConstMetric(descOpen, prometheus.GaugeValue, float64(n), string(kind))
		ch <- prometheus.MustNewConstMetric(descOverdue, prometheus.GaugeValue, float64(f.Overdue[kind]), string(kind))
	}
}

func boolValue(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
