package bot_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"meldbot/bot"
	"meldbot/bot/bottest"
)

// at is a time in Amsterdam.
func at(h *bottest.Harness, y int, m time.Month, d, hour, min int) time.Time {
	return time.Date(y, m, d, hour, min, 0, 0, h.Org.TimeZone)
}

func incident(t *testing.T, h *bottest.Harness, number string) bot.Incident {
	t.Helper()
	return storedIncident(t, h, number)
}

func task(t *testing.T, h *bottest.Harness, id string) bot.Task {
	t.Helper()
	return bottest.Read(t, h.Store, func(tx bot.Tx) (bot.Task, error) { return tx.Task(id) })
}

// advanceTo moves the clock to a moment and fires what became due.
func advanceTo(h *bottest.Harness, when time.Time) { h.Advance(when.Sub(h.Clock.Now())) }

func TestMatrix_M5_FirstCareAtOnceThenReminderThenEscalation(t *testing.T) {
	h := bottest.New(t) // Friday 27 November 2026, 15:00
	n := h.Report(t, "sanne", nil)
	// The manager is messaged at once; a regular incident has 4 working
	// hours: 2 on Friday, 2 on Monday morning.
	h.Expect(t, "peter", "*Eerste opvang* — "+n, "Over: Sanne Visser", "Graag uiterlijk ma 30 nov 2026, 10:30",
		"Ik pak het op", "Gedaan", "Later", "Niet nodig")
	h.Quiet(t, "fatima", "")

	advanceTo(h, at(h, 2026, 11, 30, 10, 29))
	h.Quiet(t, "peter", "Eerste opvang")
	advanceTo(h, at(h, 2026, 11, 30, 10, 31))
	h.Expect(t, "peter", "Herinnering: de termijn van *Eerste opvang* is verstreken.")
	h.Quiet(t, "karin", "Eerste opvang")
	h.Quiet(t, "fatima", "Eerste opvang")

	// Two working hours later, nobody has taken it up: the deputy and the
	// coordinator are asked, and Peter hears so.
	advanceTo(h, at(h, 2026, 11, 30, 12, 31))
	h.Expect(t, "fatima", "Peter Bakker heeft *Eerste opvang* nog niet opgepakt")
	h.Expect(t, "karin", "Peter Bakker heeft *Eerste opvang* nog niet opgepakt", "Ik pak het op")
	h.Expect(t, "peter", "ik heb het ook doorgegeven aan Fatima El Amrani en Karin de Vries.")
	if got := task(t, h, n+"/first_care").State; got != bot.TaskEscalated {
		t.Errorf("state = %s, want escalated", got)
	}

	// Karin takes it up; every copy shows it, and time to first care is
	// recorded on the incident.
	h.Clock.Advance(5 * time.Minute)
	if err := h.Click(h.User("karin"), "Ik pak het op"); err != nil {
		t.Fatal(err)
	}
	for _, who := range []string{"peter", "fatima", "karin"} {
		d := h.Expect(t, who, "Eerste opvang", "Opgepakt door Karin de Vries (ma 30 nov 2026, 12:36)")
		if !d.Update {
			t.Errorf("%s got a new message instead of an update", who)
		}
	}
	inc := incident(t, h, n)
	if got, ok := inc.TimeToFirstCare(); !ok || got != 69*time.Hour+36*time.Minute || inc.FirstCareBy != "karin.devries@voorbeeldrode.nl" {
		t.Errorf("time to first care = %v %v by %s", got, ok, inc.FirstCareBy)
	}
	// Nothing more about first care after that.
	h.Advance(7 * 24 * time.Hour)
	h.Quiet(t, "karin", "Eerste opvang")
}

func TestMatrix_M5_SeriousFirstCareIsUrgentDayAndNight(t *testing.T) {
	h := bottest.New(t)
	h.Clock.Set(at(h, 2026, 11, 28, 22, 10)) // Saturday night
	n := h.Report(t, "sanne", map[string]string{"categories": "6", "weapon": "[Nee]", "injury": "[Ja, licht letsel]"})
	h.Expect(t, "peter", "🚨 Eerste opvang", n+" (ernstig)", "Graag uiterlijk za 28 nov 2026, 22:40")
	h.Expect(t, "karin", "🚨 *ERNSTIG*", "fysiek geweld, letsel")

	h.Advance(31 * time.Minute)
	h.Expect(t, "peter", "Herinnering", "Eerste opvang")
	h.Advance(30 * time.Minute)
	h.Expect(t, "karin", "Peter Bakker heeft *Eerste opvang* nog niet opgepakt")
}

func TestMatrix_M5_AcknowledgedInTimeIsNeverChased(t *testing.T) {
	h := bottest.New(t)
	n := h.Report(t, "sanne", nil)
	h.Clock.Advance(12 * time.Minute)
	step(t, h, "peter", "[Ik pak het op | Eerste opvang]", "Opgepakt door Peter Bakker (vr 27 nov 2026, 15:12)", "Gedaan", "!Ik pak het op")
	if d, ok := incident(t, h, n).TimeToFirstCare(); !ok || d != 12*time.Minute {
		t.Errorf("time to first care = %v", d)
	}
	if _, given := incident(t, h, n).TimeToCareGiven(); given {
		t.Error("taking first care up counts as giving it")
	}
	advanceTo(h, at(h, 2026, 11, 30, 10, 31))
	h.Expect(t, "peter", "Herinnering", "Eerste opvang") // acknowledged, not done: one reminder
	h.Advance(7 * 24 * time.Hour)
	h.Quiet(t, "karin", "Eerste opvang")
	h.Quiet(t, "fatima", "Eerste opvang")
}

func TestMatrix_M7_AftercareAtFixedMoments(t *testing.T) {
	h := bottest.New(t) // Friday 27 November 2026, 15:00
	n := h.Report(t, "sanne", nil)
	h.Quiet(t, "peter", "Contact vandaag")
	// Contact today comes an hour after first care, and is due after it:
	// first care is due on Monday, so the contact by the close of Monday.
	h.Advance(time.Hour)
	h.Expect(t, "peter", "Contact vandaag", "Neem vandaag nog contact op met Sanne", "Graag uiterlijk ma 30 nov 2026, 17:00")

	// The aftercare talk from the next working day: 72 hours would end on
	// Monday 15:00, but two whole working days must fit.
	advanceTo(h, at(h, 2026, 11, 30, 8, 30))
	h.Expect(t, "peter", "Nazorggesprek (binnen 72 uur)", "Graag uiterlijk di 1 dec 2026, 17:00")

	advanceTo(h, at(h, 2026, 12, 11, 15, 0)) // two weeks
	h.Expect(t, "peter", "Nazorg: vervolggesprek 1/2", "herbeleven", "bedrijfsarts")
	advanceTo(h, at(h, 2027, 1, 15, 15, 0)) // seven weeks
	h.Expect(t, "peter", "Nazorg: vervolggesprek 2/2")

	for _, kind := range []string{"contact_today", "aftercare_talk", "follow_up/1", "follow_up/2"} {
		if tk := task(t, h, n+"/"+kind); tk.Assignee != "peter.bakker@voorbeeldrode.nl" || !tk.Active() {
			t.Errorf("%s: %+v", kind, tk)
		}
	}
}

func TestMatrix_E11_CheckInsAndAskingForATalk(t *testing.T) {
	h := bottest.New(t)
	h.Report(t, "sanne", map[string]string{"checkin": "[Ja, graag]"})
	h.Expect(t, "sanne", "Over een paar dagen vraag ik hoe het met je gaat")

	advanceTo(h, at(h, 2026, 12, 2, 8, 30)) // three working days later
	h.Expect(t, "sanne", "Hoe gaat het met je?", "Het gaat goed", "Ik wil graag een gesprek")
	step(t, h, "sanne", "[Ik wil graag een gesprek]", "Ik heb je leidinggevende gevraagd snel contact met je op te nemen")
	h.Expect(t, "peter", "🚨 Sanne Visser wil graag een gesprek", "Graag uiterlijk wo 2 dec 2026, 10:30")

	// Without opting in, no check-ins.
	h2 := bottest.New(t)
	h2.Report(t, "sanne", nil)
	h2.Advance(60 * 24 * time.Hour)
	h2.Quiet(t, "sanne", "Hoe gaat het met je?")
}

func TestMatrix_E11_WitnessesAreOfferedCheckIns(t *testing.T) {
	h := bottest.New(t)
	h.Report(t, "sanne", map[string]string{"witnesses": "Tom Smit stond ernaast"})
	h.Expect(t, "tom", "Je bent genoemd als getuige van een incident op vr 27 nov 2026, 15:00", "Ja, graag", "Nee, dank je")
	h.Quiet(t, "tom", "klantnummer", "Sanne")
	step(t, h, "tom", "[Ja, graag]", "ik vraag het je over een paar dagen")
	advanceTo(h, at(h, 2026, 12, 2, 8, 30))
	h.Expect(t, "tom", "Hoe gaat het met je?")
}

// Only those offered check-ins can take them: a button value sent by
// anyone else finds no incident, and plans nothing.
func TestMatrix_E11_OnlyThoseOfferedCheckInsCanTakeThem(t *testing.T) {
	h := bottest.New(t)
	n := h.Report(t, "sanne", map[string]string{"witnesses": "Tom Smit stond ernaast"})
	h.Handle(bot.Action{User: h.User("ahmed"), Value: "c:" + n + ":yes"})
	h.Expect(t, "ahmed", "Deze taak kan ik niet voor je openen")
	advanceTo(h, at(h, 2026, 12, 2, 8, 30))
	h.Quiet(t, "ahmed", "Hoe gaat het met je?")
}

func TestMatrix_M6_E8_PoliceReportSupportedWithinTwoWorkingDays(t *testing.T) {
	h := bottest.New(t)
	n := h.Report(t, "sanne", map[string]string{"police": "[Ik twijfel nog]"})
	h.Expect(t, "sanne", "Je leidinggevende helpt je met de aangifte, het liefst binnen twee werkdagen")
	// An hour after first care; two working days from Friday afternoon:
	// Monday and Tuesday, to the close.
	h.Advance(time.Hour)
	d := h.Expect(t, "peter", "Steun bij de aangifte", "Graag uiterlijk di 1 dec 2026, 17:00")
	for _, guidance := range []string{"VPT-code", "adres van de gemeente", "aangifte onder nummer", "melding vastleggen"} {
		if !strings.Contains(d.Text, guidance) {
			t.Errorf("police task lacks %q:\n%s", guidance, d.Text)
		}
	}
	// Recording the outcome.
	step(t, h, "peter", "[Gedaan | Steun bij de aangifte]", "Leg de uitkomst vast", "Wat is er gedaan?")
	step(t, h, "peter", "[Aangifte gedaan]", "Wat is het registratienummer?")
	step(t, h, "peter", "PL0900-2026-4711", "✓ Vastgelegd bij "+n)
	h.Expect(t, "peter", "Gedaan door Peter Bakker")
	inc := incident(t, h, n)
	if inc.PoliceOutcome() != "aangifte" || inc.Recorded.Text("police_reference") != "PL0900-2026-4711" || inc.Report.Text("police_ref") != "" {
		t.Errorf("police outcome %q, recorded ref %q, reported ref %q", inc.PoliceOutcome(), inc.Recorded.Text("police_reference"), inc.Report.Text("police_ref"))
	}
}

func TestMatrix_E9_PoliceRecordInstead(t *testing.T) {
	h := bottest.New(t)
	h.Report(t, "sanne", map[string]string{"police": "[Nee]", "melding": "[Ja]"})
	h.Expect(t, "sanne", "Je leidinggevende regelt dat de politie het incident vastlegt als melding")
	h.Advance(time.Hour)
	h.Expect(t, "peter", "Steun bij de melding bij de politie")

	h2 := bottest.New(t)
	n := h2.Report(t, "sanne", nil) // no report, no record
	h2.Advance(3 * 24 * time.Hour)
	h2.Quiet(t, "peter", "Steun bij de")
	err := h2.Store.View(context.Background(), func(tx bot.Tx) error { _, err := tx.Task(n + "/police"); return err })
	if err == nil {
		t.Error("a police task was made without a report or record")
	}
}

// toBanEnd files Sanne's report and takes Peter, an hour later, to the
// question when the visitor ban he records ends. It returns the number.
func toBanEnd(t *testing.T, h *bottest.Harness) string {
	t.Helper()
	n := h.Report(t, "sanne", nil)
	h.Advance(time.Hour)
	// The 48 hours are two working days: never Sunday.
	h.Expect(t, "peter", "Reactie richting de dader (binnen 48 uur)", "Graag uiterlijk di 1 dec 2026, 17:00")
	step(t, h, "peter", "[Gedaan | Reactie richting de dader]", "Welke maatregel is er genomen richting de dader?")
	step(t, h, "peter", "[Bezoek- of gebouwverbod]", "Tot wanneer geldt het verbod?")
	return n
}

func TestMatrix_M10_ReactionTowardTheOffenderAndTheBanReminder(t *testing.T) {
	h := bottest.New(t)
	n := toBanEnd(t, h)
	step(t, h, "peter", "gisteren", "Die datum kan ik niet lezen, of hij ligt niet in de toekomst")
	step(t, h, "peter", "3 maanden", "✓ Vastgelegd bij "+n)
	// B9, S11: the board contact and the town clerk align on risk citizens.
	h.Expect(t, "jan", "bezoek- of gebouwverbod", "tot za 27 feb 2027")
	h.Expect(t, "els", "bezoek- of gebouwverbod")
	inc := incident(t, h, n)
	if inc.Measure() != "ban" || inc.MeasureUntil().Format("2006-01-02") != "2027-02-27" {
		t.Fatalf("measure = %+v", inc.Recorded)
	}
	// A week before it ends, the manager is reminded.
	advanceTo(h, at(h, 2027, 2, 19, 9, 0))
	h.Quiet(t, "peter", "Bezoekverbod loopt af")
	advanceTo(h, at(h, 2027, 2, 22, 8, 30)) // 20 Feb is a Saturday: Monday morning
	h.Expect(t, "peter", "Bezoekverbod loopt af op za 27 feb 2027, 23:59", "verlengen",
		"Graag uiterlijk vr 26 feb 2027, 17:00") // the last working day before it ends
}

// A ban "for 10000 years" cannot even be stored (a JSON time holds years up
// to 9999): the manager is told the limit and asked again, in their
// language, and nothing fails.
func TestMatrix_M10_BanEndFarAheadIsAskedAgain(t *testing.T) {
	h := bottest.New(t)
	n := toBanEnd(t, h)
	step(t, h, "peter", "10000 jaar", "hooguit 10 jaar, tot en met do 27 nov 2036", "Tot wanneer geldt het verbod?", "!niet verwerkt")
	step(t, h, "peter", "/incident taal en")
	step(t, h, "peter", "31-12-9999", "at most 10 years, up to and including Thu 27 Nov 2036", "Until when does the ban apply?")
	step(t, h, "peter", "10 years", "✓ Recorded for "+n)
	if inc := incident(t, h, n); inc.MeasureUntil().Format("2006-01-02") != "2036-11-27" {
		t.Errorf("measure = %+v", inc.Recorded)
	}
}

func TestMatrix_M10_NoMeasureNeedsAReason(t *testing.T) {
	h := bottest.New(t)
	n := h.Report(t, "sanne", map[string]string{"party": "[Onbekend]"})
	h.Advance(time.Hour)
	h.Expect(t, "peter", "De dader is onbekend")
	step(t, h, "peter", "[Gedaan | Reactie richting de dader]")
	step(t, h, "peter", "[Geen maatregel]", "Waarom is er geen maatregel?")
	step(t, h, "peter", "dader onbekend, geen beelden", "✓ Vastgelegd")
	if inc := incident(t, h, n); inc.Measure() != "none" || inc.Recorded.Text("measure_reason") != "dader onbekend, geen beelden" {
		t.Errorf("measure = %+v", inc.Recorded)
	}
}

func TestMatrix_M9_AnalysisConclusionIsRecorded(t *testing.T) {
	h := bottest.New(t)
	n := h.Report(t, "sanne", nil)
	advanceTo(h, at(h, 2026, 11, 30, 8, 30))
	h.Expect(t, "peter", "Incidentanalyse vastleggen", "Graag uiterlijk vr 11 dec 2026, 17:00")
	step(t, h, "peter", "[Gedaan | Incidentanalyse]", "Wat is de conclusie van de analyse?")
	step(t, h, "peter", "kort", "Dat is wat kort")
	step(t, h, "peter", "Lange wachttijd aan de balie; we zetten een tweede medewerker in bij drukte.", "✓ Vastgelegd bij "+n)
	if got := incident(t, h, n).Recorded.Text("conclusion"); !strings.Contains(got, "tweede medewerker") {
		t.Errorf("analysis = %q", got)
	}
}

func TestMatrix_M8_SeriousIncidentsInTheTeamMeeting(t *testing.T) {
	h := bottest.New(t)
	h.Report(t, "sanne", map[string]string{"categories": "6", "weapon": "[Nee]"})
	advanceTo(h, at(h, 2026, 11, 30, 8, 30))
	h.Expect(t, "peter", "Bespreken in het werkoverleg", "nazorg voor getuigen")

	h2 := bottest.New(t)
	h2.Report(t, "sanne", nil)
	h2.Advance(14 * 24 * time.Hour)
	h2.Quiet(t, "peter", "werkoverleg")
}

func TestMatrix_M11_MaterialDamageGoesToLegal(t *testing.T) {
	h := bottest.New(t)
	n := h.Report(t, "sanne", map[string]string{"damage": "[Ja]"})
	h.Expect(t, "mark", "Schade verhalen", n, "Over: Sanne Visser")
	// C9: the coordinator is the one who involves Legal and insurance.
	h.Expect(t, "karin", "Betrekken: Juridische Zaken (schade), verzekeringen")
}

func TestMatrix_F1_WorkplaceMeasureGoesToFacilityStaff(t *testing.T) {
	h := bottest.New(t)
	h.Report(t, "sanne", map[string]string{"workplace": "[Ja]"})
	d := h.Expect(t, "linda", "Werkplek aanpassen", "Stadhuis", "Verbale agressie")
	// Facility staff get the place and the kind, not the reporter's words.
	if strings.Contains(d.Text, "schold") || strings.Contains(d.Text, "Sanne") {
		t.Errorf("facility staff read the report:\n%s", d.Text)
	}
}

func TestMatrix_G8_GuardEvaluatesOwnIntervention(t *testing.T) {
	h := bottest.New(t)
	n := h.Report(t, "sanne", map[string]string{"security": "[Ja]"})
	h.Advance(time.Hour)
	d := h.Expect(t, "ahmed", "Evalueer je eigen inzet", "Stadhuis")
	if strings.Contains(d.Text, "Sanne") || strings.Contains(d.Text, "klantnummer") {
		t.Errorf("the guard sees more than the task needs:\n%s", d.Text)
	}
	step(t, h, "ahmed", "[Gedaan | Evalueer je eigen inzet]", "Hoe kijk je terug op je inzet?")
	step(t, h, "ahmed", "Ik was er snel bij, maar had de klant eerder naar buiten moeten begeleiden.", "✓ Vastgelegd bij "+n)
	if got := incident(t, h, n).Recorded.Text("evaluation"); !strings.Contains(got, "naar buiten") {
		t.Errorf("evaluation = %q", got)
	}
}

func TestMatrix_G9_GuardReportsForAColleague(t *testing.T) {
	h := bottest.New(t)
	step(t, h, "tom", "/incident voor sanne", "alleen als beveiliger, leidinggevende of coördinator")
	n := h.Report(t, "ahmed", map[string]string{
		"injury":   "[Ja, licht letsel]",
		"talk_now": "[Ja]",
	}, "/incident voor sanne.visser@voorbeeldrode.nl")
	h.Expect(t, "ahmed", "Sannes leidinggevende, Peter Bakker, krijgt nu bericht", "Sanne wil nu iemand spreken")
	inc := incident(t, h, n)
	if inc.Reporter != "ahmed.ouali@voorbeeldrode.nl" || inc.Subject != "sanne.visser@voorbeeldrode.nl" || inc.Department() != "publiekszaken" {
		t.Errorf("reporter %s subject %s department %s", inc.Reporter, inc.Subject, inc.Department())
	}
	// The colleague is told, and offered check-ins herself.
	h.Expect(t, "sanne", "Ahmed Ouali heeft een incident gemeld waarbij jij betrokken was", n, "Mag ik over een paar dagen vragen")
	// Her manager gives first care, urgently: she is hurt and wants to talk.
	h.Expect(t, "peter", "🚨 Eerste opvang", "Over: Sanne Visser", "Sanne wil nu iemand spreken")
	// The guard was involved (G8).
	h.Advance(time.Hour)
	h.Expect(t, "ahmed", "Evalueer je eigen inzet")
}

func TestMatrix_G9_ThirdPersonQuestions(t *testing.T) {
	h := bottest.New(t)
	step(t, h, "ahmed", "/incident voor Sanne Visser", "Je meldt een incident voor Sanne Visser")
	step(t, h, "ahmed", "/incident stop")
	step(t, h, "ahmed", "[Ja, stoppen]")
	step(t, h, "ahmed", "/incident voor onbekende", `Ik weet niet wie "onbekende" is`)
	h.Report(t, "ahmed", map[string]string{"injury": "[Nee]", "police": "[Nee]"}, "/incident voor sanne")
}

func TestMatrix_E10_UnsafeSituationGoesToTheManagerOnly(t *testing.T) {
	h := bottest.New(t)
	n := h.Report(t, "tom", map[string]string{"categories": "8", "location": "[Gemeentewerf]",
		"description": "De nooduitgang van de kantine is geblokkeerd door pallets."})
	h.Expect(t, "henk", "Onveilige situatie beoordelen", n, "nooduitgang van de kantine")
	h.Expect(t, "tom", "Je leidinggevende, Henk de Boer, krijgt je melding en beoordeelt welke maatregelen nodig zijn")
	h.Quiet(t, "karin", "")
	h.Quiet(t, "henk", "Eerste opvang")
}

func TestMatrix_C9_CoordinatorToldWhomToInvolve(t *testing.T) {
	h := bottest.New(t)
	h.Report(t, "sanne", map[string]string{"categories": "2, 6", "weapon": "[Nee]", "damage": "[Ja]",
		"police": "[Ja, ik doe aangifte]"})
	h.Expect(t, "karin", "Betrekken: politie (aangifte), Juridische Zaken (schade), verzekeringen, Communicatie (ernstig incident)")
}

func TestMatrix_B7_S9_SeriousIncidentsReachClerkBoardAndCommunication(t *testing.T) {
	h := bottest.New(t)
	n := h.Report(t, "sanne", map[string]string{"categories": "6", "weapon": "[Nee]"})
	for _, who := range []string{"els", "jan", "noor"} {
		d := h.Expect(t, who, "🚨 Ernstig incident *"+n+"*", "Fysiek geweld", "Publiekszaken", "Namen staan hier bewust niet bij")
		for _, private := range []string{"Sanne", "klantnummer", "schold"} {
			if strings.Contains(d.Text, private) {
				t.Errorf("%s reads %q:\n%s", who, private, d.Text)
			}
		}
	}
	h2 := bottest.New(t)
	h2.Report(t, "sanne", nil)
	h2.Quiet(t, "els", "")
	h2.Quiet(t, "jan", "")
}

func TestMatrix_B9_S11_AlignmentOnRiskCitizens(t *testing.T) {
	// Serious incidents reach the board contact and the town clerk (above);
	// a ban on a citizen reaches them too, so they can align on the reaction.
	h := bottest.New(t)
	n := h.Report(t, "sanne", map[string]string{"categories": "2", "weapon": "[Ja]"})
	h.Expect(t, "jan", "Ernstig incident *"+n+"*")
	h.Expect(t, "els", "Ernstig incident *"+n+"*")
	h.Advance(time.Hour)
	step(t, h, "peter", "[Gedaan | Reactie richting de dader]")
	step(t, h, "peter", "[Bezoek- of gebouwverbod]")
	step(t, h, "peter", "31-12-2026")
	h.Expect(t, "jan", "🚫 Bij incident *"+n+"* is een bezoek- of gebouwverbod opgelegd, tot do 31 dec 2026")
	h.Expect(t, "els", "🚫 Bij incident *"+n+"*")
}

func TestMatrix_E8_PoliceReportGuidanceWhenReporting(t *testing.T) {
	h := bottest.New(t)
	step(t, h, "sanne", "/incident")
	step(t, h, "sanne", "6")
	for _, in := range []string{"[Persoonlijk]", "[Zojuist]", "[Stadhuis]", "Een man duwde me tegen de muur bij de balie en liep weg.",
		"[Onbekend]", "[Eén persoon]", "[Nee]", "[Ja, licht letsel]", "[Nee]", "[Nee]", "[Veel]", "[Geen getuigen]", "[Nee]", "[Nee]", "[Ja, graag]"} {
		step(t, h, "sanne", in)
	}
	// Physical violence: the question recommends a report within two
	// working days, with the employer's address, a number, the VPT code.
	got := h.To("sanne")
	q := got[len(got)-1].Text
	for _, want := range []string{"Doe je aangifte bij de politie?", "raden we aangifte altijd aan, het liefst binnen twee werkdagen",
		"adres van de gemeente opgeven in plaats van je eigen adres", "onder een nummer", "VPT-code", "als melding"} {
		if !strings.Contains(q, want) {
			t.Errorf("the police question lacks %q:\n%s", want, q)
		}
	}
	step(t, h, "sanne", "[Ja, ik doe aangifte]")
	step(t, h, "sanne", "[Nee, dank je]", "Samenvatting", "Aangifte: Ja, ik doe aangifte")
	step(t, h, "sanne", "[Versturen]", "Je leidinggevende helpt je met de aangifte, het liefst binnen twee werkdagen")
}

func TestMatrix_S9_TownClerkShowsCareAfterASeriousIncident(t *testing.T) {
	h := bottest.New(t)
	n := h.Report(t, "sanne", map[string]string{"categories": "2", "weapon": "[Ja]"})
	d := h.Expect(t, "els", "🚨 Ernstig incident *"+n+"*", "Bedreiging", "kan je in contact brengen met de betrokkenen")
	if strings.Contains(d.Text, "Sanne") {
		t.Errorf("the town clerk reads a name:\n%s", d.Text)
	}
}

func TestMatrix_S11_TownClerkAlignsOnRiskCitizens(t *testing.T) {
	h := bottest.New(t)
	n := h.Report(t, "sanne", nil)
	h.Advance(time.Hour)
	step(t, h, "peter", "[Gedaan | Reactie richting de dader]")
	step(t, h, "peter", "[Bezoek- of gebouwverbod]")
	step(t, h, "peter", "6 maanden")
	h.Expect(t, "els", "🚫 Bij incident *"+n+"* is een bezoek- of gebouwverbod opgelegd", "afstemming over de reactie richting (risico)burgers")
}
