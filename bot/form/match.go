package form

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// FindOption matches typed text to an option: its number, its label, its
// key, a yes or no in words, or the start of a word of its label when only
// one option fits.
func FindOption(opts []Option, s string) (Option, bool) {
	s = Fold(s)
	if s == "" {
		return Option{}, false
	}
	if n, err := strconv.Atoi(s); err == nil {
		if n >= 1 && n <= len(opts) {
			return opts[n-1], true
		}
		return Option{}, false
	}
	for _, o := range opts {
		if Fold(o.Label) == s || o.Key == s {
			return o, true
		}
	}
	if yes, ok := yesNoWords[strings.Join(strings.FieldsFunc(s, isSeparator), " ")]; ok {
		want := "no"
		if yes {
			want = "yes"
		}
		for _, o := range opts {
			if o.Key == want {
				return o, true
			}
		}
	}
	if len([]rune(s)) < 3 {
		return Option{}, false
	}
	var found []Option
	for _, o := range opts {
		for _, w := range strings.FieldsFunc(Fold(o.Label), isSeparator) {
			if strings.HasPrefix(w, s) || strings.HasPrefix(Fold(o.Label), s) {
				found = append(found, o)
				break
			}
		}
	}
	if len(found) == 1 {
		return found[0], true
	}
	return Option{}, false
}

// FindOptions matches a typed list such as "1, 3", "1 en 6" or "bedreiging,
// discriminatie" to options. It returns the parts it could not match.
func FindOptions(opts []Option, s string) (found []Option, unknown []string) {
	s = listSeparators.Replace(Fold(s))
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
		o, ok := FindOption(opts, p)
		if !ok {
			unknown = append(unknown, p)
			continue
		}
		if !seen[o.Key] {
			seen[o.Key] = true
			found = append(found, o)
		}
	}
	return found, unknown
}

// OptionByKey returns the option with the given key.
func OptionByKey(opts []Option, key string) (Option, bool) {
	for _, o := range opts {
		if o.Key == key {
			return o, true
		}
	}
	return Option{}, false
}

// listSeparators turns the words and signs that join the items of a typed
// list into commas. A Replacer is safe for concurrent use, so one serves
// every call.
var listSeparators = strings.NewReplacer(" en ", ",", " and ", ",", ";", ",", "/", ",", "+", ",", "&", ",")

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
	"ja hoor": true, "ja zeker": true, "ja dat wil ik": true, "ja dat klopt": true, "klopt": true, "yes please": true,
	"nee": false, "n": false, "neen": false, "nee dank je": false, "nee dank u": false, "nee bedankt": false, "nee hoor": false,
	"liever niet": false, "nee liever niet": false, "no": false, "nope": false, "no thanks": false, "no thank you": false,
}

// isASCII reports whether s is plain ASCII.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func isSeparator(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }

// Fold lower-cases s, removes accents and surrounding punctuation, so that
// "Fysiek geweld." matches "fysiek geweld" and "coördinator" "coordinator".
func Fold(s string) string {
	out := s
	if !isASCII(s) { // plain ASCII has no accents to remove
		t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
		var err error
		if out, _, err = transform.String(t, s); err != nil {
			out = s
		}
	}
	out = strings.ToLower(strings.TrimSpace(out))
	return strings.TrimFunc(out, func(r rune) bool { return unicode.IsPunct(r) && r != '-' && r != '?' })
}
