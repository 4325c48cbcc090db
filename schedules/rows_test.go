package schedules_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"meldbot/bot"
	"meldbot/bot/bottest"
	"meldbot/bot/orgfile"
	"meldbot/schedules"
	"meldbot/storage"
)

// reportIn files a report of the given category (a number of the first
// question) at a location, answering the rest with the first or the "no"
// answer, so the overviews have something to count.
func reportIn(t *testing.T, w *world, who, category, location string) {
	t.Helper()
	h := w.h
	u := h.User(who)
	answer := func(in string) {
		t.Helper()
		var err error
		if strings.HasPrefix(in, "[") {
			err = h.Click(u, strings.Trim(in, "[]"))
		} else {
			err = h.Type(u, in)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	answer("/incident")
	answer(category)
	for range 30 {
		var q string
		for _, d := range h.Received() {
			if d.To == u.Key() && !d.Update {
				q = d.Text
			}
		}
		labels := strings.Join(h.Buttons(u), "|")
		switch {
		case strings.Contains(q, "Samenvatting"):
			answer("[Versturen]")
			w.got = append(w.got, h.Received()...)
			return
		case strings.Contains(q, "Wanneer gebeurde het?"):
			answer("nu")
		case strings.Contains(q, "Waar gebeurde het?"):
			answer("[" + location + "]")
		case strings.Contains(q, "Vertel in je eigen woorden"):
			answer("Een bezoeker werd boos en sloeg met een map op de balie.")
		case strings.Contains(labels, "Nee"):
			answer("[" + firstWith(h.Buttons(u), "Nee") + "]")
		case strings.Contains(labels, "Overslaan"):
			answer("[Overslaan]")
		case strings.Contains(labels, "Geen getuigen"):
			answer("[Geen getuigen]")
		default:
			answer("1")
		}
	}
	t.Fatal("the report did not end")
}

func firstWith(labels []string, part string) string {
	for _, l := range labels {
		if strings.HasPrefix(l, part) {
			return l
		}
	}
	return part
}

// quarter files two reports in December 2026, then lives until the first
// working day of 2027 (Monday 4 January), when the quarterly, half-yearly
// and yearly January duties come.
func quarter(t *testing.T) *world {
	w := newWorld(t)
	w.liveUntil(at(2026, 12, 2, 10, 0))
	reportIn(t, w, "sanne", "1", "Stadhuis")
	reportIn(t, w, "tom", "2", "Gemeentewerf")
	w.liveUntil(at(2027, 1, 4, 10, 30))
	return w
}

func TestMatrix_C6_QuarterlyOverviewForTheCoordinator(t *testing.T) {
	w := quarter(t)
	got := w.take()
	w.expect(got, "karin", "*Kwartaaloverzicht van alle meldingen* (Q1 2027)", "Gedaan")
	d := w.expect(got, "karin", "📊 *Meldingen Q4 2026*: 2")
	for _, want := range []string{"Verbale agressie: 1", "Bedreiging: 1", "Publiekszaken: 1", "Openbare Ruimte: 1"} {
		if !strings.Contains(d.Text, want) {
			t.Errorf("overview lacks %q:\n%s", want, d.Text)
		}
	}
}

func TestMatrix_C3_ReportToBoardAndManagementTeam(t *testing.T) {
	w := quarter(t)
	got := w.take()
	w.expect(got, "karin", "*Rapportage aan college en managementteam* (Q1 2027)", "Rapporteer aan het college en het managementteam")
	// Done, with a note: the outcome is recorded.
	w.click("karin", "Rapportage aan college", "Gedaan")
	w.expect(w.take(), "karin", "Wil je iets vastleggen over de uitkomst?")
	w.say("karin", "Besproken in het MT van 12 januari; college geïnformeerd per memo.")
	w.expect(w.take(), "karin", "✓ Vastgelegd.")
	if tk := w.task("C3/2027-Q1/org"); tk.State != bot.TaskDone || !strings.Contains(tk.Outcome["note"], "memo") {
		t.Errorf("C3: %s %v", tk.State, tk.Outcome)
	}
}

func TestMatrix_C7_TrendsPerDepartmentForManagers(t *testing.T) {
	w := quarter(t)
	got := w.take()
	w.expect(got, "peter", "*Trends van je afdeling* — Publiekszaken (Q1 2027)")
	trend := w.expect(got, "peter", "📊 *Meldingen Q4 2026*")
	if !strings.Contains(trend.Text, "< 5") || strings.Contains(trend.Text, "Openbare Ruimte") {
		t.Errorf("a department's trends show small numbers as < 5, and only the department:\n%s", trend.Text)
	}
	w.expect(got, "henk", "Trends van je afdeling* — Openbare Ruimte")
	w.expect(got, "ingrid", "Trends van je afdeling* — Sociaal Domein")
}

func TestMatrix_G10_GuardEvaluatesIncidentsPerLocation(t *testing.T) {
	w := quarter(t)
	got := w.take()
	w.expect(got, "ahmed", "*Incidenten op de locatie evalueren* — Stadhuis (Q1 2027)", "leidinggevende van de locatie")
	w.expect(got, "ahmed", "Incidenten op de locatie evalueren* — Wijkpost Noord")
	// Each location's own incidents, small numbers hidden from the guard.
	w.expect(got, "ahmed", "📊 *Meldingen Q4 2026* — Stadhuis: < 5", "Verbale agressie: < 5")
	w.expect(got, "ahmed", "📊 *Meldingen Q4 2026* — Wijkpost Noord: 0")
	if loc := messages(got, "ahmed", "📊 *Meldingen Q4 2026*"); len(loc) != 2 {
		t.Errorf("location overviews:\n%s", bottest.FormatDeliveries(loc))
	}
	// No guard works at the depot: no evaluation there.
	if got := messages(got, "", "Incidenten op de locatie evalueren* — Gemeentewerf"); len(got) != 0 {
		t.Errorf("an evaluation for a location without a guard:\n%s", bottest.FormatDeliveries(got))
	}
}

func TestMatrix_M3_HalfYearlyEvaluationInTheTeamMeeting(t *testing.T) {
	w := quarter(t)
	got := w.take()
	for _, who := range []string{"peter", "ingrid", "henk"} {
		w.expect(got, who, "*Afspraken evalueren in het werkoverleg*", "(eerste helft 2027)")
	}
	// Peter does it; Ingrid does not: reminded the working morning after
	// the deadline (the close of Friday 12 February), then the coordinator
	// is told (escalation after three working days).
	w.click("peter", "Afspraken evalueren", "Gedaan")
	w.say("peter", "-")
	w.take()
	w.liveUntil(at(2027, 2, 15, 8, 30))
	got = w.take()
	w.expect(got, "ingrid", "Herinnering", "Afspraken evalueren")
	if n := len(messages(got, "karin", "Ingrid Mulder heeft *Afspraken evalueren")); n != 0 {
		t.Errorf("escalated before three working days passed")
	}
	if n := len(messages(got, "peter", "Herinnering", "Afspraken evalueren")); n != 0 {
		t.Error("Peter was reminded of a duty he did")
	}
	w.liveUntil(at(2027, 2, 19, 12, 0))
	got = w.take()
	w.expect(got, "karin", "Ingrid Mulder heeft *Afspraken evalueren")
	if n := len(messages(got, "peter", "Herinnering", "Afspraken evalueren")); n != 0 {
		t.Error("Peter was reminded of a duty he did")
	}
	// July brings the second half.
	w.liveUntil(at(2027, 7, 1, 9, 0))
	w.expect(w.take(), "peter", "Afspraken evalueren in het werkoverleg*", "(tweede helft 2027)")
}

func TestMatrix_S8_HalfYearlyProgressForTheTownClerk(t *testing.T) {
	w := quarter(t)
	got := w.take()
	w.expect(got, "els", "*Voortgang en effectiviteit van het beleid* (eerste helft 2027)")
	w.expect(got, "els", "📊 *Meldingen tweede helft 2026*: < 5", "Verbale agressie: < 5")
}

func TestMatrix_C2_YearlyEvaluationStarted(t *testing.T) {
	w := quarter(t)
	w.expect(w.take(), "karin", "*Jaarlijkse evaluatie van het beleid starten* (2027)")
}

func TestMatrix_S6_ResultGoalsForTheApproach(t *testing.T) {
	w := quarter(t)
	w.expect(w.take(), "els", "*Resultaatdoelstellingen voor de aanpak van agressie* (2027)")
}

func TestMatrix_B5_ResultGoalsForTheManagementTeam(t *testing.T) {
	w := quarter(t)
	w.expect(w.take(), "jan", "*Resultaatdoelstellingen voor het managementteam* (2027)")
}

func TestMatrix_C1_ProgressAndProposalsWithTheYearlyOverview(t *testing.T) {
	w := quarter(t)
	w.take()
	w.liveUntil(at(2027, 2, 1, 9, 0))
	got := w.take()
	w.expect(got, "karin", "*Voortgang volgen en voorstellen tot bijstelling* (2027)")
	w.expect(got, "karin", "📊 *Meldingen 2026*: 2")
}

func TestMatrix_S7_YearlyReportToTheBoard(t *testing.T) {
	w := quarter(t)
	w.take()
	w.liveUntil(at(2027, 3, 1, 9, 0))
	got := w.take()
	w.expect(got, "els", "*Rapportage aan het college* (2027)")
	w.expect(got, "els", "📊 *Meldingen 2026*: < 5")
}

func TestMatrix_B6_BoardFollowsTheImplementation(t *testing.T) {
	w := quarter(t)
	w.take()
	w.liveUntil(at(2027, 4, 1, 9, 0))
	got := w.take()
	w.expect(got, "jan", "*Uitvoering van het beleid volgen* (2027)")
	w.expect(got, "jan", "📊 *Meldingen 2026*: < 5")
}

func TestMatrix_C8_RiskInventoryYearlyAndWhenThereIsReason(t *testing.T) {
	w := newWorld(t)
	w.liveUntil(at(2027, 9, 1, 9, 0))
	w.expect(w.take(), "karin", "*RI&E actueel?* (2027)")
	// A failed alarm test is a reason in between: see the F3 test. A new
	// kind of incident is one too, once there is a history to compare with.
	for range 10 {
		reportIn(t, w, "sanne", "1", "Stadhuis")
	}
	w.take()
	reportIn(t, w, "sanne", "5", "Stadhuis")
	w.expect(w.take(), "karin", "RI&E actualiseren?", "Er is voor het eerst een incident van deze soort gemeld: Discriminatie")
	reportIn(t, w, "sanne", "5", "Stadhuis")
	if got := messages(w.take(), "karin", "RI&E actualiseren?"); len(got) != 0 {
		t.Errorf("the same reason raised twice:\n%s", bottest.FormatDeliveries(got))
	}
}

func TestMatrix_M2_TrainingOnTheOrganisationsCadence(t *testing.T) {
	w := newWorld(t)
	w.liveUntil(at(2027, 9, 1, 9, 0))
	got := w.take()
	w.expect(got, "peter", "*Training, voorlichting en instructie plannen* — Publiekszaken (2027)", "beveiliger")
	if n := len(messages(got, "peter", "Training, voorlichting")); n != 1 {
		t.Errorf("%d training prompts in a year, want 1", n)
	}
	// An organisation that trains twice a year says so.
	yaml := strings.Replace(string(orgfile.Example), "working_hours:", "training: half_yearly\nworking_hours:", 1)
	org, err := orgfile.Parse("test.yaml", []byte(yaml))
	if err != nil {
		t.Fatal(err)
	}
	w2 := newWorld(t, bottest.WithOrg(org))
	w2.liveUntil(at(2027, 9, 1, 9, 0))
	got = w2.take()
	w2.expect(got, "peter", "Training, voorlichting en instructie plannen* — Publiekszaken (eerste helft 2027)")
	w2.expect(got, "peter", "Training, voorlichting en instructie plannen* — Publiekszaken (tweede helft 2027)")
}

func TestMatrix_G11_GuardJoinsTheTrainingAtTheLocation(t *testing.T) {
	w := newWorld(t)
	w.liveUntil(at(2027, 9, 1, 9, 0))
	got := w.take()
	w.expect(got, "ahmed", "*Meedoen aan de training op de locatie* — Stadhuis (2027)")
	w.expect(got, "ahmed", "Meedoen aan de training op de locatie* — Wijkpost Noord (2027)")
}

func TestOrganisationFileChangesTheSchedule(t *testing.T) {
	yaml := strings.Replace(string(orgfile.Example), "working_hours:", `schedule:
  - row: F2
    cron: "30 10 1-7 * *"
  - row: M3
    enabled: false
  - row: X1
    role: coordinator
    cron: "0 11 15 * *"
    period: month
    title: {nl: "Maandelijks overleg met de OR", en: "Monthly meeting with the works council"}
    text: {nl: "Bespreek de meldingen met de OR.", en: "Discuss the reports with the works council."}
working_hours:`, 1)
	org, err := orgfile.Parse("test.yaml", []byte(yaml))
	if err != nil {
		t.Fatal(err)
	}
	w := newWorld(t, bottest.WithOrg(org))
	w.liveUntil(at(2026, 12, 1, 10, 29))
	if got := messages(w.take(), "linda", "Alarmtest"); len(got) != 0 {
		t.Error("the alarm test came at the old time")
	}
	w.liveUntil(at(2026, 12, 15, 11, 0))
	got := w.take()
	w.expect(got, "linda", "Alarmtest* — Stadhuis (dec 2026)")
	w.expect(got, "karin", "*Maandelijks overleg met de OR* (dec 2026)", "Bespreek de meldingen met de OR.")
	w.liveUntil(at(2027, 1, 4, 12, 0))
	if got := messages(w.take(), "peter", "Afspraken evalueren"); len(got) != 0 {
		t.Error("a row turned off still came")
	}
	// A broken cron is reported with its line.
	bad := strings.Replace(yaml, `cron: "30 10 1-7 * *"`, `cron: "30 10 1-7 *"`, 1)
	org, err = orgfile.Parse("test.yaml", []byte(bad))
	if err != nil {
		t.Fatal(err)
	}
	_, err = schedules.Load(org, "test.yaml")
	var probs *orgfile.Problems
	if !errors.As(err, &probs) || len(probs.List) != 1 || probs.List[0].Line == 0 || !strings.Contains(probs.List[0].Msg, "F2") {
		t.Errorf("Load = %v", err)
	}
}

// The key of an occurrence makes it happen exactly once: ticking again
// sends nothing.
func TestOccurrencesHappenExactlyOnce(t *testing.T) {
	w := newWorld(t)
	w.liveUntil(at(2026, 12, 1, 9, 0))
	w.take()
	for range 3 {
		if n := w.tick(); n != 0 {
			t.Errorf("a second tick started %d occurrences", n)
		}
	}
	w.h.Advance(6 * time.Hour)
	w.tick()
	if got := messages(w.take(), "linda", "*Alarmtest*"); len(got) != 0 {
		t.Errorf("sent again:\n%s", bottest.FormatDeliveries(got))
	}
}

// After downtime, the occurrences missed are sent on start, marked late:
// the latest of each duty and scope, not every one missed.
func TestMissedOccurrencesAreCaughtUpOnceAndLate(t *testing.T) {
	w := newWorld(t)
	started, late := 0, 0
	w.cycle.OnStarted(func(isLate bool) {
		started++
		if isLate {
			late++
		}
	})
	w.h.Jump(at(2027, 2, 10, 11, 0).Sub(w.h.Clock.Now())) // down from 27 November to 10 February
	w.take()
	n := w.tick()
	got := w.take()
	if started != n || late != n || n == 0 {
		t.Errorf("the cycle started %d occurrences and told of %d, %d of them late; want all told, all late", n, started, late)
	}
	alarm := messages(got, "linda", "*Alarmtest*")
	if len(alarm) != 3 {
		t.Fatalf("%d alarm tests after downtime, want the latest (February) once per location:\n%s", len(alarm), bottest.FormatDeliveries(alarm))
	}
	for _, d := range alarm {
		if !strings.Contains(d.Text, "(feb 2027)") || !strings.Contains(d.Text, "later dan gepland") {
			t.Errorf("not February's, or not marked late:\n%s", d.Text)
		}
	}
	w.expect(got, "karin", "Kwartaaloverzicht van alle meldingen* (Q1 2027)", "later dan gepland")
	if n := len(messages(got, "karin", "Kwartaaloverzicht")); n != 1 {
		t.Errorf("%d quarterly overviews, want 1", n)
	}
}

// Restarting in the middle of sending a month's prompts sends the rest and
// repeats none: each occurrence is stored with its message, one by one.
func TestRestartInTheMiddleOfSendingAMonthsPrompts(t *testing.T) {
	path := filepath.Join(t.TempDir(), "meldbot.db")
	s, err := storage.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	clock := bottest.NewClock(at(2026, 11, 27, 15, 0))
	crashing := &faultyStore{Store: s}
	h := bottest.New(t, bottest.WithStore(crashing), bottest.WithClock(clock))
	duties, err := schedules.Load(h.Org, "x")
	if err != nil {
		t.Fatal(err)
	}
	c := schedules.NewCycle(h.Bot, duties, clock, zerolog.Nop())
	if _, err := c.Tick(context.Background()); err != nil {
		t.Fatal(err)
	}
	clock.Set(at(2026, 12, 1, 9, 0))
	crashing.crashAfter(2) // the process dies after two of the three alarm tests
	if _, err := c.Tick(context.Background()); err == nil {
		t.Fatal("the tick did not fail")
	}
	s.Close()

	s, err = storage.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	h = bottest.New(t, bottest.WithStore(s), bottest.WithClock(clock))
	c = schedules.NewCycle(h.Bot, duties, clock, zerolog.Nop())
	n, err := c.Tick(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if n != 1 {
		t.Errorf("after the restart %d alarm tests were started, want the one left", n)
	}
	h.Flush()
	var f2 []string
	_ = s.View(context.Background(), func(tx bot.Tx) error {
		tasks, _ := tx.TasksOfRow("F2")
		for _, tk := range tasks {
			f2 = append(f2, tk.ID)
		}
		return nil
	})
	if strings.Join(f2, ",") != "F2/2026-12/stadhuis,F2/2026-12/werf,F2/2026-12/wijkpost" {
		t.Errorf("alarm tests stored: %v", f2)
	}
	// Every alarm test message went out once: the two sent before the crash
	// waited in the outbox of the data file.
	if got := len(messages(h.Received(), "linda", "*Alarmtest*")); got != 3 {
		t.Errorf("%d alarm test messages delivered after the restart, want 3", got)
	}
}

func TestRunTicksAtStartAndStops(t *testing.T) {
	w := newWorld(t)
	w.h.Clock.Set(at(2026, 12, 1, 9, 30)) // meldbot starts after the alarm tests were due
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { w.cycle.Run(ctx); close(done) }()
	bottest.WaitUntil(t, "Run stored the three alarm tests", func() bool {
		var n int
		_ = w.h.Store.View(context.Background(), func(tx bot.Tx) error {
			tasks, _ := tx.TasksOfRow("F2")
			n = len(tasks)
			return nil
		})
		return n == 3
	})
	cancel()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not stop")
	}
	w.h.Flush()
	if got := messages(w.h.Received(), "linda", "*Alarmtest*"); len(got) != 3 {
		t.Errorf("Run did not catch up at start: %d alarm tests", len(got))
	}
}

// /incident beleid shows the state of the cycle: what is overdue, open and
// done, and how the alarm tests went.
func TestPolicyShowsTheStateOfTheCycle(t *testing.T) {
	w := newWorld(t)
	w.liveUntil(at(2026, 12, 1, 9, 0))
	w.click("linda", "Alarmtest* — Stadhuis", "Alles werkt")
	w.liveUntil(at(2026, 12, 9, 10, 0))
	w.take()
	w.say("karin", "/incident beleid")
	d := w.expect(w.take(), "karin", "*Cyclus*")
	for _, want := range []string{
		"⚠️ Te laat:", "*F2* Alarmtest — Wijkpost Noord (dec 2026) — Linda Hendriks, uiterlijk ma 7 dec 2026, 17:00",
		"✓ Afgerond (laatste drie maanden):", "*F2* Alarmtest — Stadhuis (dec 2026) — Linda Hendriks, di 1 dec 2026, 09:00 — alles werkt",
	} {
		if !strings.Contains(d.Text, want) {
			t.Errorf("the policy view lacks %q:\n%s", want, d.Text)
		}
	}
}
