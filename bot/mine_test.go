package bot_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strconv"
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
		"*Reports by or about you* (2)\n• *"+forHer+"*", "\n• *"+own+"*", "Everything is also in the attached file", "Karin de Vries")
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
	step(t, h, "ahmed", "/incident mijn gegevens", "*Meldingen door of over jou* (1)\n• *"+forHer+"*")
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

// /incident toon counts the tasks it lists: "0 van 8 taken afgerond" above
// a list of eight tasks. The check-ins offered to the employee are listed
// apart, as what they are — a question how things are, not a task someone
// must finish — and are not in the count.
func TestShowCountsTheTasksItLists(t *testing.T) {
	h := bottest.New(t)
	n := h.Report(t, "sanne", map[string]string{"checkin": "[Ja, graag]"})
	h.Clock.Advance(10 * time.Minute)
	step(t, h, "peter", "[Gedaan | Eerste opvang]")
	for _, who := range []string{"sanne", "peter", "karin"} {
		got := step(t, h, who, "/incident toon "+n)
		m := regexp.MustCompile(`in behandeling \((\d+) van (\d+) taken afgerond\)`).FindStringSubmatch(got)
		if m == nil {
			t.Fatalf("%s: no count of tasks:\n%s", who, got)
		}
		done, all := atoi(t, m[1]), atoi(t, m[2])
		section := func(heading string) []string {
			_, rest, ok := strings.Cut(got, "\n"+heading)
			if !ok {
				return nil
			}
			_, rest, _ = strings.Cut(rest, "\n")
			block, _, _ := strings.Cut(rest, "\n\n")
			return strings.Split(block, "\n")
		}
		tasks, checkIns := section("*Taken*"), section("*Check-ins*")
		if len(tasks) != all || !strings.Contains(got, fmt.Sprintf("*Taken* (%d)", all)) {
			t.Errorf("%s: the count says %d tasks, the list has %d:\n%s", who, all, len(tasks), got)
		}
		finished := 0
		for _, l := range tasks {
			if strings.Contains(l, "Gedaan door") || strings.Contains(l, "Niet nodig") {
				finished++
			}
			if strings.Contains(l, "Hoe gaat het met je?") {
				t.Errorf("%s: a check-in among the tasks: %s", who, l)
			}
		}
		if done != 1 || finished != done {
			t.Errorf("%s: %d of the listed tasks are done, the count says %d:\n%s", who, finished, done, got)
		}
		if len(checkIns) != 3 || !strings.Contains(got, "*Check-ins* (3; telt niet als taak)") || !strings.Contains(checkIns[0], "Hoe gaat het met je? — Sanne Visser — gepland vanaf") {
			t.Errorf("%s: the check-ins %q", who, checkIns)
		}
		if who == "sanne" {
			step(t, h, who, "/incident mijn", fmt.Sprintf("(%d van %d taken afgerond)", done, all))
		}
	}
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// /incident mijn gegevens reads as a summary an employee understands: who
// they are in the organisation file, in words rather than codes, without
// empty moments — and for each of their reports who else saw or received
// it, how and when, from the audit trail. The file holds it all for
// software, without empty moments either.
func TestMyDataSaysWhoSawMyReport(t *testing.T) {
	h := bottest.New(t)
	n := h.Report(t, "sanne", nil)
	h.Clock.Advance(10 * time.Minute)
	step(t, h, "peter", "[Ik pak het op | Eerste opvang]")
	step(t, h, "peter", "/incident toon "+n, "Gemeld door: Sanne Visser")
	h.Clock.Advance(5 * time.Minute)
	step(t, h, "karin", "/incident export 2026-Q4", "1 melding, met persoonsgegevens")
	step(t, h, "sanne", "/incident mijn gegevens",
		"*Wat meldbot over je bewaart* (op vr 27 nov 2026, 15:15)",
		"*Uit het organisatiebestand*\n• Naam: Sanne Visser (sanne.visser@voorbeeldrode.nl)\n• Rol: medewerker\n• Afdeling: Publiekszaken\n• Taal: Nederlands",
		"*Meldingen door of over jou* (1)\n• *"+n+"* — vr 27 nov 2026, 15:00 — Verbale agressie — in behandeling (0 van 7 taken afgerond)",
		"Gezien of ontvangen door:",
		"– Karin de Vries (coördinator agressie en geweld): bericht van een nieuwe melding, in een export met persoonsgegevens — 2 keer, vr 27 nov 2026, 15:00 – vr 27 nov 2026, 15:15",
		"– Peter Bakker (afdelingsmanager): taak, taak bijgewerkt, de melding opgevraagd — ",
		"*Verder*\n• Afgevinkt op de inrichtingslijst: niets\n• Een melding die je aan het invullen bent: Nee\n• In het logboek: ",
		"Alles staat ook in het bijgevoegde bestand, in een vorm die software kan lezen (JSON).",
		"!0001-01-01", "!publiekszaken", "!employee", "!first_care", "!Fatima")
	if f := exported(t, h, "sanne"); strings.Contains(string(f.Data), "0001-01-01") {
		t.Errorf("the file has moments that never were:\n%s", f.Data)
	}

	// Who reported for a colleague learns who received the report they
	// made, not who was given the colleague's care.
	forHer := h.Report(t, "ahmed", map[string]string{"department": "[Publiekszaken]"}, "/incident voor sanne")
	got := step(t, h, "ahmed", "/incident mijn gegevens", "*"+forHer+"*", "Rol: beveiliger", "Locaties: Stadhuis, Wijkpost Noord",
		"– Karin de Vries (coördinator agressie en geweld): bericht van een nieuwe melding — 1 keer",
		"– Sanne Visser: melding voor hem of haar gedaan — 1 keer")
	if strings.Contains(got, "Peter Bakker") {
		t.Errorf("the guard is told who cares for his colleague:\n%s", got)
	}
	step(t, h, "sanne", "/incident taal en")
	step(t, h, "sanne", "/incident my data", "*Reports by or about you* (2)", "Seen or received by:",
		"– Karin de Vries (aggression and violence coordinator): notice of a new report, in an export with personal data — 2 times")
	step(t, h, "tom", "/incident mijn gegevens", "*Meldingen door of over jou* (0)\nJe hebt geen meldingen gedaan, en er zijn geen meldingen over jou.",
		"*Taken die je kreeg of waarvan je bericht kreeg* (0)")
}

// Someone meldbot keeps nothing about beyond the organisation file reads
// that in words, not as headers with nothing under them.
func TestMyDataOfSomeoneWithNothingSaysSo(t *testing.T) {
	h := bottest.New(t)
	step(t, h, "sanne", "/incident mijn gegevens",
		"*Meldingen door of over jou* (0)\nJe hebt geen meldingen gedaan, en er zijn geen meldingen over jou.",
		"*Taken die je kreeg of waarvan je bericht kreeg* (0)\nJe hebt geen taken gekregen, en geen bericht over taken.")
}
