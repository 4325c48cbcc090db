package bot_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"meldbot/bot"
	"meldbot/bot/bottest"
	"meldbot/bot/when"
)

// step types or clicks as who and checks the bot's reply to them contains
// every want. A want starting with "!" must not appear. "[label]" clicks a
// button of the latest message with buttons, "[label | part]" one of the
// latest message containing part.
func step(t *testing.T, h *bottest.Harness, who, input string, wants ...string) string {
	t.Helper()
	u := h.User(who)
	var err error
	if label, ok := strings.CutPrefix(input, "["); ok && strings.HasSuffix(label, "]") {
		label = strings.TrimSuffix(label, "]")
		if label, part, ok := strings.Cut(label, " | "); ok {
			// "[Gedaan | Incidentanalyse]": the button on the latest
			// message that mentions the part.
			err = h.ClickOn(u, part, label)
		} else {
			err = h.Click(u, label)
		}
	} else {
		err = h.Type(u, input)
	}
	if err != nil {
		t.Fatalf("%s> %s: %v", who, input, err)
	}
	var mine []string
	for _, d := range h.Received() {
		if d.To == u.Email {
			mine = append(mine, d.Text+"\n"+strings.Join(d.Choices, " | "))
		}
	}
	got := strings.Join(mine, "\n---\n")
	for _, w := range wants {
		if no, ok := strings.CutPrefix(w, "!"); ok {
			if strings.Contains(got, no) {
				t.Errorf("%s> %s: reply contains %q:\n%s", who, input, no, got)
			}
		} else if !strings.Contains(got, w) {
			t.Errorf("%s> %s: reply lacks %q:\n%s", who, input, w, got)
		}
	}
	return got
}

// toDescription walks Sanne's report up to the description question.
func toDescription(t *testing.T, h *bottest.Harness) {
	t.Helper()
	step(t, h, "sanne", "/incident", "Wat is er gebeurd?")
	step(t, h, "sanne", "1, 2", "Hoe was het contact?")
	step(t, h, "sanne", "[Persoonlijk]", "Wanneer gebeurde het?")
	step(t, h, "sanne", "vandaag 14:30", "Waar gebeurde het?")
	step(t, h, "sanne", "[Stadhuis]", "Vertel in je eigen woorden")
}

// toSummary answers every remaining question of a verbal-aggression report.
func toSummary(t *testing.T, h *bottest.Harness) {
	t.Helper()
	toDescription(t, h)
	h.AnswerUntil(t, "sanne", map[string]string{
		"description": "Een klant schold me uit aan de balie en sloeg met zijn vuist op de balie.", "party": "[Onbekend]",
	}, "summary")
	if !strings.Contains(strings.Join(h.Buttons(h.User("sanne")), "|"), "Versturen") {
		t.Fatalf("not at the summary; buttons %q", h.Buttons(h.User("sanne")))
	}
}

func storedIncident(t *testing.T, h *bottest.Harness, number string) bot.Incident {
	t.Helper()
	return bottest.Read(t, h.Store, func(tx bot.Tx) (bot.Incident, error) { return tx.Incident(number) })
}

func TestMatrix_E7_ReportConversation(t *testing.T) {
	h := bottest.New(t)
	bottest.Run(t, h, bottest.ReportScript, h.User)

	inc := storedIncident(t, h, "GIR-2026-0001")
	if inc.Reporter != "sanne.visser@voorbeeldrode.nl" || inc.Department() != "publiekszaken" || inc.Location() != "stadhuis" {
		t.Errorf("who/where = %q %q %q", inc.Reporter, inc.Department(), inc.Location())
	}
	if fmt.Sprint(inc.Categories()) != "[verbal threat]" || inc.Channel() != "in_person" || inc.Party() != "citizen" ||
		inc.Report.Text("party_name") != "klantnummer 123456" || inc.Police() != "undecided" || inc.Report.Key("impact") != "some" {
		t.Errorf("answers not stored as given: %+v", inc)
	}
	if !inc.Occurred().Time.Equal(bottest.Friday) || inc.Occurred().Precision != when.Minute {
		t.Errorf("occurred = %+v, want now", inc.Occurred())
	}
	if inc.Serious || inc.Status != bot.StatusOpen || !inc.ReportedAt.Equal(bottest.Friday) {
		t.Errorf("serious %v status %v reported %v", inc.Serious, inc.Status, inc.ReportedAt)
	}
	// The conversation is over: a new /incident starts a new report.
	step(t, h, "sanne", "/incident", "Goed dat je dit meldt", "!Je was al bezig")
}

// failingStore fails the transaction that saves a conversation, on demand:
// at PutConversation, or when committing after everything in it ran.
type failingStore struct {
	bot.Store
	failPut, failCommit bool
}

var errDiskFull = errors.New("disk full")

func (s *failingStore) Update(ctx context.Context, fn func(bot.Tx) error) error {
	return s.Store.Update(ctx, func(tx bot.Tx) error {
		w := &watchedTx{Tx: tx, fail: s.failPut}
		if err := fn(w); err != nil {
			return err
		}
		if s.failCommit && w.saved {
			return errDiskFull
		}
		return nil
	})
}

// watchedTx notes whether a conversation was saved, or fails saving it.
type watchedTx struct {
	bot.Tx
	fail, saved bool
}

func (tx *watchedTx) PutConversation(c bot.Conversation) error {
	if tx.fail {
		return errDiskFull
	}
	tx.saved = true
	return tx.Tx.PutConversation(c)
}

// An answer and the reply to it are stored together: when the answer
// cannot be saved, no reply is queued or sent, and the question stays open.
func TestReportAnswersAreSavedBeforeTheReply(t *testing.T) {
	s := &failingStore{Store: bottest.NewMemStore()}
	h := bottest.New(t, bottest.WithStore(s))
	toDescription(t, h)
	conversation := func() bot.Conversation {
		t.Helper()
		var c bot.Conversation
		if err := h.Store.View(context.Background(), func(tx bot.Tx) error {
			var err error
			c, err = tx.Conversation("sanne.visser@voorbeeldrode.nl")
			return err
		}); err != nil {
			t.Fatal(err)
		}
		return c
	}
	if c := conversation(); c.Step != "description" || c.Answers["location"].Key() != "stadhuis" || c.Answers["when"].Moment == nil {
		t.Errorf("stored conversation = %+v", c)
	}
	answer := bot.Text{User: h.User("sanne"), Body: "Een klant schreeuwde aan de balie en dreigde me op te wachten."}
	for _, fail := range []struct {
		name        string
		put, commit bool
	}{{"saving the conversation fails", true, false}, {"the commit fails", false, true}} {
		sent := len(h.Chat.Sent())
		s.failPut, s.failCommit = fail.put, fail.commit
		if err := h.Bot.Handle(context.Background(), answer); !errors.Is(err, errDiskFull) {
			t.Errorf("%s: Handle = %v, want the store's error", fail.name, err)
		}
		s.failPut, s.failCommit = false, false
		if out := bottest.Pending(t, h.Store); len(out) != 0 {
			t.Errorf("%s: the outbox holds %+v", fail.name, out)
		}
		h.Flush()
		if got := h.Chat.Sent()[sent:]; len(got) != 0 {
			t.Errorf("%s: sent %+v", fail.name, got)
		}
		if c := conversation(); c.Step != "description" || c.Answers["description"].Text != "" {
			t.Errorf("%s: stored conversation = %+v", fail.name, c)
		}
	}
	h.Handle(answer)
	h.Expect(t, "sanne", "Wie was de andere partij?")
}

func TestReportBack(t *testing.T) {
	h := bottest.New(t)
	step(t, h, "sanne", "/incident")
	step(t, h, "sanne", "terug", "Dit is de eerste vraag", "Wat is er gebeurd?")
	step(t, h, "sanne", "[Bedreiging]")
	step(t, h, "sanne", "[Verder]", "Hoe was het contact?")
	step(t, h, "sanne", "[Telefonisch]", "Wanneer gebeurde het?")
	step(t, h, "sanne", "back", "Hoe was het contact?", "(Je vorige antwoord: Telefonisch)")
	step(t, h, "sanne", "terug", "Wat is er gebeurd?", "(Je vorige antwoord: Bedreiging)")
	// Answering again goes on to the first unanswered question: nothing is
	// asked twice.
	step(t, h, "sanne", "2", "Wanneer gebeurde het?", "!Hoe was het contact?")
	step(t, h, "sanne", "Vorige", "Hoe was het contact?", "(Je vorige antwoord: Telefonisch)")
	step(t, h, "sanne", "[Persoonlijk]", "Wanneer gebeurde het?")
}

func TestReportCancel(t *testing.T) {
	h := bottest.New(t)
	toDescription(t, h)
	step(t, h, "sanne", "stop", "Weet je zeker dat je wilt stoppen?", "Ja, stoppen | Nee, doorgaan")
	step(t, h, "sanne", "[Nee, doorgaan]", "Goed, we gaan verder.", "Vertel in je eigen woorden")
	step(t, h, "sanne", "/incident stop", "Weet je zeker dat je wilt stoppen?")
	step(t, h, "sanne", "ja", "Je melding is gestopt en niet verstuurd")
	step(t, h, "sanne", "/incident stop", "niets te stoppen")
	// Nothing was registered, and a new report starts from the beginning.
	step(t, h, "sanne", "/incident", "Goed dat je dit meldt", "Wat is er gebeurd?", "!Je was al bezig")
	_ = h.Store.View(context.Background(), func(tx bot.Tx) error {
		if _, err := tx.Incident("GIR-2026-0001"); err == nil {
			t.Error("a cancelled report was registered")
		}
		return nil
	})
}

func TestReportChangeAnswer(t *testing.T) {
	h := bottest.New(t)
	toSummary(t, h)
	step(t, h, "sanne", "[Antwoord wijzigen]", "Welk antwoord wil je wijzigen?", "Wanneer", "Beschrijving")
	step(t, h, "sanne", "[Wanneer]", "Wanneer gebeurde het?", "(Je vorige antwoord: vr 27 nov 2026, 14:30)")
	// A clock time that fits twice is asked about, then shown as
	// understood before anything else.
	step(t, h, "sanne", "gisteren 9:15", "*Bedoel je donderdag 26 november om 09:15 's ochtends of om 21:15 's avonds?*", "09:15 | 21:15")
	step(t, h, "sanne", "[09:15]", "Genoteerd: donderdag 26 november, 09:15", "Samenvatting van je melding", "Wanneer: do 26 nov 2026, 09:15")

	// A change that opens a new question asks it, then returns.
	step(t, h, "sanne", "[Antwoord wijzigen]")
	step(t, h, "sanne", "[Aangifte]", "Doe je aangifte bij de politie?")
	step(t, h, "sanne", "[Ik heb al aangifte gedaan]", "Wat is het registratienummer", "!Samenvatting")
	step(t, h, "sanne", "PL0900-2026123456", "Samenvatting van je melding", "Registratienummer: PL0900-2026123456",
		"!Melding bij politie")
	step(t, h, "sanne", "[Antwoord wijzigen]")
	step(t, h, "sanne", "[Wat]", "Wat is er gebeurd?")
	step(t, h, "sanne", "1, 6", "Samenvatting van je melding", "Wat: Verbale agressie, Fysiek geweld",
		"Deze melding wordt als *ernstig* aangemerkt: fysiek geweld")

	// Back from the list of answers returns to the summary.
	step(t, h, "sanne", "[Antwoord wijzigen]")
	step(t, h, "sanne", "terug", "Samenvatting van je melding")
	step(t, h, "sanne", "[Versturen]", "GIR-2026-0001")
	inc := storedIncident(t, h, "GIR-2026-0001")
	if !inc.Serious || inc.Occurred().Time.Day() != 26 || inc.Police() != "done" || inc.Report.Text("police_ref") != "PL0900-2026123456" {
		t.Errorf("changed answers not registered: serious %v, occurred %v", inc.Serious, inc.Occurred().Time)
	}
}

func TestMatrix_E10_UnsafeSituationIsALighterReport(t *testing.T) {
	h := bottest.New(t)
	step(t, h, "tom", "/incident")
	step(t, h, "tom", "onveilige situatie", "Wanneer gebeurde het?", "!Hoe was het contact?")
	step(t, h, "tom", "vanochtend", "Waar gebeurde het?")
	step(t, h, "tom", "[Gemeentewerf]", "Vertel in je eigen woorden")
	step(t, h, "tom", "De alarmknop in de kantine van de werf werkt niet en de nooduitgang is geblokkeerd.",
		"Moet de werkplek worden aangepast?", "!beveiliger")
	got := step(t, h, "tom", "[Ja]", "Samenvatting van je melding", "Werkplek aanpassen: Ja", "Wat: Onveilige situatie", "Wanneer: vr 27 nov 2026, ochtend", "Afdeling: Openbare Ruimte")
	for _, absent := range []string{"Andere partij", "Letsel", "Aangifte", "Getuigen"} {
		if strings.Contains(got, absent) {
			t.Errorf("the unsafe-situation summary asks about %s:\n%s", absent, got)
		}
	}
	step(t, h, "tom", "[Versturen]", "GIR-2026-0001")
	inc := storedIncident(t, h, "GIR-2026-0001")
	if !bot.OnlyUnsafe(inc.Categories()) || inc.Police() != "" || inc.Serious {
		t.Errorf("incident = %+v", inc)
	}
}

func TestReportBadInput(t *testing.T) {
	long := strings.Repeat("a", bot.MaxInput+1)
	tests := []struct {
		name  string
		at    func(*testing.T, *bottest.Harness)
		input string
		wants []string
		reask string
	}{
		{"unknown choice", toCategory, "banaan", []string{`Ik herken "banaan" niet als keuze`}, "Wat is er gebeurd?"},
		{"number out of range", toCategory, "1, 12", []string{`Ik herken "12" niet`}, "Wat is er gebeurd?"},
		{"continue with nothing ticked", toCategory, "[Verder]", []string{"Kies eerst minstens één mogelijkheid"}, "Wat is er gebeurd?"},
		{"unreadable time", toWhen, "weet ik niet meer", []string{"Dat tijdstip kan ik niet lezen", "een kwartier geleden"}, "Wanneer gebeurde het?"},
		{"time in the future", toWhen, "morgen 10:00", []string{"Dat tijdstip ligt nog in de toekomst"}, "Wanneer gebeurde het?"},
		{"later today", toWhen, "vandaag 16:00", []string{"ligt nog in de toekomst"}, "Wanneer gebeurde het?"},
		{"date that does not exist", toWhen, "31-02 10:00", []string{"Die datum bestaat niet"}, "Wanneer gebeurde het?"},
		{"more than a year ago", toWhen, "01-01-2024", []string{"meer dan een jaar geleden"}, "Wanneer gebeurde het?"},
		{"description too short", toDescription, "boos", []string{"Dat is wat kort", "minstens 10 tekens"}, "Vertel in je eigen woorden"},
		{"message too long", toWhen, long, []string{"Je bericht is te lang: 4001 tekens, terwijl er 4000 passen"}, "Wanneer gebeurde het?"},
		{"control characters", toDescription, "Hij riep\x1b[31m iets \x07", []string{"onzichtbare stuurtekens"}, "Vertel in je eigen woorden"},
		{"invalid utf-8", toDescription, "Hij riep \xff\xfe iets", []string{"tekens die ik niet kan lezen"}, "Vertel in je eigen woorden"},
		{"unknown single choice", toChannel, "per duif", []string{"Dat herken ik niet als een van de keuzes"}, "Hoe was het contact?"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := bottest.New(t)
			tt.at(t, h)
			step(t, h, "sanne", tt.input, append(tt.wants, tt.reask)...)
			// Nothing was stored for the bad answer: the conversation is
			// still at the same question.
			var c bot.Conversation
			_ = h.Store.View(context.Background(), func(tx bot.Tx) error {
				var err error
				c, err = tx.Conversation("sanne.visser@voorbeeldrode.nl")
				return err
			})
			if want := stepOf(tt.reask); c.Step != want {
				t.Errorf("step after bad input = %q, want %q", c.Step, want)
			}
		})
	}
}

func stepOf(question string) string {
	switch question {
	case "Wat is er gebeurd?":
		return "categories"
	case "Hoe was het contact?":
		return "channel"
	case "Wanneer gebeurde het?":
		return "when"
	}
	return "description"
}

func toCategory(t *testing.T, h *bottest.Harness) { step(t, h, "sanne", "/incident") }

func toChannel(t *testing.T, h *bottest.Harness) {
	step(t, h, "sanne", "/incident")
	step(t, h, "sanne", "1")
}

func toWhen(t *testing.T, h *bottest.Harness) {
	toChannel(t, h)
	step(t, h, "sanne", "[Persoonlijk]", "Wanneer gebeurde het?")
}

func TestReportHelpAtEveryStep(t *testing.T) {
	h := bottest.New(t)
	step(t, h, "sanne", "/incident")
	answers := []struct{ answer, help string }{
		{"1, 2, 6, 7", "Verbale agressie is schelden"},
		{"[Persoonlijk]", "persoonlijk (aan de balie"},
		{"[Zojuist]", "Typ de dag en de tijd zoals je ze zou zeggen"},
		{"[Stadhuis]", "Kies het gebouw of de locatie"},
		{"Een bezoeker sloeg een collega en gooide een stoel door de hal van het stadhuis.", "Schrijf op wat je je herinnert"},
		{"[Een collega]", "Een bekende burger of klant is"},
		{"[Overslaan]", "Alleen wie je melding afhandelt ziet dit"},
		{"[Twee of drie]", "Tel de mensen die agressief waren"},
		{"[Ja]", "Ook dreigen met een voorwerp telt"},
		{"[Ja, licht letsel]", "Licht letsel is bijvoorbeeld"},
		{"[Weet ik nog niet]", "Het gaat om verzuim"},
		{"[Veel]", "Ook als het nu meevalt"},
		{"Fatima en een bezoeker", "Getuigen kunnen je melding bevestigen"},
		{"[Ja]", "Getuigen kunnen je melding bevestigen"}, // Bedoel je Fatima El Amrani?
		{"[Ja]", "Kies *Ja* als een beveiliger heeft ingegrepen"},
		{"[Nee]", "Kies *Ja* als de plek zelf bijdroeg"},
		{"[Ja, graag]", "Kies *Ja, graag* als je nu meteen behoefte hebt"},
		{"[Ik heb al aangifte gedaan]", "Bij aangifte vraag je de politie"},
		{"PL0900-2026123456", "Het nummer staat op het bewijs van aangifte"},
		{"[Nee, dank je]", "Ik stuur je dan een kort berichtje"},
		{"[Antwoord wijzigen]", "Controleer je antwoorden"},
		{"[Terug naar de samenvatting]", "Kies het antwoord dat je wilt wijzigen"},
		{"[Melding stoppen]", "Controleer je antwoorden"},
		{"[Nee, doorgaan]", "Kies *Ja, stoppen* om de melding weg te gooien"},
	}
	for _, a := range answers {
		// help explains the question, lists the words that always work, and
		// asks the same question again, with its buttons.
		before := h.Buttons(h.User("sanne"))
		step(t, h, "sanne", "help", a.help, "Je kunt altijd typen: *terug*")
		if after := h.Buttons(h.User("sanne")); strings.Join(after, "|") != strings.Join(before, "|") {
			t.Errorf("help changed the buttons from %q to %q", before, after)
		}
		step(t, h, "sanne", a.answer)
	}
	step(t, h, "sanne", "[Versturen]", "GIR-2026-0001")
}

func TestReportInEnglish(t *testing.T) {
	h := bottest.New(t)
	step(t, h, "sanne", "/incident taal en", "From now on I'll speak English with you.")
	step(t, h, "sanne", "/incident", "Thank you for reporting this", "What happened?", "Verbal aggression", "Continue")
	step(t, h, "sanne", "threat, verbal", "How was the contact?")
	step(t, h, "sanne", "[In person]", "When did it happen?")
	step(t, h, "sanne", "yesterday 9:15", "*Do you mean Thursday 26 November at 09:15 in the morning or at 21:15 in the evening?*")
	step(t, h, "sanne", "in the morning", "Noted: Thursday 26 November, 09:15", "Where did it happen?", "Somewhere else")
	step(t, h, "sanne", "[Somewhere else]", "Where exactly?")
	step(t, h, "sanne", "At a client's home in Dorpsstraat", "Tell in your own words")
	step(t, h, "sanne", "The client shouted that he would find out where I live.", "Who was the other party?")
	for _, in := range []string{"[Unknown]", "[One person]", "[No]", "[No]", "[No]", "[No]", "[Some]", "[No witnesses]", "[No]", "[No]", "[Not now]"} {
		step(t, h, "sanne", in)
	}
	step(t, h, "sanne", "back", "Would you like to talk to someone now?", "(Your previous answer: No)")
	step(t, h, "sanne", "no", "Will you report it to the police?", "VPT code")
	step(t, h, "sanne", "[I'm not sure yet]", "May I ask in a few days how you're doing?")
	step(t, h, "sanne", "[No, thanks]", "Summary of your report", "When: Thu 26 Nov 2026, 09:15",
		"Place (details): At a client's home in Dorpsstraat", "Department: Publiekszaken")
	step(t, h, "sanne", "[Send]", "Your report has been registered as number *GIR-2026-0001*")
	// The coordinator still reads Dutch.
	if _, err := h.Await(h.User("karin"), "Nieuwe melding *GIR-2026-0001*"); err != nil {
		t.Error(err)
	}
	// A person set to English in the organisation file gets English at once.
	step(t, h, "alex", "/incident", "What happened?")
	step(t, h, "alex", "/incident taal nl", "Vanaf nu spreek ik Nederlands met je.", "Wat is er gebeurd?")
	step(t, h, "alex", "/incident taal fries", "Die taal ken ik niet")
}

func TestMatrix_C5_EveryReportReachesTheCoordinatorAtOnce(t *testing.T) {
	h := bottest.New(t)
	toSummary(t, h)
	step(t, h, "sanne", "[Als ernstig markeren]", "Deze melding wordt als *ernstig* aangemerkt: door de melder als ernstig aangemerkt", "Niet als ernstig markeren")
	step(t, h, "sanne", "[Versturen]", "GIR-2026-0001")
	notice, err := h.Await(h.User("karin"), "🚨 *ERNSTIG* — nieuwe melding *GIR-2026-0001* (door de melder als ernstig aangemerkt)")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Wat: Verbale agressie, Bedreiging", "Wanneer: vr 27 nov 2026, 14:30", "Waar: Publiekszaken, Stadhuis",
		"Gemeld door: Sanne Visser (sanne.visser@voorbeeldrode.nl)"} {
		if !strings.Contains(notice.Text, want) {
			t.Errorf("coordinator notice lacks %q:\n%s", want, notice.Text)
		}
	}
	// A report that is not serious is not marked.
	h2 := bottest.New(t)
	toSummary(t, h2)
	step(t, h2, "sanne", "[Versturen]")
	if _, err := h2.Await(h2.User("karin"), "📋 Nieuwe melding *GIR-2026-0001*"); err != nil {
		t.Error(err)
	}
}

func TestIncidentNumbersAreSequentialAndNeverReused(t *testing.T) {
	h := bottest.New(t)
	var got []string
	for i := range 4 {
		toSummary(t, h)
		if i == 1 {
			// A cancelled report takes no number.
			step(t, h, "sanne", "[Melding stoppen]")
			step(t, h, "sanne", "[Ja, stoppen]", "Je melding is gestopt")
			continue
		}
		out := step(t, h, "sanne", "[Versturen]", "Je melding is geregistreerd")
		got = append(got, out[strings.Index(out, "GIR-"):][:13])
	}
	if want := "[GIR-2026-0001 GIR-2026-0002 GIR-2026-0003]"; fmt.Sprint(got) != want {
		t.Errorf("numbers = %v, want %v", got, want)
	}
	// A new year starts at 0001, reported on New Year's Day.
	h.Clock.Set(time.Date(2027, 1, 1, 10, 0, 0, 0, h.Org.TimeZone))
	step(t, h, "sanne", "/incident")
	step(t, h, "sanne", "8", "Wanneer gebeurde het?")
	step(t, h, "sanne", "gisteren 23:30")
	step(t, h, "sanne", "[Stadhuis]")
	step(t, h, "sanne", "Het slot van de spreekkamer is kapot, je kunt er niet uit als het misgaat.")
	step(t, h, "sanne", "[Ja]", "Samenvatting")
	step(t, h, "sanne", "[Versturen]", "GIR-2027-0001")
	// The incident is dated in 2026, registered in 2027.
	if inc := storedIncident(t, h, "GIR-2027-0001"); inc.Occurred().Time.Year() != 2026 {
		t.Errorf("occurred %v", inc.Occurred().Time)
	}
}

func TestButtonsOfEarlierQuestions(t *testing.T) {
	h := bottest.New(t)
	sanne := h.User("sanne")
	step(t, h, "sanne", "/incident")
	step(t, h, "sanne", "[Bedreiging]")
	step(t, h, "sanne", "[Verder]")
	// Find the categories question's "Verder" value and click it again.
	var old bot.Action
	for _, s := range h.Chat.Sent() {
		for _, c := range s.Message.Choices {
			if c.Label == "Verder" && !s.Update {
				old = bot.Action{User: sanne, Ref: s.Ref, Value: c.Value}
			}
		}
	}
	h.Handle(old)
	if _, err := h.Await(sanne, "Die knop hoort bij een eerdere vraag"); err != nil {
		t.Error(err)
	}
	if _, err := h.Await(sanne, "Hoe was het contact?"); err != nil {
		t.Error(err)
	}
	// After the report is stopped, its buttons say so.
	step(t, h, "sanne", "stop")
	step(t, h, "sanne", "[Ja, stoppen]")
	h.Handle(old)
	if _, err := h.Await(sanne, "hoort bij een melding die al verstuurd of gestopt is"); err != nil {
		t.Error(err)
	}
}

func TestResumeAReportInProgress(t *testing.T) {
	h := bottest.New(t)
	toDescription(t, h)
	step(t, h, "sanne", "/incident", "Je was al bezig met een melding", "Vertel in je eigen woorden", "!Wat is er gebeurd?")
}

// Stopping a task form started halfway a report gives the report back in
// one message: first that nothing was recorded, then the report's question.
func TestStoppingATaskFormGivesTheReportBack(t *testing.T) {
	h := bottest.New(t)
	policeFormOverAReport(t, h)
	step(t, h, "peter", "stop", "Gestopt; er is niets vastgelegd", "We gaan verder met je melding", "Hoe was het contact?")
	var got []string
	for _, d := range h.Received() {
		if d.To == "peter.bakker@voorbeeldrode.nl" && !d.Update {
			got = append(got, d.Text)
		}
	}
	if len(got) != 1 {
		t.Fatalf("Peter received %d messages, want one:\n%s", len(got), strings.Join(got, "\n---\n"))
	}
	if strings.Index(got[0], "Gestopt") > strings.Index(got[0], "Hoe was het contact?") || strings.Contains(got[0], "Vastgelegd") {
		t.Errorf("want: stopped, nothing recorded, then the report's question; got:\n%s", got[0])
	}
	step(t, h, "peter", "[Telefonisch]", "Wanneer gebeurde het?")
}

func TestOutsideAReport(t *testing.T) {
	h := bottest.New(t)
	step(t, h, "sanne", "hallo", "Hallo Sanne!", "Incident melden")
	step(t, h, "sanne", "[Incident melden]", "Wat is er gebeurd?")
	h2 := bottest.New(t)
	step(t, h2, "peter", "help", "Met meldbot meld je", "/incident taal en")
	step(t, h2, "peter", "/incident frobnicate", `Ik ken de opdracht "frobnicate" niet.`, "Wat je kunt typen")
	step(t, h2, "peter", "/incident help", "Wat je kunt typen")
	step(t, h2, "onbekend@voorbeeldrode.nl", "/incident", "Wat is er gebeurd?")
	step(t, h2, "onbekend@voorbeeldrode.nl", "9", "Hoe was het contact?")
	step(t, h2, "onbekend@voorbeeldrode.nl", "[Telefonisch]", "Wanneer gebeurde het?")
	step(t, h2, "onbekend@voorbeeldrode.nl", "nu", "Bij welke afdeling werk je?", "Publiekszaken", "Andere afdeling")
	if got := h2.Bot.CommandAck(context.Background(), h2.User("alex")); got != "I'll answer you in a direct message." {
		t.Errorf("ack for Alex = %q", got)
	}
}

func TestTheFailureNoticeIsInThePersonsLanguage(t *testing.T) {
	h := bottest.New(t)
	ctx := context.Background()
	if got := h.Bot.FailureNotice(ctx, h.User("sanne")); !strings.Contains(got, "Door een storing") || !strings.Contains(got, "opnieuw") {
		t.Errorf("notice for Sanne = %q, want Dutch, asking to send it again", got)
	}
	if got := h.Bot.FailureNotice(ctx, h.User("alex")); !strings.Contains(got, "send it again") {
		t.Errorf("notice for Alex = %q, want English", got)
	}
}

func TestPeopleAreServedInParallel(t *testing.T) {
	h := bottest.New(t)
	ctx := context.Background()
	people := []string{"sanne", "tom", "alex", "peter", "karin", "linda", "ahmed", "mark"}
	errs := make(chan error, len(people))
	for _, who := range people {
		go func() {
			u := h.User(who)
			for _, ev := range []bot.Event{
				bot.Command{User: u},
				bot.Text{User: u, Body: "8"},
				bot.Text{User: u, Body: "vanochtend"},
				bot.Text{User: u, Body: "Andere afdeling"},
				bot.Text{User: u, Body: "1"},
				bot.Text{User: u, Body: "De deur van de spreekkamer klemt en gaat niet open."},
				bot.Text{User: u, Body: "nee"},
			} {
				if err := h.Bot.Handle(ctx, ev); err != nil {
					errs <- err
					return
				}
			}
			errs <- nil
		}()
	}
	for range people {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	numbers := map[string]bool{}
	for _, who := range people {
		u := h.User(who)
		var c bot.Conversation
		_ = h.Store.View(ctx, func(tx bot.Tx) error { var err error; c, err = tx.Conversation(u.Key()); return err })
		if c.Step != "summary" {
			t.Fatalf("%s is at %q, want the summary", who, c.Step)
		}
		if err := h.Bot.Handle(ctx, bot.Text{User: u, Body: "1"}); err != nil { // the first button: send
			t.Fatal(err)
		}
	}
	_ = h.Store.View(ctx, func(tx bot.Tx) error {
		for i := 1; i <= len(people); i++ {
			inc, err := tx.Incident(bot.IncidentNumber(2026, i))
			if err != nil {
				t.Errorf("GIR-2026-%04d: %v", i, err)
			}
			numbers[string(inc.Reporter)] = true
		}
		return nil
	})
	if len(numbers) != len(people) {
		t.Errorf("%d reporters among %d incidents", len(numbers), len(people))
	}
}
