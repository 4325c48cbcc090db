package when

import (
	"regexp"
	"strings"
)

// normalize lower-cases s and rewrites it into the words scan and parseAgo
// read: accents, quotes and hyphens between letters go, "'s middags" and
// its spellings become "middag", English phrases become their Dutch word,
// "een uur of drie" becomes "ongeveer drie uur", a unit is joined to its
// number ("14uur", "4pm") and filler words are dropped.
func normalize(s string) string {
	s = strings.ToLower(s)
	s = plainLetters.Replace(s)
	s = letterHyphen.ReplaceAllString(s, "$1$2")
	s = decimalComma.ReplaceAllString(s, "$1.$2")
	words := strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' || r == '\t' || r == '\n' || r == '\r' })
	for i, w := range words {
		words[i] = strings.TrimRight(w, ".!?;")
	}
	words = rewritePhrases(words)
	words = joinUnits(words)
	kept := words[:0]
	for _, w := range words {
		if w != "" && !fillers[w] {
			kept = append(kept, w)
		}
	}
	return strings.Join(kept, " ")
}

// plainLetters drops accents and unifies quotes and spaces, so "één",
// "tweeëntwintig" and "’s middags" read like their plain spelling.
var plainLetters = strings.NewReplacer(
	"’", "'", "‘", "'", "`", "'", "´", "'", "\u00a0", " ",
	"á", "a", "à", "a", "â", "a", "ä", "a", "é", "e", "è", "e", "ê", "e", "ë", "e",
	"í", "i", "ì", "i", "î", "i", "ï", "i", "ó", "o", "ò", "o", "ô", "o", "ö", "o",
	"ú", "u", "ù", "u", "û", "u", "ü", "u",
)

var (
	// letterHyphen joins words split by a hyphen: "twenty-five",
	// "gisteren-avond", "'s-middags".
	letterHyphen = regexp.MustCompile(`([a-z'])-([a-z])`)
	// decimalComma makes "1,5 uur" read as 1.5.
	decimalComma = regexp.MustCompile(`(\d),(\d)`)
)

// phrases are word sequences rewritten before scanning, longest first where
// one starts another.
var phrases = []struct{ from, to []string }{
	{w("the day before yesterday"), w("eergisteren")},
	{w("day before yesterday"), w("eergisteren")},
	{w("the night before last"), w("eergisternacht")},
	{w("this morning"), w("vanochtend")},
	{w("this afternoon"), w("vanmiddag")},
	{w("this evening"), w("vanavond")},
	{w("tonight"), w("vanavond")},
	{w("last night"), w("vannacht")},
	{w("vorige week"), w("vorigeweek")},
	{w("last week"), w("vorigeweek")},
	// Around noon and lunch time.
	{w("rond de middag"), w("ongeveer middaguur")},
	{w("rond het middaguur"), w("ongeveer middaguur")},
	{w("tussen de middag"), w("ongeveer 12:30 middag")},
	{w("in de middagpauze"), w("ongeveer 12:30 middag")},
	{w("lunchtijd"), w("ongeveer 12:30 middag")},
	{w("at lunchtime"), w("ongeveer 12:30 middag")},
	{w("lunchtime"), w("ongeveer 12:30 middag")},
	{w("12 noon"), w("noon")},
	{w("twelve noon"), w("noon")},
	{w("12 midnight"), w("midnight")},
	// English clock words.
	{w("o clock"), w("uur")},
	{w("o'clock"), w("uur")},
	{w("oclock"), w("uur")},
	{w("a.m"), w("am")},
	{w("p.m"), w("pm")},
	{w("a quarter of an hour"), w("een kwartier")},
	{w("quarter of an hour"), w("een kwartier")},
	{w("a quarter hour"), w("een kwartier")},
	{w("quarter hour"), w("een kwartier")},
	{w("a quarter"), w("quarter")},
	{w("half an hour"), w("half uur")},
	{w("half a hour"), w("half uur")},
	{w("a half hour"), w("half uur")},
	{w("a couple of"), w("paar")},
	{w("a couple"), w("paar")},
	{w("couple of"), w("paar")},
	{w("a few"), w("enkele")},
	// Approximately.
	{w("of zo"), w("ongeveer")},
	{w("or so"), w("ongeveer")},
	{w("net na"), w("ongeveer")},
	{w("even na"), w("ongeveer")},
	{w("kort na"), w("ongeveer")},
	{w("vlak na"), w("ongeveer")},
	{w("net voor"), w("ongeveer")},
	{w("even voor"), w("ongeveer")},
	{w("kort voor"), w("ongeveer")},
	{w("vlak voor"), w("ongeveer")},
	{w("just after"), w("ongeveer")},
	{w("shortly after"), w("ongeveer")},
	{w("just before"), w("ongeveer")},
	{w("shortly before"), w("ongeveer")},
}

func w(s string) []string { return strings.Fields(s) }

// genitiveParts are "'s middags" and its spellings without the "'s".
// "'s nachts" stays apart from "nacht": it is the night of the day named,
// where "vrijdag nacht" is the night after Friday.
var genitiveParts = map[string]string{
	"ochtends": "ochtend", "morgens": "ochtend", "middags": "middag", "avonds": "avond", "nachts": "snachts",
}

// rewritePhrases applies phrases, reads the spellings of "'s middags", and
// turns "een uur of drie" into "ongeveer drie uur".
func rewritePhrases(words []string) []string {
	out := make([]string, 0, len(words))
	for i := 0; i < len(words); {
		if n, to := matchPhrase(words[i:]); n > 0 {
			out = append(out, to...)
			i += n
			continue
		}
		word := words[i]
		// "'s middags", "s middags", "'smiddags", "smiddags", "s'middags", "middags".
		if (word == "'s" || word == "s") && i+1 < len(words) {
			if _, ok := genitiveParts[words[i+1]]; ok {
				i++
				continue
			}
		}
		if p, ok := genitivePart(word); ok {
			out = append(out, p)
			i++
			continue
		}
		// "3ish", "3-ish": about three.
		if m := ishRe.FindStringSubmatch(word); m != nil {
			out = append(out, m[1], "ish")
			i++
			continue
		}
		// "een uur of drie", "een minuut of tien geleden": about that many.
		if i+3 < len(words) && (word == "een" || word == "a" || word == "an") && words[i+2] == "of" {
			if _, ok := units[words[i+1]]; ok {
				out = append(out, "ongeveer", words[i+3], words[i+1])
				i += 4
				continue
			}
		}
		out = append(out, word)
		i++
	}
	return out
}

// genitivePart reads "'smiddags", "smiddags", "s'middags" and "middags" as
// "middag".
func genitivePart(word string) (string, bool) {
	bare := strings.ReplaceAll(word, "'", "")
	if p, ok := genitiveParts[bare]; ok {
		return p, true
	}
	if rest, ok := strings.CutPrefix(bare, "s"); ok {
		p, ok := genitiveParts[rest]
		return p, ok
	}
	return "", false
}

var ishRe = regexp.MustCompile(`^(\d.*?)-?ish$`)

// matchPhrase returns the length of the first phrase at the start of words
// and what it becomes.
func matchPhrase(words []string) (int, []string) {
	for _, ph := range phrases {
		if len(ph.from) > len(words) {
			continue
		}
		match := true
		for j, f := range ph.from {
			if words[j] != f {
				match = false
				break
			}
		}
		if match {
			return len(ph.from), ph.to
		}
	}
	return 0, nil
}

var (
	clockDigits = regexp.MustCompile(`^\d{1,2}(?:[:.]\d{2})?$`)
	hourUnits   = map[string]bool{"uur": true, "u": true, "h": true, "am": true, "pm": true}
)

// joinUnits joins a unit to the number before it: "14 uur" is "14uur",
// "3:30 pm" is "3:30pm".
func joinUnits(words []string) []string {
	out := words[:0]
	for i := 0; i < len(words); i++ {
		if i+1 < len(words) && clockDigits.MatchString(words[i]) && hourUnits[words[i+1]] {
			out = append(out, words[i]+words[i+1])
			i++
			continue
		}
		out = append(out, words[i])
	}
	return out
}

// fillers are words that do not change the moment.
var fillers = map[string]bool{
	"om": true, "op": true, "de": true, "het": true, "in": true, "at": true, "on": true, "the": true,
	"van": true, "afgelopen": true, "ergens": true, "sometime": true,
	"vroeg": true, "laat": true, "early": true, "late": true,
}

// approxWords say the moment is approximate: "rond drie uur", "ongeveer
// een uur geleden", "around 3pm".
var approxWords = map[string]bool{
	"rond": true, "rondom": true, "ongeveer": true, "omstreeks": true, "circa": true, "ca": true,
	"tegen": true, "zo'n": true, "pakweg": true, "plusminus": true, "+-": true, "+/-": true,
	"±": true, "~": true, "ruim": true, "bijna": true,
	"around": true, "about": true, "approximately": true, "approx": true, "roughly": true, "nearly": true,
	"almost": true, "some": true, "ish": true,
}
