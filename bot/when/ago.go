package when

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// unit is a length of time a person counts back in.
type unit struct {
	length time.Duration
	days   int  // for days and weeks: the length in calendar days
	small  bool // a diminutive ("uurtje"): about that long
}

var units = map[string]unit{}

func init() {
	for length, names := range map[time.Duration][]string{
		time.Second:      {"seconde", "seconden", "sec", "secs", "s", "second", "seconds"},
		time.Minute:      {"minuut", "minuten", "min", "mins", "m", "mn", "minute", "minutes"},
		15 * time.Minute: {"kwartier", "kwartieren"},
		time.Hour:        {"uur", "uren", "u", "h", "hr", "hrs", "hour", "hours"},
	} {
		for _, n := range names {
			units[n] = unit{length: length}
		}
	}
	for _, n := range []string{"minuutje", "minuutjes"} {
		units[n] = unit{length: time.Minute, small: true}
	}
	for _, n := range []string{"kwartiertje", "kwartiertjes"} {
		units[n] = unit{length: 15 * time.Minute, small: true}
	}
	for _, n := range []string{"uurtje", "uurtjes"} {
		units[n] = unit{length: time.Hour, small: true}
	}
	for _, n := range []string{"dag", "dagen", "day", "days"} {
		units[n] = unit{days: 1}
	}
	for _, n := range []string{"week", "weken", "weeks"} {
		units[n] = unit{days: 7}
	}
	units["dagje"] = unit{days: 1, small: true}
	units["weekje"] = unit{days: 7, small: true}
}

var (
	// numberUnitRe splits "10min", "2u", "1.5h" into number and unit.
	numberUnitRe = regexp.MustCompile(`^(\d+(?:\.\d+)?)([a-z]+)$`)
	// hoursMinutesRe reads "1u20" as an hour and twenty minutes.
	hoursMinutesRe = regexp.MustCompile(`^(\d{1,2})[uh](\d{2})$`)
	decimalRe      = regexp.MustCompile(`^\d{1,9}(?:\.\d{1,3})?$`)
	halfWordRe     = regexp.MustCompile(`^([a-z]+)enhalf$`) // "tweeënhalf"
)

// agoFillers may stand in a duration without changing it: "pas tien
// minuten geleden", "only an hour ago".
var agoFillers = map[string]bool{"pas": true, "nog": true, "maar": true, "net": true, "just": true, "only": true}

// maxAgo bounds what parseAgo computes; anything longer is too old anyway.
const maxAgo = 400 * 24 * time.Hour

// parseAgo reads a time counted back from now: "20 minuten geleden", "tien
// minuten geleden", "een half uur geleden", "anderhalf uur geleden", "drie
// kwartier geleden", "1 uur en 20 minuten geleden", "een paar minuten
// geleden", "an hour and a half ago", "twee dagen geleden". ok is false when
// s does not end in "geleden" or "ago".
func parseAgo(s string, now time.Time) (m Moment, ok bool, err error) {
	words := strings.Fields(s)
	if len(words) < 2 || (words[len(words)-1] != "geleden" && words[len(words)-1] != "ago") {
		return Moment{}, false, nil
	}
	var approx bool
	var ws []string
	for _, w := range words[:len(words)-1] {
		switch {
		case approxWords[w]:
			approx = true
		case agoFillers[w]:
		case hoursMinutesRe.MatchString(w):
			hm := hoursMinutesRe.FindStringSubmatch(w)
			ws = append(ws, hm[1], "uur", "en", hm[2], "minuten")
		case numberUnitRe.MatchString(w):
			nu := numberUnitRe.FindStringSubmatch(w)
			ws = append(ws, nu[1], nu[2])
		default:
			ws = append(ws, w)
		}
	}
	d, days, vague, err := readDuration(ws)
	if err != nil {
		return Moment{}, true, err
	}
	approx = approx || vague
	if days > 0 {
		today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, now.Location())
		m = dayMoment(today.AddDate(0, 0, -days), now)
	} else {
		m = Moment{Time: now.Add(-d).Truncate(time.Minute), Precision: Minute}
	}
	m.Approx = approx
	return m, true, nil
}

// readDuration reads terms like "een uur", "20 minuten" or "twee en een
// half uur", joined by "en" or "and". A duration in days or weeks is
// returned in days, and must not be mixed with hours or minutes.
func readDuration(ws []string) (d time.Duration, days int, vague bool, err error) {
	var inDays float64
	for len(ws) > 0 {
		q, n, qVague, err := readQuantity(ws)
		if err != nil {
			return 0, 0, false, err
		}
		ws = ws[n:]
		if len(ws) == 0 {
			return 0, 0, false, ErrUnreadable
		}
		u, ok := units[ws[0]]
		if !ok {
			return 0, 0, false, ErrUnreadable
		}
		ws = ws[1:]
		// "an hour and a half", "een uur en een half".
		if len(ws) >= 3 && isAnd(ws[0]) && isArticle(ws[1]) && ws[2] == "half" {
			q += 0.5
			ws = ws[3:]
		}
		vague = vague || qVague || u.small
		if u.days > 0 {
			inDays += q * float64(u.days)
		} else {
			if q*float64(u.length) > float64(maxAgo) {
				return 0, 0, false, ErrTooOld
			}
			if d += time.Duration(q * float64(u.length)); d > maxAgo {
				return 0, 0, false, ErrTooOld
			}
		}
		if len(ws) > 0 {
			if !isAnd(ws[0]) || len(ws) == 1 {
				return 0, 0, false, ErrUnreadable
			}
			ws = ws[1:]
		}
	}
	switch {
	case inDays > 0 && d > 0, inDays != float64(int(inDays)):
		return 0, 0, false, ErrUnreadable
	case inDays > float64(maxAgo/(24*time.Hour)) || d > maxAgo:
		return 0, 0, false, ErrTooOld
	}
	return d, int(inDays), vague, nil
}

// readQuantity reads how many units a term counts and how many words that
// took: "tien", "10", "1.5", "een", "een half", "anderhalf", "tweeënhalf",
// "twee en een half", "een paar" (vague).
func readQuantity(ws []string) (q float64, n int, vague bool, err error) {
	if isArticle(ws[0]) {
		n = 1
	}
	if n >= len(ws) {
		return 0, 0, false, ErrUnreadable
	}
	switch w := ws[n]; {
	case w == "half":
		q, n = 0.5, n+1
		if n < len(ws) && isArticle(ws[n]) { // "half an hour"
			n++
		}
		return q, n, false, nil
	case w == "anderhalf" || w == "anderhalve":
		return 1.5, n + 1, false, nil
	case w == "paar" || w == "couple":
		return 2, n + 1, true, nil
	case w == "enkele" || w == "few" || w == "several" || w == "aantal":
		return 3, n + 1, true, nil
	case halfWordRe.MatchString(w):
		whole, _, ok := numberWord(halfWordRe.FindStringSubmatch(w)[1])
		if !ok {
			return 0, 0, false, ErrUnreadable
		}
		return float64(whole) + 0.5, n + 1, false, nil
	}
	if v, ok := quantity(ws[n]); ok {
		q, n = v, n+1
		// "twee en een half uur", "two and a half hours".
		if n+2 < len(ws) && isAnd(ws[n]) && isArticle(ws[n+1]) && ws[n+2] == "half" {
			q, n = q+0.5, n+3
		}
		return q, n, false, nil
	}
	if n == 1 { // the article alone: "een uur", "an hour"
		return 1, 1, false, nil
	}
	return 0, 0, false, ErrUnreadable
}

// quantity reads a number in words or digits, with a decimal point.
func quantity(w string) (float64, bool) {
	if n, _, ok := numberWord(w); ok {
		return float64(n), true
	}
	if !decimalRe.MatchString(w) {
		return 0, false
	}
	v, err := strconv.ParseFloat(w, 64)
	return v, err == nil
}

func isArticle(w string) bool { return w == "een" || w == "a" || w == "an" }

func isAnd(w string) bool { return w == "en" || w == "and" || w == "&" || w == "+" }
