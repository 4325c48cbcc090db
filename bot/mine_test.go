package bot_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"meldbot/bot"
	"meldbot/bot/bottest"
	"meldbot/bot/locale"
)

// /incident mijn lists a person's reports, newest first, with where each
// stands; /incident toon shows one, with its tasks and history.
func TestMyReportsAndOneReportInFull(t *testing.T) {
	h := bottest.New(t)
	step(t, h, "sanne", "/incident mijn", "Je hebt nog geen meldingen gedaan")
	first := h.Report(t, "sanne", nil)
	h.Clock.Set(at(h, 2026, 11, 30, 9, 0)) // Monday
	second := h.Report(t, "sanne", map[string]string{"categories": "2"})
	got := step(t, h, "sanne", "/incident mijn", "*Jouw meldingen* (2)",
		"*"+second+"* — ma 30 nov 2026, 09:00 — Bedreiging — in behandeling (0 van 7 taken afgerond)",
		"/incident toon")
	if strings.Index(got, second) > strings.Index(got, first) {
		t.Errorf("not newest first:\n%s", got)
	}
	// Tom has reports of his own, not Sanne's.
	step(t, h, "tom", "/incident mijn", "Je hebt nog geen meldingen gedaan", "!"+first)

	h.Clock.Advance(10 * time.Minute)
	step(t, h, "peter", "[Ik pak het op | Eerste opvang* — "+second+"]", "Opgepakt door Peter Bakker")
	step(t, h, "sanne", "/incident toon "+strings.ToLower(second),
		"*"+second+"* — in behandeling", "*De melding*", "Wat: Bedreiging", "Plaats: Stadhuis",
		"Gemeld door: Sanne Visser", "Beschrijving: Een klant schold me uit",
		"*Vastgelegd*", "Eerste opvang opgepakt: ma 30 nov 2026, 09:10 door Peter Bakker (10 min na de melding)",
		"!Eerste opvang gegeven",
		"*Taken*", "Eerste opvang — Peter Bakker — 👤 Opgepakt door Peter Bakker",
		"*Verloop*", "ma 30 nov 2026, 09:10 — Peter Bakker: opgepakt (Eerste opvang)")
	step(t, h, "sanne", "/incident toon", "Welke melding wil je zien?")
}

// /incident mijn gegevens gives everything stored about a person, as the
// AVG requires: a summary, and all of it in a file.
func TestMyDataIsEverythingStoredAboutMe(t *testing.T) {
	h := bottest.New(t)
	own := h.Report(t, "sanne", nil)
	forHer := h.Report(t, "ahmed", map[string]string{"department": "[Publiekszaken]"}, "/incident voor sanne")
	h.Report(t, "tom", nil)
	step(t, h, "sanne", "/incident taal en", "English")
	step(t, h, "sanne", "/incident my data", "*What meldbot keeps about you*",
		"Sanne Visser (sanne.visser@voorbeeldrode.nl)", "Language: English (your own choice)",
		"Reports by or about you: 2 ("+forHer+", "+own+")", "Everything is in the attached file", "Karin de Vries")
	f := exported(t, h, "sanne")
	if f.ContentType != "application/json" || !strings.HasSuffix(f.Name, ".json") {
		t.Errorf("file %s of type %s", f.Name, f.ContentType)
	}
	var data struct {
		Person    map[string]any `json:"organisation_file"`
		Prefs     *bot.Prefs     `json:"preferences"`
		Incidents []bot.Incident `json:"incidents"`
		Audit     []bot.AuditEntry
	}
	if err := json.Unmarshal(f.Data, &data); err != nil {
		t.Fatalf("the file is no JSON: %v", err)
	}
	if data.Person["department"] != "publiekszaken" || data.Prefs == nil || data.Prefs.Lang != locale.English || len(data.Incidents) != 2 {
		t.Errorf("my data: %+v", data)
	}
	if strings.Contains(string(f.Data), "tom.smit") {
		t.Error("Sanne's data holds Tom's report")
	}
	// What Ahmed reported for her, she gets in full; Ahmed gets the report
	// he made, not what was recorded about Sanne afterwards.
	h.Clock.Advance(time.Minute)
	step(t, h, "peter", "[Ik pak het op | "+forHer+"]", "Opgepakt")
	step(t, h, "ahmed", "/incident mijn gegevens", "Meldingen door of over jou: 1 ("+forHer+")")
	var guard struct{ Incidents []bot.Incident }
	if err := json.Unmarshal(exported(t, h, "ahmed").Data, &guard); err != nil {
		t.Fatal(err)
	}
	if len(guard.Incidents) != 1 || !guard.Incidents[0].FirstCareAt.IsZero() || guard.Incidents[0].Subject != "sanne.visser@voorbeeldrode.nl" {
		t.Errorf("the guard's copy: %+v", guard.Incidents)
	}
	// Asking is itself recorded.
	step(t, h, "karin", "/incident audit "+own, "Sanne Visser — bekeken (mijn gegevens)")
}

// exported returns the file sent to who with the latest action.
func exported(t *testing.T, h *bottest.Harness, who string) *bot.File {
	t.Helper()
	for _, d := range h.To(who) {
		if d.File != nil {
			return d.File
		}
	}
	t.Fatalf("%s got no file:\n%s", who, bottest.FormatDeliveries(h.Received()))
	return nil
}

// A task about someone else's incident shows, in one's own data, only that
// it came to one and what one did: not the report, not who else was asked.
func TestMyDataHoldsOnlyMyPartOfOthersTasks(t *testing.T) {
	h := bottest.New(t)
	h.Report(t, "sanne", map[string]string{"workplace": "[Ja]"})
	step(t, h, "linda", "[Gedaan | Werkplek aanpassen]")
	step(t, h, "linda", "/incident mijn gegevens")
	var data string
	for _, s := range h.Chat.Sent() {
		if s.To == "linda.hendriks@voorbeeldrode.nl" && s.Message.File != nil {
			data = string(s.Message.File.Data)
		}
	}
	if !strings.Contains(data, `"kind": "facility"`) || !strings.Contains(data, `"what": "done"`) {
		t.Fatalf("Linda's own part of the task is missing:\n%s", data)
	}
	for _, private := range []string{"sanne", "karin.devries", "Een klant schold"} {
		if strings.Contains(data, private) {
			t.Errorf("Linda's data holds %q:\n%s", private, data)
		}
	}
}

// brokenTasksStore fails to read an incident's tasks once broken is set.
type brokenTasksStore struct {
	bot.Store
	broken bool
}

type brokenTasksTx struct{ bot.Tx }

func (brokenTasksTx) TasksOfIncident(string) ([]bot.Task, error) {
	return nil, errors.New("disk read error")
}

func (s *brokenTasksStore) wrap(fn func(bot.Tx) error) func(bot.Tx) error {
	return func(tx bot.Tx) error {
		if s.broken {
			tx = brokenTasksTx{tx}
		}
		return fn(tx)
	}
}

func (s *brokenTasksStore) Update(ctx context.Context, fn func(bot.Tx) error) error {
	return s.Store.Update(ctx, s.wrap(fn))
}

func (s *brokenTasksStore) View(ctx context.Context, fn func(bot.Tx) error) error {
	return s.Store.View(ctx, s.wrap(fn))
}

// When the tasks cannot be read, /incident mijn and /incident toon fail
// (the person gets the failure notice and may ask again) rather than show
// the report without its tasks as if that were all.
func TestMyReportsFailWhenTheTasksCannotBeRead(t *testing.T) {
	s := &brokenTasksStore{Store: bottest.NewMemStore()}
	h := bottest.New(t, bottest.WithStore(s))
	n := h.Report(t, "sanne", nil)
	step(t, h, "sanne", "/incident mijn", "taken afgerond")
	s.broken = true
	for _, args := range []string{"mijn", "toon " + n} {
		sent := len(h.Chat.Sent())
		if err := h.Bot.Handle(context.Background(), bot.Command{User: h.User("sanne"), Args: args}); err == nil {
			t.Errorf("/incident %s with the tasks unreadable: no error", args)
		}
		h.Flush()
		if got := h.Chat.Sent()[sent:]; len(got) != 0 {
			t.Errorf("/incident %s with the tasks unreadable: sent %+v", args, got)
		}
	}
}
