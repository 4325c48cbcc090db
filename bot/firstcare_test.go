package bot_test

import (
	"strings"
	"testing"
	"time"

	"meldbot/bot"
	"meldbot/bot/bottest"
)

// withOnCall returns a harness on the sample organisation with Henk de Boer
// on call for the whole organisation (piket).
func withOnCall(t *testing.T) *bottest.Harness {
	t.Helper()
	org := bottest.SampleOrg(t)
	org.OnCall = []bot.OnCall{{Person: "henk.deboer@voorbeeldrode.nl"}}
	return bottest.New(t, bottest.WithOrg(org))
}

// seriousReport is a report of physical violence with a light injury.
var seriousReport = map[string]string{"categories": "6", "weapon": "[Nee]", "injury": "[Ja, licht letsel]"}

// M5: urgent first care outside working hours goes to who is on call
// first; the manager is told at once and can take it up too; nobody takes
// it up, and it goes on to the manager, the deputy and the coordinator.
func TestMatrix_M5_UrgentFirstCareOutsideWorkingHoursGoesToWhoIsOnCall(t *testing.T) {
	h := withOnCall(t)
	h.Clock.Set(at(h, 2026, 11, 28, 22, 10)) // Saturday night
	n := h.Report(t, "sanne", seriousReport)
	h.Expect(t, "henk", "🚨 Eerste opvang", n+" (ernstig)", "Over: Sanne Visser", "Graag uiterlijk za 28 nov 2026, 22:40", "Ik pak het op")
	h.Expect(t, "peter", "Ter informatie: deze melding kwam buiten werktijd binnen", "ligt eerst bij Henk de Boer (piket)",
		"🚨 Eerste opvang", n)
	h.Quiet(t, "fatima", "Eerste opvang")

	h.Advance(31 * time.Minute)
	h.Expect(t, "henk", "Herinnering", "Eerste opvang")
	h.Quiet(t, "peter", "Herinnering")
	h.Advance(30 * time.Minute)
	for _, who := range []string{"peter", "fatima", "karin"} {
		h.Expect(t, who, "Henk de Boer heeft *Eerste opvang* nog niet opgepakt")
	}
	tk := task(t, h, n+"/first_care")
	if tk.Assignee != "henk.deboer@voorbeeldrode.nl" || tk.State != bot.TaskEscalated || tk.Fallback[0] != "peter.bakker@voorbeeldrode.nl" {
		t.Errorf("first care: assignee %s, state %s, fallback %v", tk.Assignee, tk.State, tk.Fallback)
	}
}

// The manager, told of first care that went to who is on call, can take it
// up: every copy shows who did, and it counts as first care taken up.
func TestMatrix_M5_TheManagerCanTakeUpFirstCareThatWentToWhoIsOnCall(t *testing.T) {
	h := withOnCall(t)
	h.Clock.Set(at(h, 2026, 11, 27, 19, 0)) // Friday evening
	n := h.Report(t, "sanne", seriousReport)
	h.Clock.Advance(5 * time.Minute)
	step(t, h, "peter", "[Ik pak het op | Ter informatie]", "Opgepakt door Peter Bakker (vr 27 nov 2026, 19:05)")
	h.Expect(t, "henk", "Eerste opvang", "Opgepakt door Peter Bakker")
	if inc := incident(t, h, n); inc.FirstCareBy != "peter.bakker@voorbeeldrode.nl" {
		t.Errorf("first care taken up by %q", inc.FirstCareBy)
	}
}

// In working hours, and when it is not urgent, first care goes to the
// manager as always: who is on call hears nothing.
func TestMatrix_M5_WhoIsOnCallIsNotAskedInWorkingHours(t *testing.T) {
	h := withOnCall(t) // Friday 15:00
	h.Report(t, "sanne", seriousReport)
	h.Expect(t, "peter", "🚨 Eerste opvang")
	h.Quiet(t, "henk", "")

	h2 := withOnCall(t)
	h2.Clock.Set(at(h2, 2026, 11, 28, 22, 10)) // Saturday night, not serious
	h2.Report(t, "sanne", nil)
	h2.Quiet(t, "henk", "")
	h2.Quiet(t, "peter", "") // it waits for Monday
	advanceTo(h2, at(h2, 2026, 11, 30, 8, 30))
	h2.Expect(t, "peter", "Eerste opvang", "Graag uiterlijk ma 30 nov 2026, 12:30")
	h2.Quiet(t, "henk", "")
}

// M5: first care is given when its task is done, not when it is taken up;
// the incident and /incident toon say both.
func TestMatrix_M5_FirstCareGivenIsWhenItIsDone(t *testing.T) {
	h := bottest.New(t) // Friday 15:00
	n := h.Report(t, "sanne", nil)
	h.Clock.Advance(10 * time.Minute)
	step(t, h, "peter", "[Ik pak het op | Eerste opvang]", "Opgepakt door Peter Bakker")
	h.Clock.Advance(50 * time.Minute)
	step(t, h, "peter", "[Gedaan | Eerste opvang]", "Gedaan door Peter Bakker (vr 27 nov 2026, 16:00)")
	inc := incident(t, h, n)
	picked, _ := inc.TimeToFirstCare()
	given, ok := inc.TimeToCareGiven()
	if picked != 10*time.Minute || !ok || given != time.Hour || inc.CareGivenBy != "peter.bakker@voorbeeldrode.nl" {
		t.Errorf("taken up after %v, given after %v (%v) by %q", picked, given, ok, inc.CareGivenBy)
	}
	step(t, h, "karin", "/incident toon "+n,
		"Eerste opvang opgepakt: vr 27 nov 2026, 15:10 door Peter Bakker (10 min na de melding)",
		"Eerste opvang gegeven: vr 27 nov 2026, 16:00 door Peter Bakker (1 uur na de melding)",
		"Eerste opvang — Peter Bakker — ✓ Gedaan door Peter Bakker")
}

// M5, M7: waiving first care or aftercare of a serious incident takes a
// reason, asked once, and tells the coordinator at once; /incident toon
// shows the task as not needed, not with the ✓ of a task done.
func TestMatrix_M5_M7_WaivingCareOfASeriousIncidentTellsTheCoordinator(t *testing.T) {
	h := bottest.New(t)
	n := h.Report(t, "sanne", seriousReport)
	got := step(t, h, "peter", "[Niet nodig | Eerste opvang]", `Je geeft aan dat "Eerste opvang" (`+n+") niet nodig is.",
		"krijgt de coördinator agressie en geweld hiervan direct bericht", "Waarom is deze taak niet nodig?")
	if strings.Count(got, "?") != 1 {
		t.Errorf("the reason is asked more than once:\n%s", got)
	}
	step(t, h, "peter", "ok", "Dat is wat kort")
	h.Quiet(t, "karin", "afgemeld")
	step(t, h, "peter", "Fatima heeft de opvang direct na het incident gegeven", "Vastgelegd: deze taak is niet nodig")
	h.Expect(t, "karin", `Peter Bakker heeft "Eerste opvang" bij het ernstige incident *`+n+"* afgemeld als niet nodig",
		"Reden: Fatima heeft de opvang direct na het incident gegeven", "Ga na of de opvang van de medewerker goed geregeld is")

	h.Advance(time.Hour)
	step(t, h, "peter", "[Gedaan | Contact vandaag]", "Gedaan door Peter Bakker")
	view := step(t, h, "karin", "/incident toon "+n,
		"Eerste opvang — Peter Bakker — ⊘ Niet nodig volgens Peter Bakker (vr 27 nov 2026, 15:00): Fatima heeft de opvang",
		"Contact vandaag — Peter Bakker — ✓ Gedaan door Peter Bakker")
	for _, line := range strings.Split(view, "\n") {
		if strings.HasPrefix(line, "• Eerste opvang —") && strings.Contains(line, "✓") {
			t.Errorf("a waived task shows as done: %s", line)
		}
	}
	// Not given, and not open either: the register does not count it as
	// care still to be given.
	if _, given := incident(t, h, n).TimeToCareGiven(); given {
		t.Error("waived first care counts as given")
	}
}

// Waiving a task that is not care for the person, or care after an
// incident that is not serious, tells nobody.
func TestMatrix_M10_WaivingOtherTasksTellsNobody(t *testing.T) {
	h := bottest.New(t)
	h.Report(t, "sanne", seriousReport)
	h.Advance(time.Hour)
	step(t, h, "peter", "[Niet nodig | Reactie richting de dader]", "!coördinator")
	step(t, h, "peter", "dader is niet bekend", "Vastgelegd: deze taak is niet nodig")
	h.Quiet(t, "karin", "afgemeld")
}

// First care done without being taken up first is both at once: the audit
// trail names both changes of the incident, not only the last.
func TestFirstCareDoneAtOnceIsAuditedAsTakenUpAndGiven(t *testing.T) {
	h := bottest.New(t)
	n := h.Report(t, "sanne", nil)
	step(t, h, "peter", "[Gedaan | Eerste opvang]", "Gedaan door Peter Bakker")
	step(t, h, "karin", "/incident audit "+n, "eerste opvang en eerste opvang gegeven")
}
