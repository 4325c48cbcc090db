package storage

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"meldbot/bot"
	"meldbot/bot/bottest"
	"meldbot/bot/orgfile"
)

// A changed organisation file, between two runs on one data file: the
// Legal officer who left and the manager who is a manager no more lose
// their open tasks at the next start, to the next in the fallback chain
// with the role or to the new role holder; each new assignee gets the task
// with the incident's details, the coordinator one summary, and the people
// who left can no longer act on their old buttons. A third start moves
// nothing.
func TestTasksFollowAChangedOrganisationFile(t *testing.T) {
	dir := t.TempDir()
	data, orgPath := filepath.Join(dir, "meldbot.db"), filepath.Join(dir, "meldbot.yaml")
	if err := os.WriteFile(orgPath, orgfile.Example, 0o600); err != nil {
		t.Fatal(err)
	}
	clock := bottest.NewClock(bottest.Friday)
	start := func() (*Store, *bottest.Harness) {
		t.Helper()
		org, err := orgfile.Load(orgPath)
		if err != nil {
			t.Fatal(err)
		}
		s := openAt(t, data)
		h := bottest.New(t, bottest.WithStore(s), bottest.WithOrg(org), bottest.WithClock(clock))
		if _, err := h.Bot.ReassignTasks(context.Background()); err != nil {
			t.Fatal(err)
		}
		h.Flush()
		return s, h
	}
	to := func(h *bottest.Harness, who string) []string {
		var out []string
		for _, s := range h.Chat.Sent() {
			if s.To == bot.Email(who) {
				var labels []string
				for _, c := range s.Message.Choices {
					labels = append(labels, c.Label)
				}
				out = append(out, s.Message.Text+"\n"+strings.Join(labels, " | "))
			}
		}
		return out
	}

	// Run 1: Sanne reports material damage; Mark (Legal) and Peter (her
	// manager) get their tasks.
	s, h := start()
	bottest.Run(t, h, strings.Replace(bottest.ReportScript, "  < Is er materiële schade?\nsanne> [Nee]", "  < Is er materiële schade?\nsanne> [Ja]", 1), h.User)
	if got := strings.Join(to(h, "mark.degroot@voorbeeldrode.nl"), "\n"); !strings.Contains(got, "Schade verhalen") {
		t.Fatalf("Mark has no Legal task:\n%s", got)
	}
	s.Close()

	// The file changes: Mark leaves and Mila takes over Legal; Fatima
	// becomes the manager of Publiekszaken, Peter an employee.
	changed := strings.NewReplacer(
		"  - name: Mark de Groot\n    email: mark.degroot@voorbeeldrode.nl\n",
		"  - name: Mila Jansen\n    email: mila.jansen@voorbeeldrode.nl\n",
		"    email: peter.bakker@voorbeeldrode.nl\n    roles: [manager]\n",
		"    email: peter.bakker@voorbeeldrode.nl\n",
		"    email: fatima.elamrani@voorbeeldrode.nl\n    roles: [deputy]\n",
		"    email: fatima.elamrani@voorbeeldrode.nl\n    roles: [manager]\n",
	).Replace(string(orgfile.Example))
	if changed == string(orgfile.Example) {
		t.Fatal("the sample changed; the replacements no longer apply")
	}
	if err := os.WriteFile(orgPath, []byte(changed), 0o600); err != nil {
		t.Fatal(err)
	}

	// Run 2.
	s, h = start()
	mila := strings.Join(to(h, "mila.jansen@voorbeeldrode.nl"), "\n---\n")
	for _, want := range []string{"↪ Deze taak komt nu bij jou: mark.degroot@voorbeeldrode.nl staat niet meer in het organisatiebestand",
		"Schade verhalen", "GIR-2026-0001", "Over: Sanne Visser", "Ik pak het op"} {
		if !strings.Contains(mila, want) {
			t.Errorf("Mila's message lacks %q:\n%s", want, mila)
		}
	}
	fatima := strings.Join(to(h, "fatima.elamrani@voorbeeldrode.nl"), "\n---\n")
	for _, want := range []string{"↪ Deze taak komt nu bij jou: Peter Bakker heeft die rol niet meer", "Eerste opvang", "GIR-2026-0001"} {
		if !strings.Contains(fatima, want) {
			t.Errorf("Fatima's message lacks %q:\n%s", want, fatima)
		}
	}
	summary := to(h, "karin.devries@voorbeeldrode.nl")
	if len(summary) != 1 || !strings.Contains(summary[0], "Taken overgedragen na een wijziging van het organisatiebestand") ||
		!strings.Contains(summary[0], "Schade verhalen — GIR-2026-0001: van mark.degroot@voorbeeldrode.nl aan Mila Jansen (niet meer in het organisatiebestand)") ||
		!strings.Contains(summary[0], "Eerste opvang — GIR-2026-0001: van Peter Bakker aan Fatima El Amrani (heeft die rol niet meer)") {
		t.Errorf("the coordinator's summary:\n%s", strings.Join(summary, "\n---\n"))
	}
	if got := to(h, "mark.degroot@voorbeeldrode.nl"); len(got) != 0 {
		t.Errorf("Mark, who left, was sent:\n%s", strings.Join(got, "\n"))
	}
	// Tasks not yet announced went along; the old buttons do nothing.
	_ = s.View(context.Background(), func(tx bot.Tx) error {
		for _, id := range []string{"GIR-2026-0001/contact_today", "GIR-2026-0001/police", "GIR-2026-0001/first_care"} {
			if task, err := tx.Task(id); err != nil || task.Assignee != "fatima.elamrani@voorbeeldrode.nl" {
				t.Errorf("%s: assignee %s (%v)", id, task.Assignee, err)
			}
		}
		return nil
	})
	for who, id := range map[string]string{"mark.degroot@voorbeeldrode.nl": "GIR-2026-0001/legal", "peter.bakker@voorbeeldrode.nl": "GIR-2026-0001/first_care"} {
		before := len(h.Chat.Sent())
		h.Handle(bot.Action{User: bot.User{Email: bot.Email(who)}, Value: "t:" + id + ":ack"})
		if got := h.Chat.Sent()[before:]; len(got) != 1 || !strings.Contains(got[0].Message.Text, "Deze taak kan ik niet voor je openen") {
			t.Errorf("%s clicked the old button of %s: %+v", who, id, got)
		}
	}
	s.Close()

	// Run 3, the same file: nothing moves, nobody hears anything.
	s, h = start()
	if got := h.Chat.Sent(); len(got) != 0 {
		t.Errorf("a start without changes sent:\n%+v", got)
	}
	s.Close()
}
