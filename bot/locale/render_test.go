package locale

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// samples are values for every placeholder the catalogue uses, as the code
// passes them: numbers where a text counts or compares, text elsewhere.
var samples = map[string]any{
	// Numbers.
	"Count": 2, "N": 1, "H": 3, "M": 20, "Year": 2026, "Done": 1, "Total": 8, "Shown": 10, "From": 6, "To": 10,
	"Page": 2, "Small": 5, "Late": 1, "Open": 4, "Overdue": 1, "OnTime": 3, "Pending": 2, "Max": 4000, "Length": 4321,
	"Record": 1,
	// Yes or no.
	"Personal": true, "Gone": true, "Busy": true, "Chosen": true, "HasLate": true,
	// Text.
	"Name": "Tom Smit", "Whose": "Toms", "Manager": "Henk de Boer", "Reporter": "Ahmed Ouali", "Coordinator": "Karin de Vries",
	"Email": "tom.smit@voorbeeldrode.nl", "Number": "GIR-2026-0042", "Numbers": "GIR-2026-0041, GIR-2026-0042",
	"Period": "Q3 2026", "Previous": "Q2 2026", "YearAgo": "Q3 2025", "Scope": "Publiekszaken", "Who": "Peter Bakker",
	"At": "vr 27 nov 2026, 15:00", "When": "vr 27 nov 2026, 14:30", "Due": "ma 30 nov 2026, 10:30", "Started": "vr 27 nov 2026, 15:00",
	"Until": "za 27 feb 2027", "Latest": "vr 27 nov 2036", "Now": "vr 27 nov 2026, 16:00", "First": "vr 27 nov 2026",
	"Last": "ma 30 nov 2026", "Day": "donderdag 26 november", "Second": "om 14:30 's middags", "Time": "14:30",
	"During": "'s middags", "Moment": "maandag 9:00", "Task": "Eerste opvang", "Note": "melding", "Where": "Stadhuis",
	"What": "Bedreiging", "Reasons": "fysiek geweld", "Percent": "25%", "Median": "35 min", "P90": "2 uur", "Picked": "10 min", "Tells": true, "Text": "Tekst",
	"Description": "Een klant schreeuwde.", "Department": "Publiekszaken", "Ref": "PV-2026-4711", "Reason": "al besproken",
	"Outcome": "Aangifte gedaan", "Measure": "Bezoek- of gebouwverbod", "List": "waarschuwingsbrief 2", "Kinds": "taak",
	"Defect": "alarmknop balie 3", "Org": "Gemeente Voorbeeldrode", "Role": "beveiliger", "Roles": "medewerker", "Item": "S4",
	"Lang": "Nederlands", "Typed": "Ahmed", "Answer": "Bedreiging", "Choice": "Ja", "Unknown": "banaan", "Word": "frobnicate",
	"Command": "/frobnicate", "Error": "schijf vol", "Path": "meldbot-files/overzicht.png", "Example": "karin",
	"End": "…en toen liep hij weg.", "After": "35 min", "Entries": "3 vermeldingen", "Format": "Excel",
	"Locations": "Stadhuis, Stadswinkel", "Messages": "2 berichten", "Other": "/incident export 2026-Q3 csv", "Reports": "12 meldingen",
	"Times": "2 keer",
}

// layout texts align columns with spaces on purpose.
var layout = []string{"console.banner", "console.help"}

// empty texts have nothing to say on purpose: the duty's own text replaces
// them.
var empty = []string{"task.duty.body", "task.alarm_test.body"}

// knownMistakes were found in the catalogue once; they must not come back.
var knownMistakes = map[Lang][]string{
	Dutch: {"Wordt jij", "wordt jij", "onder meer soorten", "1 meldingen", "1 taken", "1 berichten", "1 dagen",
		"1 vermeldingen", "1 mensen", "Tom's", "van Tom Smit,"},
	English: {"1 incidents", "1 reports", "1 tasks", "1 messages", "1 days", "1 entries", "1 people", "1 years"},
}

var (
	placeholderName = regexp.MustCompile(`\.([A-Z][A-Za-z0-9]*)`)
	spaceBefore     = regexp.MustCompile(` [.,;:!?)]`)
)

// Every text of the catalogue, rendered in both languages with sample
// values and with counts of 1 and 2, reads clean: no placeholder without a
// value, no empty text, no doubled spaces or words, no space before
// punctuation, and none of the mistakes found before.
func TestEveryTextRendersClean(t *testing.T) {
	c, err := NewCatalog()
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range Langs {
		raw := rawMessages(t, lang)
		for _, key := range c.Keys(lang) {
			var args []any
			for _, m := range placeholderName.FindAllStringSubmatch(templates(raw[key]), -1) {
				v, ok := samples[m[1]]
				if !ok {
					t.Errorf("%s %s: no sample for the placeholder %s; add one to the test", lang, key, m[1])
					continue
				}
				args = append(args, m[1], v)
			}
			for _, count := range []int{1, 2} {
				text := c.T(lang, key, append(slices.Clone(args), "Count", count)...)
				for _, p := range problems(lang, key, text) {
					t.Errorf("%s %s (Count %d): %s:\n%s", lang, key, count, p, text)
				}
			}
		}
	}
}

// problems lists what is wrong with a rendered text.
func problems(lang Lang, key, text string) []string {
	var out []string
	switch {
	case strings.HasPrefix(text, "⟦"):
		return []string{"does not render"}
	case strings.Contains(text, "<no value>"):
		out = append(out, "a placeholder without a value")
	case text == "" && !slices.Contains(empty, key):
		out = append(out, "empty")
	}
	if !slices.Contains(layout, key) {
		for _, line := range strings.Split(text, "\n") {
			if strings.Contains(line, "  ") || strings.TrimSpace(line) != strings.TrimLeft(line, " ") {
				out = append(out, "doubled or trailing spaces")
			}
		}
	}
	if m := spaceBefore.FindString(text); m != "" {
		out = append(out, "a space before punctuation: \""+m+"\"")
	}
	if w := doubledWord(text); w != "" {
		out = append(out, "a doubled word: "+w)
	}
	for _, m := range knownMistakes[lang] {
		if strings.Contains(text, m) {
			out = append(out, "a known mistake: "+m)
		}
	}
	return out
}

// reflexive words are written twice in a row rightly: "wat je je
// herinnert".
var reflexive = map[string]bool{"je": true}

// doubledWord returns a word written twice in a row ("de de"), or "".
func doubledWord(text string) string {
	fields := strings.Fields(strings.ToLower(text))
	for i := 1; i < len(fields); i++ {
		prev, cur := fields[i-1], strings.TrimRightFunc(fields[i], unicode.IsPunct)
		if prev == cur && len(cur) > 1 && unicode.IsLetter([]rune(cur)[0]) && !reflexive[cur] {
			return cur
		}
	}
	return ""
}

// templates returns the {{…}} actions of a text.
func templates(s string) string {
	var b strings.Builder
	for {
		i := strings.Index(s, "{{")
		if i < 0 {
			return b.String()
		}
		j := strings.Index(s[i:], "}}")
		if j < 0 {
			return b.String()
		}
		b.WriteString(s[i:i+j+2] + " ")
		s = s[i+j+2:]
	}
}
