package bot_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"meldbot/bot"
	"meldbot/bot/bottest"
)

// numberRe finds register numbers in what a message shows.
var numberRe = regexp.MustCompile(`GIR-\d{4}-\d{4}`)

// disclosed returns the incidents a delivered message shows its recipient:
// the register numbers in its text and buttons, in the file it carries (the
// number column of an export; the incidents and tasks of one's own data),
// and the incident a check-in offer is about (a witness's offer names the
// incident by its moment; its buttons carry the number).
func disclosed(t *testing.T, m bot.Message) []string {
	t.Helper()
	var found []string
	add := func(ns ...string) {
		for _, n := range ns {
			if n != "" && !slices.Contains(found, n) {
				found = append(found, n)
			}
		}
	}
	add(numberRe.FindAllString(m.Text, -1)...)
	for _, c := range m.Choices {
		add(numberRe.FindAllString(c.Label, -1)...)
		if rest, ok := strings.CutPrefix(c.Value, "c:"); ok {
			add(numberRe.FindString(rest))
		}
	}
	if f := m.File; f != nil {
		switch {
		case strings.HasSuffix(f.Name, ".csv"):
			records, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(f.Data, []byte("\ufeff")))).ReadAll()
			if err != nil {
				t.Fatalf("%s: %v", f.Name, err)
			}
			for _, r := range records[1:] {
				add(r[0])
			}
		case strings.HasSuffix(f.Name, ".xlsx"):
			_, rows, _ := readWorkbook(t, f.Data)
			for _, r := range rows {
				add(r["Registratienummer"])
			}
		case strings.HasSuffix(f.Name, ".json"):
			var data struct {
				Incidents []struct{ Number string }
				Tasks     []struct{ Incident string }
			}
			if err := json.Unmarshal(f.Data, &data); err != nil {
				t.Fatalf("%s: %v", f.Name, err)
			}
			for _, inc := range data.Incidents {
				add(inc.Number)
			}
			for _, task := range data.Tasks {
				add(task.Incident)
			}
		}
	}
	return found
}

// trail returns every audit entry about the incidents numbered, in order.
func trail(t *testing.T, h *bottest.Harness, numbers []string) []bot.AuditEntry {
	t.Helper()
	var all []bot.AuditEntry
	if err := h.Store.View(context.Background(), func(tx bot.Tx) error {
		for _, n := range numbers {
			es, err := tx.AuditOf(n)
			if err != nil {
				return err
			}
			all = append(all, es...)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	sort.Slice(all, func(i, j int) bool { return all[i].Seq < all[j].Seq })
	return all
}

// Every message that shows an incident to a person has its entry in the
// audit trail, made when it was delivered: a walk through every command
// and every kind of message — a report with everything that follows it,
// a report for someone else, reminders, a snooze, an escalation,
// check-ins, witnesses, a ban, the lists (each page of /incident taken,
// by its button and by its number), overview, export, toon, mijn,
// mijn gegevens, audit — counts, per person and incident, the messages
// that showed it and the entries that say so: they are the same. A person
// the chat refuses (the town clerk here) never got the serious incident's
// notice nor the ban's, and has no entry.
func TestEveryDisclosureIsAuditedWhenDelivered(t *testing.T) {
	h := bottest.New(t)
	clerk := h.User("els").Key()
	h.Chat.Fail = func(to string, m bot.Message) error {
		if bot.Email(to) == clerk {
			return fmt.Errorf("%w: the clerk's account is switched off", bot.ErrUndeliverable)
		}
		return nil
	}

	// A serious report with everything that follows from it.
	n1 := h.Report(t, "sanne", map[string]string{"categories": "6", "weapon": "[Nee]", "injury": "[Ja, licht letsel]",
		"damage": "[Ja]", "witnesses": "Tom Smit stond ernaast", "security": "[Ja]",
		"workplace": "[Ja]", "police": "[Ik twijfel nog]", "checkin": "[Ja, graag]"})
	// A report for someone else.
	h.Clock.Advance(5 * time.Minute)
	n2 := h.Report(t, "ahmed", map[string]string{"department": "[Publiekszaken]"}, "/incident voor sanne")
	step(t, h, "tom", "[Ja, graag | getuige]", "over een paar dagen")
	step(t, h, "sanne", "[Ja, graag | "+n2+"]", "over een paar dagen")

	h.Clock.Advance(5 * time.Minute)
	step(t, h, "peter", "[Ik pak het op | Eerste opvang* — "+n1+"]", "Opgepakt door Peter Bakker")
	h.Advance(time.Hour)
	step(t, h, "peter", "/incident taken", n1)
	step(t, h, "peter", "[Gedaan | Steun bij de aangifte]", "Wat is er gedaan?")
	step(t, h, "peter", "[Aangifte gedaan]", "registratienummer")
	step(t, h, "peter", "PV-2026-1", "Vastgelegd bij "+n1)
	step(t, h, "peter", "[Gedaan | Reactie richting de dader (binnen 48 uur)* — "+n1+"]", "Welke maatregel")
	step(t, h, "peter", "[Bezoek- of gebouwverbod]", "Tot wanneer")
	step(t, h, "peter", "3 maanden", "Vastgelegd bij "+n1)
	step(t, h, "peter", "[Later | Contact vandaag* — "+n1+"]", "Wanneer zal ik het je opnieuw vragen?")
	step(t, h, "peter", "[Over een uur]", "ik vraag het je opnieuw")
	step(t, h, "mark", "[Ik pak het op | Schade verhalen]", "Opgepakt")
	step(t, h, "linda", "[Gedaan | Werkplek aanpassen]", "Gedaan")

	// Reminders, the end of the snooze, escalations, check-ins.
	advanceTo(h, at(h, 2026, 12, 2, 8, 30))
	step(t, h, "sanne", "[Ik wil graag een gesprek | Hoe gaat het met je?]", "leidinggevende")
	h.Advance(3 * 24 * time.Hour)

	// Every command that shows incidents; Peter's tasks fill three pages.
	step(t, h, "peter", "/incident taken", "Hier staan nummer 1 tot en met 5", "Er staan nog 6 taken open")
	step(t, h, "peter", "[Volgende taken]", "Hier staan nummer 6 tot en met 10")
	step(t, h, "peter", "/incident taken 3", "Hier staan nummer 11 tot en met 11")
	step(t, h, "karin", "/incident overzicht 2026-Q4", "📊")
	step(t, h, "karin", "/incident export 2026-Q4", "met persoonsgegevens")
	step(t, h, "karin", "/incident export 2026-Q4 csv", "met persoonsgegevens")
	step(t, h, "karin", "/incident export 2026-Q4 anoniem", "zonder persoonsgegevens")
	step(t, h, "karin", "/incident toon "+n1, "Gemeld door: Sanne Visser")
	step(t, h, "karin", "/incident audit "+n1, "Logboek van "+n1)
	step(t, h, "karin", "/incident audit", "Logboek van het register")
	step(t, h, "alex", "/incident toon "+n1, "can't show you")
	step(t, h, "alex", "/incident toon GIR-2026-0099", "can't show you")
	step(t, h, "alex", "/incident mijn")
	step(t, h, "sanne", "/incident mijn", n1, n2)
	step(t, h, "sanne", "/incident mijn gegevens", n1)
	step(t, h, "sanne", "/incident toon "+n2, "Gemeld door: Ahmed Ouali")
	step(t, h, "ahmed", "/incident mijn gegevens", n2)
	step(t, h, "ahmed", "/incident toon "+n2, "Over: Sanne Visser")
	step(t, h, "tom", "/incident mijn gegevens")
	step(t, h, "mark", "/incident toon "+n1, "Materiële schade: Ja")
	step(t, h, "jan", "/incident toon "+n1, "kan ik je niet laten zien")
	// A week on, what the clerk never got is given up.
	h.Advance(8 * 24 * time.Hour)

	// The messages that showed each incident, per person…
	type key struct{ to, number string }
	shownBy := map[key]int{}
	kinds := map[string]bool{}
	for _, s := range h.Chat.Sent() {
		for _, n := range disclosed(t, s.Message) {
			shownBy[key{string(s.To), n}]++
		}
	}
	// …and the entries that say so. A refusal echoes the number asked
	// for, and is in the trail as the refusal itself.
	entries := trail(t, h, []string{n1, n2, "GIR-2026-0099"})
	audited := map[key]int{}
	for _, e := range entries {
		switch e.Action {
		case bot.AuditShown, bot.AuditRead:
			if e.To == "" {
				t.Errorf("entry %d shows %s to nobody: %+v", e.Seq, e.Incident, e)
			}
			audited[key{string(e.To), e.Incident}]++
			kinds[string(e.Action)+":"+e.What] = true
		case bot.AuditDenied:
			audited[key{string(e.By), e.Incident}]++
		}
	}
	for k, n := range shownBy {
		if audited[k] != n {
			t.Errorf("%s was shown %s in %d message(s); the audit trail has %d", k.to, k.number, n, audited[k])
		}
	}
	for k, n := range audited {
		if shownBy[k] == 0 {
			t.Errorf("the audit trail has %d entries of %s shown to %s, who got no message with it", n, k.number, k.to)
		}
	}
	for _, e := range entries {
		if e.To == clerk {
			t.Errorf("an entry for a message the clerk never got: %+v", e)
		}
	}
	// The walk met every kind of disclosure.
	for _, want := range []string{"shown:task", "shown:reminder", "shown:escalation", "shown:tasks", "shown:task_update",
		"shown:task_form", "shown:registered", "shown:new_report", "shown:reported_for_you", "shown:witness",
		"shown:serious_notice", "shown:ban_notice", "read:show", "read:mine", "read:my_data", "read:audit",
		"read:export", "read:export_anonymous"} {
		if !kinds[want] {
			t.Errorf("the walk met no %s", want)
		}
	}
}
