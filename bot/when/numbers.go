package when

import "strconv"

// dutchNumbers and englishNumbers map the number words from 0 to 59 to
// their value, as normalize leaves them: lower case, without accents
// ("tweeëntwintig" is "tweeentwintig") or hyphens ("twenty-five" is
// "twentyfive").
var dutchNumbers, englishNumbers = numberWords(
	[]string{"nul", "een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien", "elf", "twaalf",
		"dertien", "veertien", "vijftien", "zestien", "zeventien", "achttien", "negentien"},
	[]string{"twintig", "dertig", "veertig", "vijftig"},
	func(unit, tens string) string { return unit + "en" + tens },
), numberWords(
	[]string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
		"thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"},
	[]string{"twenty", "thirty", "forty", "fifty"},
	func(unit, tens string) string { return tens + unit },
)

// numberWords builds a language's words for 0 to 59 from its words for 0 to
// 19, its tens from 20 to 50 and how it joins a unit to tens.
func numberWords(small, tens []string, join func(unit, tens string) string) map[string]int {
	words := make(map[string]int, 60)
	for n, w := range small {
		words[w] = n
	}
	for i, t := range tens {
		words[t] = 20 + 10*i
		for unit := 1; unit <= 9; unit++ {
			words[join(small[unit], t)] = 20 + 10*i + unit
		}
	}
	return words
}

// hourPlurals are the colloquial Dutch names of the full hours: "om
// drieën" is at three o'clock.
var hourPlurals = map[string]int{
	"enen": 1, "tweeen": 2, "drieen": 3, "vieren": 4, "vijven": 5, "zessen": 6, "zevenen": 7,
	"achten": 8, "negenen": 9, "tienen": 10, "elven": 11, "twaalven": 12,
}

// numberWord returns the value of a Dutch or English number word from 0 to
// 59 and whether it is English.
func numberWord(w string) (n int, english, ok bool) {
	if n, ok := dutchNumbers[w]; ok {
		return n, false, true
	}
	n, ok = englishNumbers[w]
	return n, true, ok
}

// count reads a whole number written in digits (at most four) or in words.
func count(w string) (int, bool) {
	if n, _, ok := numberWord(w); ok {
		return n, true
	}
	if len(w) == 0 || len(w) > 4 {
		return 0, false
	}
	n, err := strconv.Atoi(w)
	return n, err == nil && n >= 0 && w[0] != '+'
}
