package bot_test

import (
	"strings"
	"testing"

	"meldbot/bot/bottest"
)

// defaultAnswers answer every question of the report for a verbal
// aggression incident that is not serious. Keys are parts of the question.
var defaultAnswers = map[string]string{
	"Wat is er gebeurd?":                 "1",
	"Hoe was het contact?":               "[Persoonlijk]",
	"Wanneer gebeurde het?":              "[Zojuist]",
	"werk je?":                           "[Publiekszaken]",
	"werkt ":                             "[Publiekszaken]",
	"Waar gebeurde het?":                 "[Stadhuis]",
	"Waar precies?":                      "bij de klant thuis",
	"Vertel in je eigen woorden":         "Een klant schold me uit aan de balie omdat zijn paspoort niet klaar was.",
	"Wie was de andere partij?":          "[Een bekende burger of klant]",
	"naam of het klantnummer":            "klantnummer 123456",
	"Om hoeveel personen":                "[Eén persoon]",
	"wapen":                              "[Nee]",
	"gewond geraakt?":                    "[Nee]",
	"Verzuim":                            "[Nee]",
	"materiële schade":                   "[Nee]",
	"Hoeveel impact":                     "[Weinig]",
	"Waren er getuigen?":                 "[Geen getuigen]",
	"beveiliger bij betrokken?":          "[Nee]",
	"aanpassing van de werkplek":         "[Nee]",
	"nu iemand spreken?":                 "[Nee, nu niet]",
	"aangifte bij de politie?":           "[Nee]",
	"registratienummer van de aangifte?": "[Weet ik niet]",
	"als melding?":                       "[Nee]",
	"Mag ik over een paar dagen vragen":  "[Nee, dank je]",
}

// file makes a report as who, answering each question from answers (parts
// of the question mapped to an input), falling back to defaultAnswers, and
// sends it. It returns the register number.
func file(t *testing.T, h *bottest.Harness, who string, answers map[string]string, start ...string) string {
	t.Helper()
	u := h.User(who)
	cmd := "/incident"
	if len(start) > 0 {
		cmd = start[0]
	}
	if err := h.Type(u, cmd); err != nil {
		t.Fatal(err)
	}
	for range 40 {
		var question string
		for _, d := range h.Received() {
			if d.To == u.Key() && !d.Update {
				question = d.Text
			}
		}
		if strings.Contains(question, "Samenvatting van je melding") {
			step(t, h, who, "[Versturen]")
			for _, d := range h.Received() {
				if i := strings.Index(d.Text, "GIR-"); i >= 0 && d.To == u.Key() {
					return d.Text[i : i+13]
				}
			}
			t.Fatalf("no number after sending:\n%s", bottest.FormatDeliveries(h.Received()))
		}
		input := ""
		for _, set := range []map[string]string{answers, defaultAnswers} {
			for part, in := range set {
				if strings.Contains(question, part) && input == "" {
					input = in
				}
			}
			if input != "" {
				break
			}
		}
		if input == "" {
			t.Fatalf("no answer for question:\n%s", question)
		}
		step(t, h, who, input)
	}
	t.Fatal("the report did not end")
	return ""
}
