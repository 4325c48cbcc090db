package bot_test

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"meldbot/bot"
	"meldbot/bot/bottest"
	"meldbot/bot/form"
	"meldbot/bot/locale"
	"meldbot/bot/policy"
	"meldbot/bot/when"
)

// A check-in asks; it never chases. Unanswered, it lapses without a word,
// and the employee can still ask for a talk later.
func TestAnUnansweredCheckInIsNeverChased(t *testing.T) {
	h := bottest.New(t)
	h.Report(t, "sanne", map[string]string{"checkin": "[Ja, graag]"})
	advanceTo(h, at(h, 2026, 12, 2, 8, 30))
	d := h.Expect(t, "sanne", "Hoe gaat het met je?")
	if strings.Contains(d.Text, "Graag uiterlijk") {
		t.Errorf("a check-in shows a deadline:\n%s", d.Text)
	}
	h.Advance(14 * 24 * time.Hour)
	h.Quiet(t, "sanne", "Herinnering", "nog niet opgepakt")
	h.Quiet(t, "karin", "Hoe gaat het met je?")
	// Weeks later she does want to talk: the old button still works.
	if err := h.ClickOn(h.User("sanne"), "Hoe gaat het met je?", "Ik wil graag een gesprek"); err != nil {
		t.Fatal(err)
	}
	h.Expect(t, "sanne", "Ik heb je leidinggevende gevraagd")
	h.Expect(t, "peter", "Sanne Visser wil graag een gesprek")
}

// An unanswered check-in stays open: /incident toon names nobody who found
// it not needed and, like the check-in itself, shows no deadline; it no
// longer counts among the employee's tasks, and the incident's duties
// alone say where it stands.
func TestALapsedCheckInShowsAsAskedNotAsNotNeeded(t *testing.T) {
	h := bottest.New(t)
	n := h.Report(t, "sanne", map[string]string{"checkin": "[Ja, graag]"})
	advanceTo(h, at(h, 2026, 12, 2, 8, 30))
	h.Expect(t, "sanne", "Hoe gaat het met je?")
	advanceTo(h, at(h, 2026, 12, 9, 18, 0)) // a week unanswered, to the close of Wednesday; the next one comes tomorrow
	if tk := task(t, h, n+"/check_in/sanne.visser@voorbeeldrode.nl/1"); tk.Closed() || !tk.Next.IsZero() {
		t.Errorf("lapsed check-in: state %s, next %v", tk.State, tk.Next)
	}
	step(t, h, "sanne", "/incident toon "+n, "Hoe gaat het met je? — Sanne Visser — gevraagd, nog geen antwoord",
		"!Niet nodig volgens", "!Hoe gaat het met je? — Sanne Visser — open")
	step(t, h, "sanne", "/incident taken", "!Hoe gaat het met je?")
}

// A witness from another department who asks for a talk gets it from their
// own manager, who does not get to read the incident.
func TestAWitnessTalkRequestShowsNoIncidentToAnotherManager(t *testing.T) {
	h := bottest.New(t)
	n := h.Report(t, "sanne", map[string]string{"witnesses": "Tom Smit"})
	step(t, h, "tom", "[Ja, graag]")
	advanceTo(h, at(h, 2026, 12, 2, 8, 30))
	step(t, h, "tom", "[Ik wil graag een gesprek | Hoe gaat het met je?]", "Ik heb je leidinggevende gevraagd")
	d := h.Expect(t, "henk", "Tom Smit wil graag een gesprek")
	for _, private := range []string{n, "Sanne", "Stadhuis", "Verbale agressie"} {
		if strings.Contains(d.Text, private) {
			t.Errorf("another department's manager reads %q:\n%s", private, d.Text)
		}
	}
}

// Two people fill in the outcome of one task at once: the second finds it
// closed and changes nothing.
func TestASecondOutcomeFormChangesNothing(t *testing.T) {
	h := bottest.New(t)
	n := h.Report(t, "sanne", nil)
	h.Advance(time.Hour)
	step(t, h, "peter", "[Gedaan | Reactie richting de dader]", "Welke maatregel")
	// The coordinator may act on any task: she opens the same form.
	var done string
	for _, s := range h.Chat.Sent() {
		if strings.Contains(s.Message.Text, "Reactie richting de dader") {
			for _, c := range s.Message.Choices {
				if c.Label == "Gedaan" {
					done = c.Value
				}
			}
		}
	}
	// She is halfway a report of her own, which waits for the form.
	step(t, h, "karin", "/incident")
	step(t, h, "karin", "2", "Hoe was het contact?")
	h.Handle(bot.Action{User: h.User("karin"), Value: done})
	h.Expect(t, "karin", "Welke maatregel")
	step(t, h, "peter", "[Bezoek- of gebouwverbod]")
	step(t, h, "peter", "31-12-2026", "✓ Vastgelegd bij "+n)
	got := step(t, h, "karin", "[Waarschuwingsbrief]", "Deze taak is al afgerond.", "We gaan verder met je melding", "Hoe was het contact?")
	if i, j := strings.Index(got, "Deze taak is al afgerond."), strings.LastIndex(got, "Hoe was het contact?"); i > j {
		t.Errorf("Karin reads that the task was closed after her report's question:\n%s", got)
	}
	if m := incident(t, h, n).Measure(); m != "ban" {
		t.Errorf("measure = %+v, want the ban recorded first", m)
	}
}

// A guard halfway a report for one colleague cannot start one for another:
// nothing is filed under the wrong name.
func TestAReportForASecondColleagueWaitsForTheFirst(t *testing.T) {
	h := bottest.New(t)
	step(t, h, "ahmed", "/incident voor sanne", "Je meldt een incident voor Sanne Visser")
	step(t, h, "ahmed", "/incident voor tom", "Je bent nog bezig met een melding over Sanne Visser", "Wat is er gebeurd?")
	step(t, h, "ahmed", "/incident voor sanne", "Je was al bezig met een melding")
	n := h.Report(t, "ahmed", nil, "/incident voor sanne")
	if inc := incident(t, h, n); inc.Subject != "sanne.visser@voorbeeldrode.nl" {
		t.Errorf("subject %s", inc.Subject)
	}
	// The summary said whom it was about.
	found := false
	for _, s := range h.Chat.Sent() {
		if strings.Contains(s.Message.Text, "Samenvatting") && strings.Contains(s.Message.Text, "Over: Sanne Visser (sanne.visser@voorbeeldrode.nl)") {
			found = true
		}
	}
	if !found {
		t.Error("the summary does not say whom the report is about")
	}
}

// A conversation stored at a question this version no longer asks moves on
// to the next open question instead of looping; one of an unknown form ends.
func TestConversationsFromAnOlderVersion(t *testing.T) {
	h := bottest.New(t)
	ctx := context.Background()
	_ = h.Store.Update(ctx, func(tx bot.Tx) error {
		if err := tx.PutConversation(bot.Conversation{ID: "old", User: "sanne.visser@voorbeeldrode.nl", Step: "mood",
			Answers: form.Answers{"categories": {Keys: []string{"verbal"}}}}); err != nil {
			return err
		}
		if err := tx.PutConversation(bot.Conversation{ID: "old2", User: "tom.smit@voorbeeldrode.nl", Form: "survey", Step: "q1",
			Answers: form.Answers{}}); err != nil {
			return err
		}
		// At the place of a threat by phone, which is no longer asked.
		return tx.PutConversation(bot.Conversation{ID: "old3", User: "peter.bakker@voorbeeldrode.nl", Step: "location",
			Answers: form.Answers{"categories": {Keys: []string{"threat"}}, "channel": {Keys: []string{"phone"}}, "department": {Keys: []string{"publiekszaken"}},
				"when": {Moment: &when.Moment{Time: bottest.Friday, Precision: when.Minute}}}})
	})
	step(t, h, "sanne", "/incident", "Je was al bezig met een melding", "Hoe was het contact?")
	step(t, h, "sanne", "[Persoonlijk]", "Wanneer gebeurde het?")
	step(t, h, "tom", "hallo", "Hallo Tom!")
	step(t, h, "peter", "/incident", "Je was al bezig met een melding", "Vertel in je eigen woorden", "!Waar gebeurde het?")
}

// A task form stored at a question this version no longer asks, with every
// question answered, asks the last question again: a task form has no
// summary, and nothing of it can be sent as a report.
func TestATaskFormFromAnOlderVersion(t *testing.T) {
	h := bottest.New(t)
	n := h.Report(t, "sanne", nil)
	h.Advance(time.Hour)
	step(t, h, "peter", "[Niet nodig | Contact vandaag]", "Waarom is")
	peter := "peter.bakker@voorbeeldrode.nl"
	if err := h.Store.Update(context.Background(), func(tx bot.Tx) error {
		c, err := tx.Conversation(bot.Email(peter))
		if err != nil {
			return err
		}
		c.Step, c.Answers = "why", form.Answers{"reason": {Text: "al besproken"}}
		return tx.PutConversation(c)
	}); err != nil {
		t.Fatal(err)
	}
	got := step(t, h, "peter", "/incident", "Waarom is", "al besproken")
	if strings.Contains(got, "Samenvatting") {
		t.Errorf("a task form shows a report's summary:\n%s", got)
	}
	step(t, h, "peter", "1", "Dat is wat kort")
	step(t, h, "peter", "al gesproken bij de eerste opvang", "Vastgelegd: deze taak is niet nodig")
	if tk := task(t, h, n+"/contact_today"); tk.State != bot.TaskNotNeeded {
		t.Errorf("task %s, want not needed", tk.State)
	}
	_ = h.Store.View(context.Background(), func(tx bot.Tx) error {
		if inc, err := tx.Incident(bot.IncidentNumber(2026, 2)); err == nil {
			t.Errorf("a second incident was registered: %+v", inc)
		}
		return nil
	})
}

// At the time question, typing the number of its only button chooses it,
// as at every other question; an hour is typed as "1:00".
func TestTypingTheNumberOfTheButtonAtTheTimeQuestion(t *testing.T) {
	h := bottest.New(t)
	toWhen(t, h)
	step(t, h, "sanne", "1", "Waar gebeurde het?")
	var c bot.Conversation
	_ = h.Store.View(context.Background(), func(tx bot.Tx) error {
		var err error
		c, err = tx.Conversation("sanne.visser@voorbeeldrode.nl")
		return err
	})
	if m := c.Answers["when"].Moment; m == nil || !m.Time.Equal(bottest.Friday) {
		t.Errorf("when = %+v, want now", m)
	}
}

// A duty snoozed past its deadline keeps its own, longer escalation delay.
func TestASnoozedDutyKeepsItsEscalationDelay(t *testing.T) {
	h := bottest.New(t)
	duty := policy.Duty{Row: "C2", Role: policy.RoleCoordinator, Scope: policy.ScopeOrganisation, Kind: policy.DutyPlain,
		Title: map[locale.Lang]string{locale.Dutch: "Evaluatie starten"}, Body: map[locale.Lang]string{locale.Dutch: "Start de evaluatie."},
		DueWorkingDays: 1, EscalateAfter: 3 * 8 * time.Hour}
	if _, err := h.Bot.StartOccurrence(context.Background(), policy.Occurrence{Duty: duty, Period: "2026", At: h.Clock.Now()}); err != nil {
		t.Fatal(err)
	}
	h.Flush()
	h.Advance(3 * time.Hour) // past the deadline (Friday 17:00)
	step(t, h, "karin", "[Later | Evaluatie starten]")
	step(t, h, "karin", "[Over een uur]", "ma 30 nov 2026, 08:30") // not in the evening: the next working hour
	h.Advance(24 * time.Hour * 3)                                  // to Monday evening
	h.Expect(t, "karin", "Je vroeg me later opnieuw te vragen naar *Evaluatie starten*.")
	h.Quiet(t, "els", "Evaluatie starten")
}

// An unfinished report is neither forgotten nor kept for ever: a day later
// the reporter is reminded once; after 30 days untouched it is removed.
func TestUnfinishedReportsAreRemindedAndRemoved(t *testing.T) {
	h := bottest.New(t)
	toDescription(t, h)
	ctx := context.Background()
	tidy := func() {
		t.Helper()
		if _, err := h.Bot.TidyDrafts(ctx); err != nil {
			t.Fatal(err)
		}
		h.Fire()
	}
	h.Clock.Advance(23 * time.Hour)
	tidy()
	h.Quiet(t, "sanne", "nog niet verstuurd")
	h.Clock.Advance(2 * time.Hour)
	tidy()
	h.Expect(t, "sanne", "Je bent op vr 27 nov 2026, 15:00 begonnen met een melding, maar die is nog niet verstuurd", "Verder met mijn melding")
	tidy()
	h.Quiet(t, "sanne", "nog niet verstuurd") // once
	step(t, h, "sanne", "[Verder met mijn melding]", "Je was al bezig", "Vertel in je eigen woorden")
	// Untouched for 30 days: removed, and the reporter is told.
	h.Clock.Advance(31 * 24 * time.Hour)
	tidy()
	h.Expect(t, "sanne", "Je onafgemaakte melding van vr 27 nov 2026, 15:00 is gewist")
	step(t, h, "sanne", "/incident", "Goed dat je dit meldt", "!Je was al bezig")
}

// A report parked behind a task form is not lost with the form: when the
// abandoned form is removed, the report takes its place again, and is
// reminded of and removed by its own rules, with a word to its reporter.
func TestAnAbandonedTaskFormGivesItsParkedReportBack(t *testing.T) {
	h := bottest.New(t)
	policeFormOverAReport(t, h)
	h.Clock.Advance(31 * 24 * time.Hour)
	for range 2 {
		if _, err := h.Bot.TidyDrafts(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	h.Flush()
	h.Expect(t, "peter", "Je onafgemaakte melding van", "is gewist")
}

// countingStore counts write transactions.
type countingStore struct {
	bot.Store
	updates atomic.Int32
}

func (s *countingStore) Update(ctx context.Context, fn func(bot.Tx) error) error {
	s.updates.Add(1)
	return s.Store.Update(ctx, fn)
}

// Tidying unfinished reports writes only the ones that are due: the hourly
// round over every open conversation costs no write when nothing is.
func TestTidyingDraftsWritesOnlyWhatIsDue(t *testing.T) {
	s := &countingStore{Store: bottest.NewMemStore()}
	h := bottest.New(t, bottest.WithStore(s))
	ctx := context.Background()
	toDescription(t, h)
	step(t, h, "peter", "/incident", "Wat is er gebeurd?")
	h.Clock.Advance(23 * time.Hour)
	before := s.updates.Load()
	if n, err := h.Bot.TidyDrafts(ctx); n != 0 || err != nil || s.updates.Load() != before {
		t.Errorf("nothing due: TidyDrafts = %d, %v with %d write(s); want none", n, err, s.updates.Load()-before)
	}
	h.Clock.Advance(2 * time.Hour)
	before = s.updates.Load()
	if n, err := h.Bot.TidyDrafts(ctx); n != 2 || err != nil || s.updates.Load() != before+2 {
		t.Errorf("two reminders due: TidyDrafts = %d, %v with %d write(s); want 2 and 2", n, err, s.updates.Load()-before)
	}
}
