package storage

import (
	"context"
	"encoding/json"
	"path/filepath"
	"testing"
	"time"

	"github.com/rs/zerolog"
	bolt "go.etcd.io/bbolt"

	"meldbot/bot"
	"meldbot/bot/bottest"
	"meldbot/bot/form"
	"meldbot/bot/outbox"
)

// recordKinds are the stored records FuzzStoredRecords writes: where it
// puts the bytes, and what meldbot does that reads them.
var recordKinds = []struct {
	name   string
	bucket []byte
	key    string
	// use reads the record as meldbot does: through the store and a
	// command or click that shows or changes it.
	use func(m *meldbot) error
}{
	{"incident", bucketIncidents, "2026/00000001", func(m *meldbot) error {
		return m.handle(bot.Command{User: m.user("karin"), Args: "toon GIR-2026-0001"})
	}},
	{"task", bucketTasks, "GIR-2026-0001/first_care", func(m *meldbot) error {
		if err := m.handle(bot.Command{User: m.user("peter"), Args: "taken"}); err != nil {
			return err
		}
		return m.handle(bot.Action{User: m.user("peter"), Value: "t:GIR-2026-0001/first_care:ack"})
	}},
	{"conversation", bucketConversations, "sanne.visser@voorbeeldrode.nl", func(m *meldbot) error {
		for _, text := range []string{"help", "1", "terug", "Versturen"} {
			if err := m.handle(bot.Text{User: m.user("sanne"), Body: text}); err != nil {
				return err
			}
		}
		return nil
	}},
	{"outgoing", bucketOutbox, string(u64(1)), func(m *meldbot) error {
		return m.outbox.Flush(context.Background())
	}},
}

// empty empties every bucket of the data file, as a new one has them.
func empty(tx *bolt.Tx) error {
	var names [][]byte
	if err := tx.ForEach(func(name []byte, _ *bolt.Bucket) error {
		if string(name) != string(bucketMeta) {
			names = append(names, append([]byte(nil), name...))
		}
		return nil
	}); err != nil {
		return err
	}
	for _, name := range names {
		if err := tx.DeleteBucket(name); err != nil {
			return err
		}
		if _, err := tx.CreateBucket(name); err != nil {
			return err
		}
	}
	return tx.Bucket(bucketMeta).Delete(keyAuditHead)
}

// meldbot is a bot and its outbox on a store, logging nothing: a fuzz
// target may not log through its testing.F.
type meldbot struct {
	org    *bot.Organisation
	bot    *bot.Bot
	outbox *outbox.Dispatcher
}

func newMeldbot(f *testing.F, s bot.Store) *meldbot {
	org := bottest.SampleOrg(f)
	clock := bottest.NewClock(bottest.Friday)
	b, err := bot.New(bot.Config{Org: org, Store: s, Clock: clock, Log: zerolog.Nop()})
	if err != nil {
		f.Fatal(err)
	}
	return &meldbot{org: org, bot: b, outbox: outbox.New(s, &bottest.Chat{}, clock, zerolog.Nop())}
}

func (m *meldbot) user(name string) bot.User { return bottest.FindUser(m.org, name) }

// handle handles an event and delivers what it queued.
func (m *meldbot) handle(ev bot.Event) error {
	if err := m.bot.Handle(context.Background(), ev); err != nil {
		return err
	}
	return m.outbox.Flush(context.Background())
}

// FuzzStoredRecords puts any bytes where the data file keeps an incident,
// a task, a conversation or an outgoing message, and has meldbot read it:
// garbage is an error of the store, never a panic, and what decodes is
// handled.
//
//	go test ./storage -run '^$' -fuzz FuzzStoredRecords -fuzztime 1m
func FuzzStoredRecords(f *testing.F) {
	at := time.Date(2026, 11, 27, 15, 0, 0, 0, time.UTC)
	seeds := []any{
		bot.Incident{Number: "GIR-2026-0001", ReportedAt: at, Reporter: "sanne.visser@voorbeeldrode.nl", Subject: "sanne.visser@voorbeeldrode.nl",
			Report: bot.ReportAnswers(at, map[string]string{"categories": "verbal", "department": "publiekszaken", "description": "Een klant schold me uit."}),
			Status: bot.StatusOpen},
		bot.Task{ID: "GIR-2026-0001/first_care", Kind: bot.TaskFirstCare, Incident: "GIR-2026-0001", Row: "M5",
			Assignee: "peter.bakker@voorbeeldrode.nl", Watchers: []bot.Email{"peter.bakker@voorbeeldrode.nl"}, Start: at, Due: at.Add(time.Hour), State: bot.TaskOpen},
		bot.Conversation{ID: "c1", User: "sanne.visser@voorbeeldrode.nl", Step: "when", Started: at,
			Answers: form.Answers{"categories": {Keys: []string{"verbal"}}, "channel": {Keys: []string{"in_person"}}}},
		bot.Outgoing{ID: 1, To: "sanne.visser@voorbeeldrode.nl", Message: bot.Message{Text: "Hallo"}, Created: at,
			Audit: []bot.AuditEntry{{To: "sanne.visser@voorbeeldrode.nl", Incident: "GIR-2026-0001", Action: bot.AuditShown, What: "task"}}},
	}
	for i, v := range seeds {
		data, err := json.Marshal(v)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(uint8(i), data)
	}
	f.Add(uint8(2), []byte(`{"user":"sanne.visser@voorbeeldrode.nl","form":"police","task":"nergens","step":"police_outcome"}`))
	f.Add(uint8(0), []byte(`{"number":"GIR-2026-0001","categories":["onbekend"],"occurred":{"time":"0001-01-01T00:00:00Z"}}`))
	f.Add(uint8(1), []byte(`null`))
	s, err := Open(filepath.Join(f.TempDir(), "meldbot.db"))
	if err != nil {
		f.Fatal(err)
	}
	defer s.Close()
	s.db.NoSync = true
	m := newMeldbot(f, s)
	f.Fuzz(func(t *testing.T, kind uint8, data []byte) {
		k := recordKinds[int(kind)%len(recordKinds)]
		if err := s.db.Update(func(tx *bolt.Tx) error {
			if err := empty(tx); err != nil {
				return err
			}
			return tx.Bucket(k.bucket).Put([]byte(k.key), data)
		}); err != nil {
			t.Fatal(err)
		}
		// What the store reads without an error, meldbot handles without
		// one.
		decoded := s.View(context.Background(), func(tx bot.Tx) error {
			switch k.name {
			case "incident":
				_, err := tx.Incident("GIR-2026-0001")
				return err
			case "task":
				_, err := tx.Task("GIR-2026-0001/first_care")
				return err
			case "conversation":
				_, err := tx.Conversation("sanne.visser@voorbeeldrode.nl")
				return err
			}
			_, err := tx.Outbox(0, 10)
			return err
		})
		if err := k.use(m); err != nil && decoded == nil {
			t.Fatalf("a stored %s that decodes (%s) fails: %v", k.name, data, err)
		}
	})
}
