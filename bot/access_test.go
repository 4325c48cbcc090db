package bot_test

import (
	"strings"
	"testing"
	"time"

	"meldbot/bot"
	"meldbot/bot/bottest"
)

// Every role against every kind of incident: who may see what
// (PRODUCT.md, "Who may see what"). The sample organisation's people play
// the roles.
func TestAccessRulesForEveryRoleAndKindOfIncident(t *testing.T) {
	org := bottest.SampleOrg(t)
	person := func(who string) bot.Person {
		u := bottest.FindUser(org, who)
		return org.PersonOrGuest(u)
	}
	sanne, ahmed, tom := "sanne.visser@voorbeeldrode.nl", "ahmed.ouali@voorbeeldrode.nl", "tom.smit@voorbeeldrode.nl"
	kinds := map[string]bot.Incident{
		// Sanne (Publiekszaken) reported what happened to her.
		"own": {Number: "GIR-2026-0001", Reporter: bot.Email(sanne), Subject: bot.Email(sanne), Report: bot.ReportAnswers(time.Time{}, map[string]string{"department": "publiekszaken"})},
		// Ahmed, a security guard, reported for Sanne (G9).
		"for other": {Number: "GIR-2026-0002", Reporter: bot.Email(ahmed), Subject: bot.Email(sanne), Report: bot.ReportAnswers(time.Time{}, map[string]string{"department": "publiekszaken"})},
		// Material damage goes to Legal (M11).
		"damage": {Number: "GIR-2026-0003", Reporter: bot.Email(sanne), Subject: bot.Email(sanne), Report: bot.ReportAnswers(time.Time{}, map[string]string{"department": "publiekszaken", "damage": "yes"})},
		// Tom works in Openbare Ruimte.
		"other department": {Number: "GIR-2026-0004", Reporter: bot.Email(tom), Subject: bot.Email(tom), Report: bot.ReportAnswers(time.Time{}, map[string]string{"department": "buitendienst"})},
		// A report whose department is not known.
		"no department": {Number: "GIR-2026-0005", Reporter: bot.Email(tom), Subject: bot.Email(tom)},
		// The lighter report of an unsafe situation (E10).
		"unsafe": {Number: "GIR-2026-0006", Reporter: bot.Email(sanne), Subject: bot.Email(sanne), Report: bot.ReportAnswers(time.Time{}, map[string]string{"department": "publiekszaken", "categories": "unsafe"})},
	}
	const (
		no     = bot.NoAccess
		report = bot.ReportAccess
		full   = bot.FullAccess
	)
	// Columns in the order: own, for other, damage, other department, no department, unsafe.
	order := []string{"own", "for other", "damage", "other department", "no department", "unsafe"}
	table := []struct {
		who  string
		role string
		want [6]bot.Access
	}{
		{"karin", "coordinator", [6]bot.Access{full, full, full, full, full, full}},
		{"sanne", "reporter and subject", [6]bot.Access{full, full, full, no, no, full}},
		{"ahmed", "guard who reported for Sanne", [6]bot.Access{no, report, no, no, no, no}},
		{"peter", "manager of Publiekszaken", [6]bot.Access{full, full, full, no, no, full}},
		{"fatima", "deputy of Publiekszaken", [6]bot.Access{full, full, full, no, no, full}},
		{"henk", "manager of Openbare Ruimte", [6]bot.Access{no, no, no, full, no, no}},
		{"ingrid", "manager of Sociaal Domein", [6]bot.Access{no, no, no, no, no, no}},
		{"mark", "Legal", [6]bot.Access{no, no, full, no, no, no}},
		{"els", "town clerk", [6]bot.Access{no, no, no, no, no, no}},
		{"jan", "board contact", [6]bot.Access{no, no, no, no, no, no}},
		{"noor", "communication", [6]bot.Access{no, no, no, no, no, no}},
		{"linda", "facility staff", [6]bot.Access{no, no, no, no, no, no}},
		{"alex", "colleague in another department", [6]bot.Access{no, no, no, no, no, no}},
		{"tom", "colleague with his own reports", [6]bot.Access{no, no, no, full, full, no}},
		{"guest@voorbeeldrode.nl", "someone not in the organisation file", [6]bot.Access{no, no, no, no, no, no}},
		{"", "nobody", [6]bot.Access{no, no, no, no, no, no}},
	}
	for _, row := range table {
		p := person(row.who)
		if row.who == "" {
			p = bot.Person{}
		}
		for i, kind := range order {
			if got := org.AccessTo(p, kinds[kind]); got != row.want[i] {
				t.Errorf("%s (%s) on the %q incident: access %d, want %d", row.who, row.role, kind, got, row.want[i])
			}
		}
	}
}

// Whether an incident does not exist or may not be seen, the answer is the
// same, word for word: nobody learns that a number is in use.
func TestNotAllowedGivesNoHintTheIncidentExists(t *testing.T) {
	h := bottest.New(t)
	n := h.Report(t, "sanne", nil)
	if n != "GIR-2026-0001" {
		t.Fatalf("number %s", n)
	}
	exists := step(t, h, "alex", "/incident toon GIR-2026-0001")
	missing := step(t, h, "alex", "/incident toon GIR-2026-0002")
	if strings.ReplaceAll(exists, "0001", "") != strings.ReplaceAll(missing, "0002", "") {
		t.Errorf("the answers differ:\n%s\n---\n%s", exists, missing)
	}
	for _, leak := range []string{"Verbal aggression", "Sanne", "paspoort", "does not exist", "not found"} {
		if strings.Contains(exists, leak) {
			t.Errorf("the refusal says %q:\n%s", leak, exists)
		}
	}
	step(t, h, "alex", "/incident toon gir-2026-1", "can't show you", "!paspoort")
	step(t, h, "alex", "/incident toon onzin", "can't show you")
	// Asking for a number is in the audit trail as a refusal, whether the
	// incident exists or not; the coordinator sees who tried.
	shownTrail := func(number string) string {
		return step(t, h, "karin", "/incident audit "+number, "Alex Morgan — geweigerd (toon)", "!Alex Morgan — bekeken")
	}
	if a, b := shownTrail("GIR-2026-0001"), shownTrail("GIR-2026-0002"); strings.Count(a, "Alex Morgan") != 2 || strings.Count(b, "Alex Morgan") != 1 {
		t.Errorf("the refusals in the trails:\n%s\n---\n%s", a, b)
	}
	refusal := func(es []bot.AuditEntry) bot.AuditEntry {
		for _, e := range es {
			if e.By == "alex.morgan@voorbeeldrode.nl" {
				e.Seq, e.Prev, e.Incident = 0, "", ""
				return e
			}
		}
		t.Fatal("no refusal in the trail")
		return bot.AuditEntry{}
	}
	if a, b := refusal(trail(t, h, []string{"GIR-2026-0001"})), refusal(trail(t, h, []string{"GIR-2026-0002"})); a != b || a.Action != bot.AuditDenied || a.What != "show" {
		t.Errorf("the refusals differ: %+v and %+v", a, b)
	}
}

// A task button of someone else's task gets the same answer as one of a
// task that does not exist: nobody learns a task is there.
func TestTaskButtonGivesNoHintTheTaskExists(t *testing.T) {
	h := bottest.New(t)
	n := h.Report(t, "sanne", nil)
	click := func(id string) string {
		before := len(h.Chat.Sent())
		h.Handle(bot.Action{User: h.User("tom"), Ref: "m1", Value: "t:" + id + ":ack"})
		var got []string
		for _, s := range h.Chat.Sent()[before:] {
			got = append(got, string(s.To)+": "+s.Message.Text)
		}
		return strings.Join(got, "\n")
	}
	theirs, missing := click(n+"/first_care"), click("GIR-2026-0099/first_care")
	if theirs != missing || !strings.HasPrefix(theirs, "tom.smit@voorbeeldrode.nl: ") {
		t.Errorf("the answers differ:\n%s\n---\n%s", theirs, missing)
	}
	if strings.Contains(theirs, "niet aan jou toegewezen") {
		t.Errorf("the answer says the task is someone else's: %s", theirs)
	}
	if task(t, h, n+"/first_care").State != bot.TaskOpen {
		t.Error("Tom's click changed Peter's task")
	}
}

// The reporter who reported for a colleague sees the report they made and
// where it stands, not the care that followed.
func TestReporterForSomeoneElseSeesTheReportNotTheCare(t *testing.T) {
	h := bottest.New(t)
	n := h.Report(t, "ahmed", map[string]string{"department": "[Publiekszaken]"}, "/incident voor sanne")
	guard := step(t, h, "ahmed", "/incident toon "+n, n, "De melding", "Over: Sanne Visser", "in behandeling", "!Taken", "!Eerste opvang")
	if strings.Contains(guard, "taken afgerond") {
		t.Errorf("the guard sees the progress of the care:\n%s", guard)
	}
	step(t, h, "sanne", "/incident toon "+n, "Gemeld door: Ahmed Ouali", "*Taken*", "Eerste opvang — Peter Bakker")
	step(t, h, "peter", "/incident toon "+n, "*Taken*")
	step(t, h, "ahmed", "/incident mijn", n, "voor Sanne Visser", "in behandeling")
	step(t, h, "sanne", "/incident mijn", n, "gemeld door Ahmed Ouali", "taken afgerond")
}

// The police reference the manager records is part of the care that
// followed, not of the report: the guard who reported for Sanne does not
// see it, in /incident toon nor in his own data; Sanne and her manager do.
func TestReporterForSomeoneElseDoesNotSeeTheRecordedPoliceReference(t *testing.T) {
	h := bottest.New(t)
	n := h.Report(t, "ahmed", map[string]string{"department": "[Publiekszaken]", "police": "[Sanne twijfelt nog]"},
		"/incident voor sanne")
	h.Advance(time.Hour)
	step(t, h, "peter", "[Gedaan | Steun bij de aangifte]", "Wat is er gedaan?")
	step(t, h, "peter", "[Aangifte gedaan]", "Wat is het registratienummer?")
	step(t, h, "peter", "PV-2026-4711", "✓ Vastgelegd bij "+n)

	step(t, h, "ahmed", "/incident toon "+n, n, "Over: Sanne Visser", "!PV-2026-4711", "!aangifte gedaan")
	step(t, h, "ahmed", "/incident mijn gegevens", n)
	if data := string(exported(t, h, "ahmed").Data); strings.Contains(data, "PV-2026-4711") {
		t.Errorf("the guard's own data holds the police reference:\n%s", data)
	}
	step(t, h, "sanne", "/incident toon "+n, "Politie: Aangifte gedaan, registratienummer PV-2026-4711")
	step(t, h, "peter", "/incident toon "+n, "registratienummer PV-2026-4711")
	step(t, h, "sanne", "/incident mijn gegevens", n)
	if data := string(exported(t, h, "sanne").Data); !strings.Contains(data, "PV-2026-4711") {
		t.Errorf("Sanne's own data lacks the police reference")
	}
}
