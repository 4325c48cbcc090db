package when

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Parse reads a moment from s. now is the current time in the organisation's
// time zone; the result is in the same zone. Phrases without a date mean the
// most recent day on which the moment had passed ("vrijdag 13:00" typed on a
// Friday at noon is last week's Friday).
func Parse(s string, now time.Time) (Moment, error) {
	s = normalize(s)
	if s == "" {
		return Moment{}, ErrUnreadable
	}
	if nowWords[s] {
		return Moment{Time: now.Truncate(time.Minute), Precision: Minute}, nil
	}
	if m, ok, err := parseISO(s, now); ok {
		return check(m, err, now)
	}
	if m, ok := parseAgo(s, now); ok {
		return check(m, nil, now)
	}
	p, err := scan(s)
	if err != nil {
		return Moment{}, err
	}
	m, err := p.resolve(now)
	return check(m, err, now)
}

// check applies the rules every moment must satisfy.
func check(m Moment, err error, now time.Time) (Moment, error) {
	if err != nil {
		return Moment{}, err
	}
	if m.Time.After(now.Add(Skew)) {
		return Moment{}, ErrFuture
	}
	if m.Time.Before(now.AddDate(-1, 0, 0)) {
		return Moment{}, ErrTooOld
	}
	return m, nil
}

var nowWords = map[string]bool{
	"nu": true, "net": true, "zojuist": true, "zonet": true, "net nu": true, "daarnet": true,
	"nu net": true, "now": true, "just now": true, "right now": true, "a moment ago": true,
}

// phrases are multi-word expressions rewritten to one token before scanning.
var phrases = strings.NewReplacer(
	"the day before yesterday", "eergisteren",
	"day before yesterday", "eergisteren",
	"this morning", "vanochtend",
	"this afternoon", "vanmiddag",
	"this evening", "vanavond",
	"tonight", "vanavond",
	"last night", "vannacht",
	"yesterday morning", "gisterochtend",
	"yesterday afternoon", "gistermiddag",
	"yesterday evening", "gisteravond",
	"yesterday night", "gisternacht",
	"vorige week", "vorigeweek",
	"last week", "vorigeweek",
	"'s ochtends", "ochtend", "'s morgens", "ochtend", "'s middags", "middag",
	"'s avonds", "avond", "'s nachts", "nacht",
	"in the morning", "ochtend", "in the afternoon", "middag", "in the evening", "avond",
	"at night", "nacht",
)

// normalize lower-cases s, unifies quotes and spaces and drops filler words.
func normalize(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.NewReplacer("’", "'", "‘", "'", "`", "'", "\u00a0", " ").Replace(s)
	s = strings.TrimRight(s, ".!?")
	s = strings.Join(strings.Fields(s), " ")
	s = phrases.Replace(s)
	// "14 uur", "4 pm": join the unit to its number.
	s = unitGap.ReplaceAllString(s, "$1$2")
	var kept []string
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' }) {
		if !fillers[w] {
			kept = append(kept, w)
		}
	}
	return strings.Join(kept, " ")
}

var unitGap = regexp.MustCompile(`\b(\d{1,2}(?:[:.]\d{2})?) (uur|u|h|am|pm|a\.m\.|p\.m\.)(\s|$)`)

var fillers = map[string]bool{
	"om": true, "rond": true, "ongeveer": true, "omstreeks": true, "circa": true, "ca": true, "op": true,
	"de": true, "het": true, "in": true, "at": true, "around": true, "about": true, "on": true, "the": true,
	"van": true, "tegen": true, "afgelopen": true,
}

var agoRe = regexp.MustCompile(`^(\d+|een|an|a|half|anderhalf) ?(minuten|minuut|min|m|uur|uren|u|hours|hour|h|kwartier)( geleden| ago)$`)

// parseAgo reads "20 minuten geleden", "een uur geleden", "2 hours ago".
func parseAgo(s string, now time.Time) (Moment, bool) {
	m := agoRe.FindStringSubmatch(s)
	if m == nil {
		return Moment{}, false
	}
	n := 1.0
	switch m[1] {
	case "een", "an", "a":
	case "half":
		n = 0.5
	case "anderhalf":
		n = 1.5
	default:
		v, _ := strconv.Atoi(m[1])
		n = float64(v)
	}
	unit := time.Minute
	switch m[2] {
	case "uur", "uren", "u", "hours", "hour", "h":
		unit = time.Hour
	case "kwartier":
		unit = 15 * time.Minute
	}
	d := time.Duration(n * float64(unit))
	return Moment{Time: now.Add(-d).Truncate(time.Minute), Precision: Minute}, true
}

var isoRe = regexp.MustCompile(`^(\d{4})-(\d{1,2})-(\d{1,2})(?:[t ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(z|[+-]\d{2}:?\d{2})?)?$`)

// parseISO reads ISO 8601 dates and date-times, with or without an offset.
func parseISO(s string, now time.Time) (Moment, bool, error) {
	m := isoRe.FindStringSubmatch(s)
	if m == nil {
		return Moment{}, false, nil
	}
	y, mo, d := atoi(m[1]), atoi(m[2]), atoi(m[3])
	if m[4] == "" {
		t, err := date(y, mo, d, now.Location())
		if err != nil {
			return Moment{}, true, err
		}
		return dayMoment(t, now), true, nil
	}
	h, mi, sec := atoi(m[4]), atoi(m[5]), atoi(m[6])
	if h > 23 || mi > 59 || sec > 59 {
		return Moment{}, true, ErrUnreadable
	}
	loc := now.Location()
	if off := m[7]; off != "" {
		secs := 0
		if off != "z" {
			off = strings.ReplaceAll(off, ":", "")
			secs = (atoi(off[1:3])*60 + atoi(off[3:5])) * 60
			if off[0] == '-' {
				secs = -secs
			}
		}
		loc = time.FixedZone("", secs)
	}
	t, err := date(y, mo, d, loc)
	if err != nil {
		return Moment{}, true, err
	}
	t = time.Date(t.Year(), t.Month(), t.Day(), h, mi, sec, 0, loc).In(now.Location())
	return Moment{Time: t, Precision: Minute}, true, nil
}

// date builds midnight of a calendar date and refuses dates that do not exist.
func date(y, m, d int, loc *time.Location) (time.Time, error) {
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return time.Time{}, ErrNoSuchDate
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, loc)
	if t.Day() != d || int(t.Month()) != m {
		return time.Time{}, ErrNoSuchDate
	}
	return t, nil
}

// dayMoment is a moment known to the day: noon, or now when today's noon
// has not come yet.
func dayMoment(day, now time.Time) Moment {
	t := atHour(day, 12, 0)
	if sameDay(day, now) && t.After(now) {
		t = now.Truncate(time.Minute)
	}
	return Moment{Time: t, Precision: Day}
}

func atHour(day time.Time, h, m int) time.Time {
	return time.Date(day.Year(), day.Month(), day.Day(), h, m, 0, 0, day.Location())
}

func sameDay(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return ay == by && am == bm && ad == bd
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}
