package bot_test

import (
	"strings"
	"testing"

	"meldbot/bot"
	"meldbot/bot/bottest"
	"meldbot/bot/locale"
	"meldbot/bot/policy"
)

// tickOff has who open the set-up checklist, tick off an item with its
// button, and checks the list now shows who did it and when, and that the
// button now opens the item again.
func tickOff(t *testing.T, who, row string) {
	t.Helper()
	h := bottest.New(t)
	name := h.User(who).Name
	list := step(t, h, who, "/incident beleid", "*Inrichting* (0 van 15 afgevinkt)", "○ *"+row+"*", row+" afvinken")
	if !strings.Contains(list, "Beleid tegen agressie en geweld — Gemeente Voorbeeldrode") {
		t.Errorf("no title:\n%s", list)
	}
	step(t, h, who, "["+row+" afvinken]", "(1 van 15 afgevinkt)", "✓ *"+row+"*", "— "+name+", vr 27 nov 2026, 15:00",
		"!"+row+" afvinken", row+" terugzetten")
	// Ticked items stay ticked for everyone who looks.
	step(t, h, "karin", "/incident beleid", "✓ *"+row+"*", name)
}

func TestMatrix_B1_FrameworkOnTheChecklist(t *testing.T)                { tickOff(t, "jan", "B1") }
func TestMatrix_B2_CommitmentOnTheChecklist(t *testing.T)               { tickOff(t, "jan", "B2") }
func TestMatrix_B3_NormForBoardOnTheChecklist(t *testing.T)             { tickOff(t, "jan", "B3") }
func TestMatrix_B4_ConsequencesOnTheChecklist(t *testing.T)             { tickOff(t, "jan", "B4") }
func TestMatrix_S1_NormAndProtocolOnTheChecklist(t *testing.T)          { tickOff(t, "els", "S1") }
func TestMatrix_S3_ConsequencesForDirectorsOnTheChecklist(t *testing.T) { tickOff(t, "els", "S3") }
func TestMatrix_S4_CoordinatorAppointedOnTheChecklist(t *testing.T)     { tickOff(t, "els", "S4") }
func TestMatrix_S5_WorksCouncilConsentOnTheChecklist(t *testing.T)      { tickOff(t, "els", "S5") }
func TestMatrix_G1_GuardAgreementsOnTheChecklist(t *testing.T)          { tickOff(t, "ahmed", "G1") }

func TestMatrix_S2_ProtocolPerDepartmentOnTheChecklist(t *testing.T) {
	h := bottest.New(t)
	got := step(t, h, "els", "/incident beleid", "S2 Publiekszaken afvinken", "S2 Sociaal Domein afvinken", "S2 Openbare Ruimte afvinken")
	if n := strings.Count(got, "○ *S2*"); n != 3 {
		t.Errorf("%d S2 items, want one per department:\n%s", n, got)
	}
	step(t, h, "els", "[S2 Sociaal Domein afvinken]", "✓ *S2* Zorgt dat er per afdeling", "— Sociaal Domein — Els van Dijk",
		"S2 Publiekszaken afvinken", "S2 Sociaal Domein terugzetten", "!S2 Sociaal Domein afvinken")
}
func TestMatrix_M1_TeamProtocolPerDepartmentOnTheChecklist(t *testing.T) {
	h := bottest.New(t)
	// A manager ticks off their own department only.
	got := step(t, h, "peter", "/incident beleid", "M1 Publiekszaken afvinken", "!M1 Sociaal Domein afvinken", "!B1 afvinken")
	if strings.Contains(got, "S2 Publiekszaken afvinken") {
		t.Errorf("a manager may tick the town clerk's items:\n%s", got)
	}
	step(t, h, "peter", "[M1 Publiekszaken afvinken]", "✓ *M1* Stelt met medewerkers het team-/afdelingsprotocol op", "— Publiekszaken — Peter Bakker")
	// A forged click on another department's item is refused.
	h.Handle(bot.Action{User: h.User("peter"), Value: "o:M1/sociaal"})
	h.Expect(t, "peter", "Dit punt is voor: afdelingsmanager (of de coördinator agressie en geweld).")
	h.Handle(bot.Action{User: h.User("peter"), Value: "u:M1/sociaal"})
	h.Expect(t, "peter", "Dit punt is voor: afdelingsmanager (of de coördinator agressie en geweld).")
}

func TestChecklistIsKeptByTheCoordinator(t *testing.T) {
	h := bottest.New(t)
	got := step(t, h, "karin", "/incident beleid")
	for _, b := range []string{"B1 afvinken", "S2 Publiekszaken afvinken", "M1 Openbare Ruimte afvinken", "G1 afvinken"} {
		if !strings.Contains(got, b) {
			t.Errorf("the coordinator cannot tick %s:\n%s", b, got)
		}
	}
	step(t, h, "karin", "[B1 afvinken]", "(1 van 15 afgevinkt)", "Karin de Vries")
	h.Handle(bot.Action{User: h.User("jan"), Value: "o:B1"})
	h.Expect(t, "jan", "B1 is al afgevinkt door Karin de Vries.")
	step(t, h, "linda", "/incident taal en")
	step(t, h, "linda", "/incident policy", "*Set-up* (1 of 15 ticked off)", "Sets the frame for the policy and protocol", "!Tick off")
}

// The checklist's buttons say what they will do — tick an item off or
// open it again — and never look ticked themselves. Every item the person
// may tick keeps its button, in the order of the list, so a number means
// the same item before and after a tick; an item ticked by mistake can be
// opened again.
func TestChecklistButtonsKeepTheirPlaceAndCanUntick(t *testing.T) {
	h := bottest.New(t)
	step(t, h, "karin", "/incident beleid")
	before := h.Buttons(h.User("karin"))
	if len(before) != 15 || before[0] != "B1 afvinken" || before[1] != "B2 afvinken" {
		t.Fatalf("buttons %q", before)
	}
	for _, b := range before {
		if strings.HasPrefix(b, "✓") || strings.HasPrefix(b, "○") {
			t.Errorf("the button %q looks like the state of an item", b)
		}
	}
	step(t, h, "karin", "[B1 afvinken]", "(1 van 15 afgevinkt)", "✓ *B1*")
	after := h.Buttons(h.User("karin"))
	if len(after) != len(before) || after[0] != "B1 terugzetten" || after[1] != "B2 afvinken" || after[14] != before[14] {
		t.Errorf("after a tick the buttons are %q, want those of before with B1 to untick", after)
	}
	got := step(t, h, "karin", "[B1 terugzetten]", "(0 van 15 afgevinkt)", "○ *B1*", "!✓ *B1*")
	if !strings.Contains(got, "B1 afvinken") {
		t.Errorf("B1 cannot be ticked again:\n%s", got)
	}
	// A button of an older copy of the list does what it says or says why
	// not.
	h.Handle(bot.Action{User: h.User("karin"), Value: "u:B1"})
	h.Expect(t, "karin", "B1 staat al open: het is niet afgevinkt.")
	step(t, h, "jan", "/incident taal en")
	step(t, h, "jan", "/incident policy", "Tick off B1", "!Untick")
	step(t, h, "jan", "[Tick off B1]", "(1 of 15 ticked off)", "Untick B1")
}

// An employee has nothing to tick and no duty in the cycle: the checklist
// is not theirs, and the refusal says where their part is.
func TestTheChecklistIsNotForEmployees(t *testing.T) {
	h := bottest.New(t)
	step(t, h, "tom", "/incident beleid", "De inrichtingslijst en de beleidscyclus zijn voor wie een rol heeft", "/incident rol", "!*Inrichting*")
	step(t, h, "alex", "/incident policy", "What the policy asks of you as an employee is in /incident role.", "!Set-up")
}

// roleCardShows checks that who's role card lists a row with its duty and
// how meldbot helps.
func roleCardShows(t *testing.T, who, row, duty, how string) {
	t.Helper()
	h := bottest.New(t)
	step(t, h, who, "/incident rol", "*Jouw taken in het beleid tegen agressie en geweld*", "*"+row+"* "+duty, how)
}

func TestMatrix_B8_ExampleForBoardOnTheRoleCard(t *testing.T) {
	roleCardShows(t, "jan", "B8", "Toont voorbeeldgedrag in het reageren op agressief gedrag naar bestuurders", "Meld het ook, met /incident")
}
func TestMatrix_S10_ExampleForDirectorsOnTheRoleCard(t *testing.T) {
	roleCardShows(t, "els", "S10", "Toont voorbeeldgedrag", "Meld het ook, met /incident")
}
func TestMatrix_C4_AdvisesOnTheRoleCard(t *testing.T) {
	roleCardShows(t, "karin", "C4", "Adviseert het management en de OR gevraagd en ongevraagd", "onderbouwing")
}
func TestMatrix_M4_ProtocolKeptOnTheRoleCard(t *testing.T) {
	roleCardShows(t, "peter", "M4", "Ziet erop toe dat de afspraken uit het agressieprotocol worden nageleefd", "werkoverleg")
}
func TestMatrix_E1_ServiceCodeOnTheRoleCard(t *testing.T) {
	roleCardShows(t, "sanne", "E1", "Hanteert servicecode en gedragsregels", "servicecode van je afdeling")
}
func TestMatrix_E2_ProtocolOnTheRoleCard(t *testing.T) {
	roleCardShows(t, "sanne", "E2", "Volgt de afspraken en werkinstructies uit het agressieprotocol", "protocol van je afdeling")
}
func TestMatrix_E3_AlertOnTheRoleCard(t *testing.T) {
	roleCardShows(t, "sanne", "E3", "Is alert op mogelijk risicovolle situaties", "Meld een onveilige situatie met /incident")
}
func TestMatrix_E4_OwnBehaviourOnTheRoleCard(t *testing.T) {
	roleCardShows(t, "sanne", "E4", "Is zich bewust van eigen gedrag in de bejegening van burgers", "de-escaleren")
}
func TestMatrix_E5_DeEscalateOnTheRoleCard(t *testing.T) {
	roleCardShows(t, "sanne", "E5", "Benut de mogelijkheden om situaties niet (verder) te laten escaleren", "haal een collega of de beveiliging erbij")
}
func TestMatrix_E6_NormCrossingOnTheRoleCard(t *testing.T) {
	roleCardShows(t, "sanne", "E6", "Volgt de afspraken over de confrontatie met normoverschrijdend gedrag", "meld het daarna altijd")
}
func TestMatrix_G2_AgreementsOnTheRoleCard(t *testing.T) {
	roleCardShows(t, "ahmed", "G2", "Volgt de afspraken en werkinstructies", "werkafspraken")
}
func TestMatrix_G3_VisitorAccessOnTheRoleCard(t *testing.T) {
	roleCardShows(t, "ahmed", "G3", "Ziet toe op de toegang van bezoekers", "bezoek- of gebouwverbod")
}
func TestMatrix_G4_HouseRulesOnTheRoleCard(t *testing.T) {
	roleCardShows(t, "ahmed", "G4", "Ziet toe op huisregels en handhaaft deze", "huisregels")
}
func TestMatrix_G5_AlertOnTheRoleCard(t *testing.T) {
	roleCardShows(t, "ahmed", "G5", "Is alert op mogelijk risicovolle situaties en anticipeert hierop", "onveilige situatie")
}
func TestMatrix_G6_CrossingTheLineOnTheRoleCard(t *testing.T) {
	roleCardShows(t, "ahmed", "G6", "Geeft aan wanneer een burger de norm overschrijdt en handelt", "Benoem de grens")
}
func TestMatrix_G7_DeEscalateOnTheRoleCard(t *testing.T) {
	roleCardShows(t, "ahmed", "G7", "Benut de mogelijkheden om situaties niet (verder) te laten escaleren", "Houd afstand")
}

// The role card lists every row of the person's roles, grouped by cadence,
// in their language; a deputy gets the manager's rows.
func TestRoleCardListsEveryRowOfTheRoles(t *testing.T) {
	h := bottest.New(t)
	got := step(t, h, "peter", "/incident rol", "Je rol: afdelingsmanager, medewerker — Publiekszaken",
		"_Eenmalig_", "_Halfjaarlijks_", "_Periodiek_", "_Altijd_", "*Medewerker*")
	for _, r := range append(policy.RowsOf(policy.RoleManager), policy.RowsOf(policy.RoleEmployee)...) {
		if !strings.Contains(got, "*"+r.ID+"*") {
			t.Errorf("row %s missing from the manager's card", r.ID)
		}
	}
	if strings.Contains(got, "*F2*") {
		t.Error("a facility row on the manager's card")
	}
	step(t, h, "fatima", "/incident rol", "*M5* Is verantwoordelijk voor de eerste opvang")
	step(t, h, "alex", "/incident role", "*Your duties under the policy against aggression and violence*", "*E7* Reports incidents in the register or to the manager")
	step(t, h, "mark", "/incident rol", "Juridische Zaken krijgt een taak bij materiële schade (M11)")
	got = step(t, h, "linda", "/incident rol", "_Maandelijks_", "*F2* Test fysieke veiligheidsmaatregelen")
	if strings.Count(got, "*E") != len(policy.RowsOf(policy.RoleEmployee)) {
		t.Errorf("employee rows not all on the facility card:\n%s", got)
	}
}

// Every row of the matrix has its duty and how meldbot helps, in both
// languages.
func TestEveryMatrixRowHasItsTexts(t *testing.T) {
	c, err := locale.NewCatalog()
	if err != nil {
		t.Fatal(err)
	}
	if len(policy.Matrix) != 67 {
		t.Errorf("the matrix has %d rows, want 67", len(policy.Matrix))
	}
	for _, r := range policy.Matrix {
		for _, lang := range locale.Langs {
			for _, key := range []string{"row." + r.ID, "row." + r.ID + ".how"} {
				if got := c.T(lang, key); strings.HasPrefix(got, "⟦") || got == "" {
					t.Errorf("%s: no %s", lang, key)
				}
			}
		}
	}
}
