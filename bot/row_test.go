package bot_test

import (
	"strings"
	"testing"
	"time"

	"meldbot/bot"
	"meldbot/bot/bottest"
)

// C5: the coordinator keeps the register: every report lands in it with its
// status, which follows the handling — being handled while a task is open,
// closed once every task is done or not needed.
func TestMatrix_C5_EveryReportInTheRegisterWithItsStatus(t *testing.T) {
	h := bottest.New(t)
	n := h.Report(t, "sanne", nil)
	step(t, h, "karin", "/incident toon "+n, "*"+n+"* — in behandeling (0 van 7 taken afgerond)", "Beschrijving: Een klant schold me uit")
	step(t, h, "sanne", "/incident mijn", n, "in behandeling")
	if inc := incident(t, h, n); inc.Status != bot.StatusOpen {
		t.Errorf("status %s", inc.Status)
	}

	// Peter handles everything as it comes; the follow-ups come last.
	advanceTo(h, at(h, 2027, 1, 15, 15, 0))
	titles := []string{"Eerste opvang", "Contact vandaag", "Reactie richting de dader", "Nazorggesprek (binnen 72 uur)",
		"Incidentanalyse vastleggen", "vervolggesprek 1/2", "vervolggesprek 2/2"}
	for i, title := range titles {
		step(t, h, "peter", "/incident taken", title)
		if err := h.ClickOn(h.User("peter"), title, "Niet nodig"); err != nil {
			t.Fatalf("%s: %v", title, err)
		}
		step(t, h, "peter", "Besproken in het gesprek met Sanne.", "Vastgelegd: deze taak is niet nodig")
		want := "in behandeling"
		if i == len(titles)-1 {
			want = "afgerond"
		}
		step(t, h, "karin", "/incident toon "+n, "*"+n+"* — "+want)
	}
	if inc := incident(t, h, n); inc.Status != bot.StatusClosed {
		t.Errorf("status after every task: %s", inc.Status)
	}
	step(t, h, "sanne", "/incident mijn", n, "afgerond")
	step(t, h, "karin", "/incident audit "+n, "Sanne Visser — geregistreerd", "meldbot — afgerond: alle taken zijn afgerond")
}

// Every change of an incident is in its audit trail: who recorded what,
// and when. So is every time someone was shown it.
func TestEveryChangeAndReadOfAnIncidentIsAudited(t *testing.T) {
	h := bottest.New(t)
	n := h.Report(t, "sanne", map[string]string{"police": "[Ik twijfel nog]"})
	h.Clock.Advance(5 * time.Minute)
	step(t, h, "peter", "[Ik pak het op | Eerste opvang]", "Opgepakt door Peter Bakker")
	h.Advance(time.Hour)
	step(t, h, "peter", "[Gedaan | Reactie richting de dader]", "Welke maatregel")
	step(t, h, "peter", "[Waarschuwingsbrief]", "✓ Vastgelegd bij "+n)
	step(t, h, "peter", "[Gedaan | Steun bij de aangifte]", "Wat is er gedaan?")
	step(t, h, "peter", "[Aangifte gedaan]", "registratienummer")
	step(t, h, "peter", "PL0900-2026-4711", "✓ Vastgelegd bij "+n)
	step(t, h, "peter", "/incident toon "+n, "Maatregel richting de dader: Waarschuwingsbrief", "Politie: Aangifte gedaan")

	got := step(t, h, "karin", "/incident audit "+n)
	for _, want := range []string{
		"vr 27 nov 2026, 15:00 — Sanne Visser — geregistreerd",
		"vr 27 nov 2026, 15:05 — Peter Bakker — gewijzigd: eerste opvang",
		"Peter Bakker — gewijzigd: maatregel richting de dader",
		"Peter Bakker — gewijzigd: uitkomst bij de politie",
		"Peter Bakker — bekeken (toon)",
		// What meldbot's messages showed, per person.
		"*Getoond in berichten van meldbot*",
		"Sanne Visser: 1 bericht (bevestiging van de melding), vr 27 nov 2026, 15:00",
		"Karin de Vries: 1 bericht (bericht van een nieuwe melding), vr 27 nov 2026, 15:00",
		"Peter Bakker: 12 berichten (taak, taak bijgewerkt, uitkomst vastleggen), vr 27 nov 2026, 15:00 – vr 27 nov 2026, 16:05",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the audit trail lacks %q:\n%s", want, got)
		}
	}
	// Looking at the trail is in it once the answer was delivered.
	step(t, h, "karin", "/incident audit "+n, "Karin de Vries — bekeken (logboek)")
	// Entries come in order of time.
	if strings.Index(got, "geregistreerd") > strings.Index(got, "uitkomst bij de politie") {
		t.Errorf("the trail is out of order:\n%s", got)
	}
	// Only the coordinator sees it, and there is no way to change it.
	step(t, h, "peter", "/incident audit "+n, "alleen de coördinator", "!Logboek van")
	step(t, h, "karin", "/incident audit onzin", "geen registratienummer")
}
