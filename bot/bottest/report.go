package bottest

import (
	"context"
	"strings"
	"testing"

	"meldbot/bot"
)

// DefaultAnswers answer every question of the report, by question ID, for
// a verbal aggression incident at the town hall that is not serious. An
// answer in brackets clicks a button; anything else is typed.
var DefaultAnswers = map[string]string{
	"categories":    "1",
	"channel":       "[Persoonlijk]",
	"when":          "[Zojuist]",
	"department":    "[Publiekszaken]",
	"location":      "[Stadhuis]",
	"location_text": "bij de klant thuis",
	"description":   "Een klant schold me uit aan de balie omdat zijn paspoort niet klaar was.",
	"party":         "[Een bekende burger of klant]",
	"party_name":    "klantnummer 123456",
	"party_count":   "[Eén persoon]",
	"weapon":        "[Nee]",
	"injury":        "[Nee]",
	"absence":       "[Nee]",
	"damage":        "[Nee]",
	"impact":        "[Weinig]",
	"witnesses":     "[Geen getuigen]",
	// A follow-up question of witnesses: "Bedoel je …?"
	"witnesses/followup": "[Ja]",
	"security":           "[Nee]",
	"workplace":          "[Nee]",
	"talk_now":           "[Nee, nu niet]",
	"police":             "[Nee]",
	"police_ref":         "[Weet ik niet]",
	"melding":            "[Nee]",
	"checkin":            "[Nee, dank je]",
}

// Report makes a report as who and sends it: it starts with "/incident"
// (or start, such as "/incident voor sanne"), answers each question the
// conversation is at from answers by question ID, falling back to
// DefaultAnswers, and confirms the summary. It returns the register number.
// Answers do not depend on the order of the questions.
func (h *Harness) Report(t testing.TB, who string, answers map[string]string, start ...string) string {
	t.Helper()
	u := h.User(who)
	cmd := "/incident"
	if len(start) > 0 {
		cmd = start[0]
	}
	h.act(t, u, cmd)
	h.AnswerUntil(t, who, answers, "summary")
	h.act(t, u, "[Versturen]")
	for _, d := range h.received {
		if i := strings.Index(d.Text, "GIR-"); i >= 0 && d.To == u.Key() {
			return d.Text[i : i+13]
		}
	}
	t.Fatalf("no number after sending:\n%s", FormatDeliveries(h.received))
	return ""
}

// AnswerUntil answers the questions of who's conversation in progress from
// answers by question ID, falling back to DefaultAnswers, until it is at
// question until ("summary" for the report's summary). A follow-up a
// question asks before its answer is stored (which of two times, who a name
// is, the rest of a long text) is answered from "<ID>/followup".
func (h *Harness) AnswerUntil(t testing.TB, who string, answers map[string]string, until string) {
	t.Helper()
	for range 40 {
		if h.Answer(t, who, answers, until) == until {
			return
		}
	}
	t.Fatalf("%s's conversation did not reach %q", who, until)
}

// Answer answers the question who's conversation is at, as AnswerUntil
// does, and returns its ID ("<ID>/followup" for a follow-up); at question
// until it answers nothing and returns until.
func (h *Harness) Answer(t testing.TB, who string, answers map[string]string, until string) string {
	t.Helper()
	u := h.User(who)
	var c bot.Conversation
	if err := h.Store.View(context.Background(), func(tx bot.Tx) (err error) { c, err = tx.Conversation(u.Key()); return err }); err != nil {
		t.Fatalf("%s has no conversation in progress: %v\n%s", who, err, FormatDeliveries(h.received))
	}
	if c.Step == until {
		return until
	}
	id := c.Step
	if c.Pending != nil {
		id += "/followup"
	}
	in, ok := answers[id]
	if !ok {
		in, ok = DefaultAnswers[id]
	}
	if !ok {
		t.Fatalf("no answer for question %q:\n%s", id, FormatDeliveries(h.received))
	}
	h.act(t, u, in)
	return id
}

// act types input as who, or clicks the button "[label]" on the latest
// message with buttons.
func (h *Harness) act(t testing.TB, who bot.User, input string) {
	t.Helper()
	var err error
	if label, ok := strings.CutPrefix(input, "["); ok && strings.HasSuffix(label, "]") {
		err = h.Click(who, strings.TrimSuffix(label, "]"))
	} else {
		err = h.Type(who, input)
	}
	if err != nil {
		t.Fatalf("%s> %s: %v", who.Email, input, err)
	}
}
