package bot

import (
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// inputKind is the kind of answer a step accepts.
type inputKind int

const (
	oneOf    inputKind = iota // one button
	manyOf                    // one or more buttons, then "Verder"
	freeText                  // typed text
	moment                    // a date and time in the past, see package when
	until                     // a date in the future, such as the end of a ban
)

// step is one question of a conversation, declared as data: the engine
// handles back, cancel, help, the summary and changing an answer for every
// step in the same way.
type step struct {
	id   string
	kind inputKind
	// options returns the buttons: the choices of oneOf and manyOf steps,
	// and quick answers (like "geen getuigen") for text and time steps.
	options func(r *formCtx) []option
	// applies reports whether the step is asked, given earlier answers;
	// nil means always.
	applies func(e env) bool
	// forOther steps have a third-person prompt ("prompt_other") for a
	// report made for someone else.
	forOther bool
	// minLen is the shortest text a freeText step accepts.
	minLen int
	// skippable text steps accept "-" for "nothing to add".
	skippable bool
}

// option is one button of a step.
type option struct {
	key   string
	label string
}

// findOption matches typed text to an option: its number, its label, or the
// start of a word of its label when only one option fits.
func findOption(opts []option, s string) (option, bool) {
	s = fold(s)
	if s == "" {
		return option{}, false
	}
	if n, err := strconv.Atoi(s); err == nil {
		if n >= 1 && n <= len(opts) {
			return opts[n-1], true
		}
		return option{}, false
	}
	for _, o := range opts {
		if fold(o.label) == s || o.key == s {
			return o, true
		}
	}
	if yes, ok := yesNoWords[s]; ok {
		want := "no"
		if yes {
			want = "yes"
		}
		for _, o := range opts {
			if o.key == want {
				return o, true
			}
		}
	}
	if len([]rune(s)) < 3 {
		return option{}, false
	}
	var found []option
	for _, o := range opts {
		for _, w := range strings.FieldsFunc(fold(o.label), isSeparator) {
			if strings.HasPrefix(w, s) || strings.HasPrefix(fold(o.label), s) {
				found = append(found, o)
				break
			}
		}
	}
	if len(found) == 1 {
		return found[0], true
	}
	return option{}, false
}

// findOptions matches a typed list such as "1, 3", "1 en 6" or "bedreiging,
// discriminatie" to options. It returns the parts it could not match.
func findOptions(opts []option, s string) (found []option, unknown []string) {
	s = strings.NewReplacer(" en ", ",", " and ", ",", ";", ",", "/", ",", "+", ",", "&", ",").Replace(fold(s))
	var parts []string
	for _, p := range strings.Split(s, ",") {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		// "1 3 6": several numbers separated by spaces.
		if f := strings.Fields(p); len(f) > 1 && allNumbers(f) {
			parts = append(parts, f...)
			continue
		}
		parts = append(parts, p)
	}
	seen := map[string]bool{}
	for _, p := range parts {
		o, ok := findOption(opts, p)
		if !ok {
			unknown = append(unknown, p)
			continue
		}
		if !seen[o.key] {
			seen[o.key] = true
			found = append(found, o)
		}
	}
	return found, unknown
}

func allNumbers(ws []string) bool {
	for _, w := range ws {
		if _, err := strconv.Atoi(w); err != nil {
			return false
		}
	}
	return true
}

var yesNoWords = map[string]bool{
	"ja": true, "j": true, "jawel": true, "jazeker": true, "zeker": true, "graag": true, "ja graag": true,
	"yes": true, "y": true, "yep": true, "sure": true,
	"nee": false, "n": false, "neen": false, "nee dank je": false, "no": false, "nope": false, "no thanks": false,
}

func isSeparator(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }

// fold lower-cases s, removes accents and surrounding punctuation, so that
// "Fysiek geweld." matches "fysiek geweld" and "coördinator" "coordinator".
func fold(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		out = s
	}
	out = strings.ToLower(strings.TrimSpace(out))
	return strings.TrimFunc(out, func(r rune) bool { return unicode.IsPunct(r) && r != '-' && r != '?' })
}
