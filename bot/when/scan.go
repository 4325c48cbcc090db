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
	at         clock
	hasTime    bool
	part       Part
	nightAfter bool // "vannacht", "vrijdagnacht": the night after the day named
	approx     bool // "rond", "ongeveer", "een uur of drie"
}

var (
	numDateRe  = regexp.MustCompile(`^(\d{1,2})[-/](\d{1,2})(?:[-/](\d{2}|\d{4}))?$`)
	dotDateRe  = regexp.MustCompile(`^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})$`)
	numberRe   = regexp.MustCompile(`^(\d{1,4})(?:st|nd|rd|th|e|ste|de)?$`)
	bareHourRe = regexp.MustCompile(`^\d{1,2}$`)
)

var relDays = map[string]int{
	"vandaag": 0, "today": 0, "gisteren": 1, "gister": 1, "yesterday": 1, "eergisteren": 2, "eergister": 2,
}

// dayPart is a word that names a day and a part of it at once.
type dayPart struct {
	daysAgo    int
	part       Part
	nightAfter bool
}

// dayParts are "vanochtend", "gisterenmiddag", "eergisteravond" and the
// like: a day before a part of the day. A night is the one after the day
// named, so "gisternacht" is last night, as is "vannacht".
var dayParts = func() map[string]dayPart {
	dps := map[string]dayPart{}
	for prefix, daysAgo := range map[string]int{"van": 0, "gisteren": 1, "gister": 1, "eergisteren": 2, "eergister": 2} {
		for suffix, part := range partSuffixes {
			dp := dayPart{daysAgo: daysAgo, part: part}
			if part == Night {
				dp.nightAfter = true
				if prefix == "van" {
					dp.daysAgo = 1
				}
			}
			dps[prefix+suffix] = dp
		}
	}
	return dps
}()

var parts = map[string]Part{
	"ochtend": Morning, "morning": Morning, "middag": Afternoon, "afternoon": Afternoon,
	"avond": Evening, "evening": Evening, "nacht": Night, "night": Night, "snachts": Night,
}

// nightsAfter name the night after the day they go with: "vrijdag nacht",
// "friday night".
var nightsAfter = map[string]bool{"nacht": true, "night": true}

// partSuffixes attach to days: "vrijdagmiddag", "gisterenavond".
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
	for i := 0; i < len(words); i++ {
		if used[i] {
			continue
		}
		free := i + 1
		for free < len(words) && !used[free] {
			free++
		}
		c, n, err := readClock(words[i:free])
		if err != nil {
			return p, err
		}
		if n > 0 {
			if err := p.setTime(c); err != nil {
				return p, err
			}
			i += n - 1
			continue
		}
		if err := p.word(words[i]); err != nil {
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
	if approxWords[w] {
		p.approx = true
		return nil
	}
	if n, ok := relDays[w]; ok {
		return p.setDaysAgo(n)
	}
	if dp, ok := dayParts[w]; ok {
		if err := p.setDaysAgo(dp.daysAgo); err != nil {
			return err
		}
		p.nightAfter = p.nightAfter || dp.nightAfter
		return p.setPart(dp.part)
	}
	if pt, ok := parts[w]; ok {
		p.nightAfter = p.nightAfter || nightsAfter[w]
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
		return p.setTime(clock{minutes: day})
	case "noon", "midday", "middaguur":
		return p.setTime(clock{minutes: day / 2})
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
				p.nightAfter = p.nightAfter || pt == Night
				return p.setPart(pt)
			}
		}
	}
	if m := timeRe.FindStringSubmatch(w); m != nil {
		if h := atoi(m[1]); h > 24 && strings.Contains(w, ".") && m[3] == "" {
			return p.setDate(h, atoi(m[2]), "") // "28.11"
		}
		return p.setDigits(m[1], m[2], m[3])
	}
	if m := hourUnitRe.FindStringSubmatch(w); m != nil {
		return p.setDigits(m[1], m[2], m[3])
	}
	if m := numDateRe.FindStringSubmatch(w); m != nil {
		return p.setDate(atoi(m[1]), atoi(m[2]), m[3])
	}
	if m := dotDateRe.FindStringSubmatch(w); m != nil {
		return p.setDate(atoi(m[1]), atoi(m[2]), m[3])
	}
	if bareHourRe.MatchString(w) {
		// A bare number is an hour: "gisteren 14".
		return p.setDigits(w, "", "")
	}
	return ErrUnreadable
}

// setDigits sets a time typed in digits: hour, minutes (may be empty) and a
// unit ("am", "pm" or another that changes nothing).
func (p *phrase) setDigits(hour, minutes, unit string) error {
	if unit != "am" && unit != "pm" {
		unit = ""
	}
	c, err := newClock(atoi(hour), atoi(minutes), len(hour) == 2 && hour[0] == '0', unit)
	if err != nil {
		return err
	}
	return p.setTime(c)
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

func (p *phrase) setTime(c clock) error {
	if p.hasTime {
		return ErrUnreadable
	}
	p.at, p.hasTime = c, true
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
