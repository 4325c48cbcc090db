package when

import (
	"regexp"
	"strings"
	"time"
)

// phrase is what scan recognised in the text, before it is placed in time.
type phrase struct {
	daysAgo    int // vandaag 0, gisteren 1, eergisteren 2; -1 when not given
	weekday    time.Weekday
	hasWeekday bool
	before     bool // "vorige vrijdag": strictly before today
	lastWeek   bool // "vorige week vrijdag": in the previous calendar week
	y, m, d    int  // explicit date; y 0 when no year was given
	hasDate    bool
	hour, min  int
	hasTime    bool
	meridiem   string // "am", "pm" or ""
	part       Part
}

var (
	timeRe     = regexp.MustCompile(`^(\d{1,2})[:.hu](\d{2})(am|pm)?$`)
	hourUnitRe = regexp.MustCompile(`^(\d{1,2})(?:[:.](\d{2}))?(uur|u|h|am|pm|a\.m\.|p\.m\.)$`)
	numDateRe  = regexp.MustCompile(`^(\d{1,2})[-/](\d{1,2})(?:[-/](\d{2}|\d{4}))?$`)
	dotDateRe  = regexp.MustCompile(`^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})$`)
	numberRe   = regexp.MustCompile(`^(\d{1,4})(?:st|nd|rd|th|e|ste|de)?$`)
)

var relDays = map[string]int{
	"vandaag": 0, "today": 0, "gisteren": 1, "gister": 1, "yesterday": 1, "eergisteren": 2, "eergister": 2,
}

// dayParts are the words that name a day and a part of it at once.
var dayParts = map[string]struct {
	daysAgo int
	part    Part
}{
	"vanochtend": {0, Morning}, "vanmorgen": {0, Morning}, "vanmiddag": {0, Afternoon},
	"vanavond": {0, Evening}, "vannacht": {0, Night}, "gisternacht": {0, Night},
	"gisterochtend": {1, Morning}, "gistermorgen": {1, Morning}, "gistermiddag": {1, Afternoon},
	"gisteravond": {1, Evening},
}

var parts = map[string]Part{
	"ochtend": Morning, "morning": Morning, "middag": Afternoon, "afternoon": Afternoon,
	"avond": Evening, "evening": Evening, "nacht": Night, "night": Night,
}

// partSuffixes attach to weekdays: "vrijdagmiddag".
var partSuffixes = map[string]Part{"ochtend": Morning, "morgen": Morning, "middag": Afternoon, "avond": Evening, "nacht": Night}

var futureWords = map[string]bool{
	"morgen": true, "overmorgen": true, "tomorrow": true, "volgende": true, "next": true, "straks": true, "later": true,
}

var weekdays = map[string]time.Weekday{
	"maandag": time.Monday, "ma": time.Monday, "monday": time.Monday, "mon": time.Monday,
	"dinsdag": time.Tuesday, "di": time.Tuesday, "tuesday": time.Tuesday, "tue": time.Tuesday, "tues": time.Tuesday,
	"woensdag": time.Wednesday, "wo": time.Wednesday, "wednesday": time.Wednesday, "wed": time.Wednesday,
	"donderdag": time.Thursday, "do": time.Thursday, "thursday": time.Thursday, "thu": time.Thursday, "thurs": time.Thursday,
	"vrijdag": time.Friday, "vr": time.Friday, "vrij": time.Friday, "friday": time.Friday, "fri": time.Friday,
	"zaterdag": time.Saturday, "za": time.Saturday, "saturday": time.Saturday, "sat": time.Saturday,
	"zondag": time.Sunday, "zo": time.Sunday, "sunday": time.Sunday, "sun": time.Sunday,
}

var months = map[string]int{
	"januari": 1, "january": 1, "jan": 1, "februari": 2, "february": 2, "feb": 2,
	"maart": 3, "march": 3, "mrt": 3, "mar": 3, "april": 4, "apr": 4, "mei": 5, "may": 5,
	"juni": 6, "june": 6, "jun": 6, "juli": 7, "july": 7, "jul": 7, "augustus": 8, "august": 8, "aug": 8,
	"september": 9, "sept": 9, "sep": 9, "oktober": 10, "october": 10, "okt": 10, "oct": 10,
	"november": 11, "nov": 11, "december": 12, "dec": 12,
}

// scan recognises every word of s or returns ErrUnreadable; a word that
// points to the future ("morgen") returns ErrFuture.
func scan(s string) (phrase, error) {
	p := phrase{daysAgo: -1}
	words := strings.Fields(s)
	used := make([]bool, len(words))
	// Month names first: they claim the day number and year next to them.
	for i, w := range words {
		mo, ok := months[strings.TrimSuffix(w, ".")]
		if !ok {
			continue
		}
		used[i] = true
		day := -1
		if i > 0 && !used[i-1] {
			if n, ok := number(words[i-1]); ok && n <= 31 {
				day, used[i-1] = n, true
			}
		}
		if day < 0 && i+1 < len(words) {
			if n, ok := number(words[i+1]); ok && n <= 31 {
				day, used[i+1] = n, true
			}
		}
		if day < 0 || p.hasDate {
			return p, ErrUnreadable
		}
		p.d, p.m, p.hasDate = day, mo, true
		for _, j := range []int{i + 1, i + 2} {
			if j < len(words) && !used[j] {
				if n, ok := number(words[j]); ok && n >= 1000 {
					p.y, used[j] = n, true
					break
				}
			}
		}
	}
	for i, w := range words {
		if used[i] {
			continue
		}
		if err := p.word(w); err != nil {
			return p, err
		}
	}
	return p, nil
}

// word adds one word to the phrase.
func (p *phrase) word(w string) error {
	if futureWords[w] {
		return ErrFuture
	}
	if n, ok := relDays[w]; ok {
		return p.setDaysAgo(n)
	}
	if dp, ok := dayParts[w]; ok {
		if err := p.setDaysAgo(dp.daysAgo); err != nil {
			return err
		}
		return p.setPart(dp.part)
	}
	if pt, ok := parts[w]; ok {
		return p.setPart(pt)
	}
	switch w {
	case "vorige", "last":
		p.before = true
		return nil
	case "vorigeweek":
		p.lastWeek = true
		return nil
	case "middernacht", "midnight":
		return p.setTime(24, 0, "")
	case "noon":
		return p.setTime(12, 0, "")
	}
	if wd, ok := weekdays[w]; ok {
		return p.setWeekday(wd)
	}
	for name, wd := range weekdays {
		if len(name) > 3 && strings.HasPrefix(w, name) {
			if pt, ok := partSuffixes[w[len(name):]]; ok {
				if err := p.setWeekday(wd); err != nil {
					return err
				}
				return p.setPart(pt)
			}
		}
	}
	if m := timeRe.FindStringSubmatch(w); m != nil {
		if h := atoi(m[1]); h > 24 && strings.Contains(w, ".") && m[3] == "" {
			return p.setDate(h, atoi(m[2]), "") // "28.11"
		}
		return p.setTime(atoi(m[1]), atoi(m[2]), m[3])
	}
	if m := hourUnitRe.FindStringSubmatch(w); m != nil {
		mer := strings.ReplaceAll(m[3], ".", "")
		if mer != "am" && mer != "pm" {
			mer = ""
		}
		return p.setTime(atoi(m[1]), atoi(m[2]), mer)
	}
	if m := numDateRe.FindStringSubmatch(w); m != nil {
		return p.setDate(atoi(m[1]), atoi(m[2]), m[3])
	}
	if m := dotDateRe.FindStringSubmatch(w); m != nil {
		return p.setDate(atoi(m[1]), atoi(m[2]), m[3])
	}
	if n, ok := number(w); ok && n <= 24 {
		// A bare number is an hour: "gisteren 14".
		return p.setTime(n, 0, "")
	}
	return ErrUnreadable
}

func number(w string) (int, bool) {
	m := numberRe.FindStringSubmatch(strings.TrimSuffix(w, "."))
	if m == nil {
		return 0, false
	}
	return atoi(m[1]), true
}

func (p *phrase) setDaysAgo(n int) error {
	if p.daysAgo >= 0 && p.daysAgo != n {
		return ErrUnreadable
	}
	p.daysAgo = n
	return nil
}

func (p *phrase) setPart(pt Part) error {
	if p.part != "" && p.part != pt {
		return ErrUnreadable
	}
	p.part = pt
	return nil
}

func (p *phrase) setWeekday(wd time.Weekday) error {
	if p.hasWeekday && p.weekday != wd {
		return ErrUnreadable
	}
	p.weekday, p.hasWeekday = wd, true
	return nil
}

func (p *phrase) setTime(h, m int, meridiem string) error {
	if p.hasTime || m > 59 || h > 24 || (h == 24 && m != 0) {
		return ErrUnreadable
	}
	if meridiem != "" && (h < 1 || h > 12) {
		return ErrUnreadable
	}
	p.hour, p.min, p.meridiem, p.hasTime = h, m, meridiem, true
	return nil
}

func (p *phrase) setDate(d, m int, year string) error {
	if p.hasDate {
		return ErrUnreadable
	}
	p.d, p.m, p.hasDate = d, m, true
	switch len(year) {
	case 2:
		p.y = 2000 + atoi(year)
	case 4:
		p.y = atoi(year)
	}
	return nil
}
