package main

import (
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

// step is a line typed in the README's console session and how much of
// what it brings the README shows.
type step struct {
	line string
	// keep is how many lines of each message show, the rest shortened to
	// "…"; 0 shows everything, and hide shows neither the line nor what
	// it brings.
	keep int
}

const hide = -1

// readmeSessions are the console sessions the README shows, by the name
// of their block: a report on a Friday afternoon, then what follows it on
// Monday and on the first working day of the month.
var readmeSessions = []struct {
	name  string
	steps []step
}{
	{"console-session", []step{
		{"/incident", 5}, {"2", 4}, {"Verder", 0}, {"Persoonlijk", 0}, {"gisteren om kwart voor vijf", 0}, {"2", 0},
		{"Stadhuis", hide}, {"Een klant werd boos aan de balie en zei dat hij me na het werk zou opwachten.", hide},
		{"Een bekende burger of klant", hide}, {"klantnummer 123456", hide}, {"Eén persoon", hide},
		{"Nee", hide}, {"Nee", hide}, {"Nee", hide}, {"Nee", hide}, {"Enigszins", hide},
		{"Tom van de balie ernaast", 0}, {"Ja", 1}, {"Nee", hide}, {"Nee", hide}, {"Nee, nu niet", hide},
		{"Ik twijfel nog", hide}, {"Ja, graag", hide}, {"Versturen", 0},
	}},
	{"after-a-report", []step{
		{"/als peter", 0},
		{"/tijd maandag 12:00", 2},
		{"Ik pak het op", 0},
		{"/tijd dinsdag 9:00", 2},
		{"/als linda", 0},
		{"A1", 0},
	}},
}

// readmeStart is when the README's session begins: a Friday afternoon.
const readmeStart = "2026-11-27 16:00"

// The README's console transcript is what the console prints: the test
// plays the session and compares. MELDBOT_UPDATE_README=1 writes it into
// README.md instead.
func TestREADMETranscript(t *testing.T) {
	var lines []string
	for _, s := range readmeSessions {
		for _, st := range s.steps {
			lines = append(lines, st.line)
		}
	}
	out := consoleSession(t, readmeStart, lines...)
	chunks := splitSession(t, out, lines)
	const path = "../../README.md"
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	i := 0
	for n, s := range readmeSessions {
		var b strings.Builder
		if n == 0 {
			b.WriteString(abridge(chunks[0], 0) + "\n") // the banner
		}
		hidden := false
		for _, st := range s.steps {
			i++
			if st.keep == hide {
				if !hidden {
					b.WriteString("\n…\n")
				}
				hidden = true
				continue
			}
			hidden = false
			b.WriteString("\n" + abridge(chunks[i], st.keep) + "\n")
		}
		want := strings.TrimPrefix(b.String(), "\n")
		var ok bool
		if readme, ok = replaceBlock(readme, s.name, want); !ok {
			t.Fatalf("README.md has no block %q: put the lines %q and %q around a fenced block", s.name, beginMarker(s.name), endMarker)
		}
	}
	if readme == string(data) {
		return
	}
	if os.Getenv("MELDBOT_UPDATE_README") == "1" {
		if err := os.WriteFile(path, []byte(readme), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Log("README.md updated")
		return
	}
	t.Errorf("README.md's console transcript is not what the console prints; to update it, run\n"+
		"  MELDBOT_UPDATE_README=1 go test ./cmd/meldbot -run TestREADMETranscript\n%s", firstDifference(string(data), readme))
}

// splitSession cuts a piped session's output into the banner and what
// each typed line brought, starting with the line as it was echoed.
func splitSession(t *testing.T, out string, lines []string) []string {
	t.Helper()
	chunks := []string{""}
	next := 0
	for _, l := range strings.Split(out, "\n") {
		if m := echoLine.FindStringSubmatch(l); m != nil && next < len(lines) && m[2] == lines[next] {
			chunks = append(chunks, "")
			next++
		}
		chunks[len(chunks)-1] += l + "\n"
	}
	if next != len(lines) {
		t.Fatalf("only %d of %d lines echoed:\n%s", next, len(lines), out)
	}
	for i := range chunks {
		chunks[i] = strings.TrimRight(chunks[i], "\n")
	}
	return chunks
}

// readmeWidth is the widest a line of the README's transcript is.
const readmeWidth = 100

// abridge shortens what a line brought: each message to its first keep
// lines (all when keep is 0) and every line to readmeWidth characters.
func abridge(chunk string, keep int) string {
	var out []string
	inMessage, kept := false, 0
	for _, l := range strings.Split(chunk, "\n") {
		continuation := strings.HasPrefix(l, "   ") || l == "" && inMessage
		if !continuation {
			inMessage, kept = true, 0
		}
		kept++
		switch {
		case keep == 0 || kept <= keep:
			out = append(out, shorten(l))
		case kept == keep+1:
			out = append(out, "   …")
		}
	}
	return strings.Join(out, "\n")
}

// shorten cuts a line longer than readmeWidth at a space, with "…".
func shorten(l string) string {
	if utf8.RuneCountInString(l) <= readmeWidth {
		return l
	}
	r := []rune(l)[:readmeWidth-2]
	cut := strings.LastIndex(string(r), " ")
	if cut < 0 {
		cut = len(string(r))
	}
	return strings.TrimRight(string(r)[:cut], " ,;:") + " …"
}

const endMarker = "<!-- end of transcript -->"

func beginMarker(name string) string {
	return "<!-- transcript " + name + ": made by TestREADMETranscript in cmd/meldbot -->"
}

// replaceBlock puts text in the fenced block between the markers of name.
func replaceBlock(readme, name, text string) (string, bool) {
	re := regexp.MustCompile(`(?s)(` + regexp.QuoteMeta(beginMarker(name)) + "\n```\n).*?(```\n" + regexp.QuoteMeta(endMarker) + ")")
	if !re.MatchString(readme) {
		return readme, false
	}
	return re.ReplaceAllLiteralString(readme, beginMarker(name)+"\n```\n"+text+"```\n"+endMarker), true
}

// firstDifference shows where two texts part.
func firstDifference(have, want string) string {
	h, w := strings.Split(have, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(h) || i < len(w); i++ {
		var a, b string
		if i < len(h) {
			a = h[i]
		}
		if i < len(w) {
			b = w[i]
		}
		if a != b {
			return fmt.Sprintf("README.md line %d:\n  has:  %q\n  want: %q", i+1, a, b)
		}
	}
	return ""
}
