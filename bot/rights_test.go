package bot_test

import (
	"testing"

	"meldbot/bot/bottest"
)

// /incident help shows each person the commands their roles let them use,
// in their language: an employee sees no export, audit trail, checklist or
// overview; the coordinator sees everything; a manager, the town clerk, a
// guard and facility staff see what is theirs.
func TestHelpShowsTheCommandsOfOnesRoles(t *testing.T) {
	h := bottest.New(t)
	step(t, h, "alex", "/incident taal en")
	for _, tc := range []struct {
		who        string
		has, lacks []string
	}{
		{"sanne", []string{"/incident taken", "/incident mijn gegevens", "/incident toon", "/incident rol", "/incident stop"},
			[]string{"/incident export", "/incident audit", "/incident beleid", "/incident overzicht", "/incident voor"}},
		{"alex", []string{"*What you can type*", "/incident my data", "/incident tasks"},
			[]string{"/incident export", "/incident audit", "/incident policy", "/incident overview", "/incident for"}},
		{"karin", []string{"/incident export 2026-Q3 — het register als Excel-bestand", "/incident audit", "/incident beleid",
			"/incident voor", "/incident overzicht 2026-Q3 — overzicht met trends en grafiek; met de naam van een afdeling"}, nil},
		{"peter", []string{"/incident voor", "/incident beleid", "/incident overzicht 2026-Q3 — overzicht van je afdeling"},
			[]string{"/incident export", "/incident audit"}},
		{"els", []string{"/incident beleid", "/incident overzicht 2026-H1 — halfjaar- of jaaroverzicht"},
			[]string{"/incident export", "/incident audit", "/incident voor"}},
		{"ahmed", []string{"/incident voor", "/incident beleid"}, []string{"/incident overzicht", "/incident export", "/incident audit"}},
		{"linda", []string{"/incident beleid"}, []string{"/incident voor", "/incident overzicht", "/incident export", "/incident audit"}},
	} {
		wants := append([]string{}, tc.has...)
		for _, l := range tc.lacks {
			wants = append(wants, "!"+l)
		}
		step(t, h, tc.who, "/incident help", wants...)
		// A command mistyped lists the same.
		step(t, h, tc.who, "/incident exprot", wants...)
	}
}

// A refusal says, in words that fit the person, what they can do instead:
// the coordinator is never addressed as a manager, a manager is pointed to
// their department's figures, an employee to their own data.
func TestRefusalsFitThePerson(t *testing.T) {
	h := bottest.New(t)
	other := h.Report(t, "tom", nil) // Openbare Ruimte, not Peter's department
	step(t, h, "alex", "/incident taal en")
	for _, tc := range []struct {
		who, command string
		wants        []string
	}{
		{"sanne", "export 2026-Q3", []string{"Een export van het register maakt alleen de coördinator", "Typ /incident mijn gegevens."}},
		{"peter", "export 2026-Q3", []string{"alleen de coördinator", "De cijfers van je afdeling vraag je op met /incident overzicht"}},
		{"els", "export 2026", []string{"alleen de coördinator", "Halfjaar- en jaaroverzichten vraag je op met /incident overzicht"}},
		{"alex", "export 2026-Q3", []string{"Only the aggression and violence coordinator can export the register.", "/incident my data"}},
		{"sanne", "audit", []string{"Het logboek kan alleen de coördinator", "Wie jouw meldingen heeft gezien of er bericht van kreeg, en wanneer, zie je met /incident mijn gegevens."}},
		{"peter", "audit " + other, []string{"Het logboek kan alleen de coördinator", "/incident toon en het nummer", "!mijn gegevens"}},
		{"sanne", "beleid", []string{"De inrichtingslijst en de beleidscyclus", "/incident rol"}},
		{"sanne", "overzicht", []string{"Overzichten uit het register zijn voor"}},
		{"sanne", "voor tom", []string{"Melden voor een collega kan alleen als beveiliger, leidinggevende of coördinator"}},
		{"sanne", "toon " + other, []string{"Melding " + other + " kan ik je niet laten zien. Je ziet de meldingen die je zelf deed en die over jou gaan.", "!leidinggevende"}},
		{"sanne", "toon GIR-2026-0099", []string{"Melding GIR-2026-0099 kan ik je niet laten zien. Je ziet de meldingen die je zelf deed", "!leidinggevende"}},
		{"peter", "toon " + other, []string{"Als leidinggevende zie je de meldingen van je afdeling, Publiekszaken, en je eigen meldingen."}},
		{"mark", "toon " + other, []string{"Juridische zaken ziet de meldingen met materiële schade", "!leidinggevende"}},
		{"alex", "show " + other, []string{"I can't show you report " + other + ". You see the reports you made and those about you.", "!manager"}},
		{"karin", "toon GIR-2026-0099", []string{"Er staat geen melding GIR-2026-0099 in het register.", "!leidinggevende", "!niet laten zien"}},
	} {
		step(t, h, tc.who, "/incident "+tc.command, tc.wants...)
	}
	// Whatever the coordinator asks, she is never told what she could see
	// as a manager.
	for _, command := range []string{"toon GIR-2026-0099", "toon gir-2099-0001", "overzicht 2027", "overzicht Zwembad", "export gisteren", "audit GIR-x", "voor niemand"} {
		step(t, h, "karin", "/incident "+command, "!als leidinggevende", "!Als leidinggevende", "!as a manager")
	}
}

// A refusal of one's own role fits everyone of that role: a deputy is
// addressed as the manager they stand in for.
func TestADeputyIsRefusedAsAManager(t *testing.T) {
	h := bottest.New(t)
	step(t, h, "fatima", "/incident export", "De cijfers van je afdeling vraag je op met /incident overzicht")
	step(t, h, "fatima", "/incident help", "/incident overzicht 2026-Q3 — overzicht van je afdeling", "!/incident export")
}
