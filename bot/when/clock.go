package when

import (
	"regexp"
	"strconv"
)

// clock is a time of day as typed.
type clock struct {
	minutes int  // since midnight, 0 to 24*60
	twelve  bool // said on a 12-hour clock: "3 uur" may be 03:00 or 15:00
}

const day = 24 * 60

// newClock builds the clock time h:m typed in digits or words. A time with
// am or pm is on the 12-hour clock; one with an hour from 1 to 12 and no
// leading zero is twelve ("9:15" is 09:15 or 21:15, "09:15" is 09:15).
func newClock(h, m int, leadingZero bool, meridiem string) (clock, error) {
	if h < 0 || h > 24 || m < 0 || m > 59 || (h == 24 && m != 0) {
		return clock{}, ErrUnreadable
	}
	c := clock{minutes: h*60 + m, twelve: h >= 1 && h <= 12 && !leadingZero}
	return c.withMeridiem(h, meridiem)
}

// withMeridiem applies "am" or "pm" to a clock time whose named hour was h.
func (c clock) withMeridiem(h int, meridiem string) (clock, error) {
	switch meridiem {
	case "":
		return c, nil
	case "am", "pm":
		if h < 1 || h > 12 {
			return clock{}, ErrUnreadable // "14:30pm"
		}
		c.minutes %= day / 2
		if meridiem == "pm" {
			c.minutes += day / 2
		}
		c.twelve = false
		return c, nil
	}
	return clock{}, ErrUnreadable
}

var (
	// timeRe reads "14:30", "9.15", "15u30", "15h30", "3:30pm".
	timeRe = regexp.MustCompile(`^(\d{1,2})[:.hu](\d{2})(am|pm)?$`)
	// hourUnitRe reads "14uur", "14u", "4pm", "3:30pm", "15.30uur".
	hourUnitRe = regexp.MustCompile(`^(\d{1,2})(?:[:.](\d{2}))?(uur|u|h|am|pm)$`)
	// hourDigitsRe reads an hour in a clock phrase: "half 3", "kwart over 9uur".
	hourDigitsRe = regexp.MustCompile(`^(\d{1,2})(uur|u|h|am|pm)?$`)
)

// Directions of "tien over drie", "kwart voor negen", "ten past three",
// "quarter to nine": after or before the hour.
var (
	dutchDirections   = map[string]int{"over": 1, "voor": -1}
	englishDirections = map[string]int{"past": 1, "after": 1, "to": -1, "before": -1, "til": -1, "till": -1}
)

var minuteUnits = map[string]bool{"minuut": true, "minuten": true, "min": true, "minute": true, "minutes": true, "mins": true}

// readClock reads a clock time spelled out at the start of words and
// returns how many words it took, or 0 when there is none:
//
//	kwart over 9, tien voor half vier, vijf over half twee, half drie,
//	half 3, drie uur, om drieën, quarter to nine, half past two,
//	ten past three pm, three o'clock, two thirty pm
//
// Times in digits alone ("14:30", "3pm") are read by scan.
func readClock(words []string) (clock, int, error) {
	if c, n, err := readOffset(words); n > 0 || err != nil {
		return c, n, err
	}
	if words[0] == "half" && len(words) > 1 {
		h, ok := hour(words[1])
		if !ok {
			return clock{}, 0, nil
		}
		at := h.h*60 - 30 // Dutch "half drie" is 2:30
		if h.english {
			at = h.h*60 + 30 // British "half two" is 2:30
		}
		return finishClock(words, 2, h, at)
	}
	if h, ok := hourPlurals[words[0]]; ok {
		return finishClock(words, 1, namedHour{h: h}, h*60)
	}
	h, ok := hourWord(words[0])
	if !ok {
		return clock{}, 0, nil
	}
	n := 1
	if len(words) > 1 && words[1] == "uur" {
		n = 2
	} else if words[0] == "een" {
		return clock{}, 0, nil // "een" alone is not one o'clock
	}
	// "two thirty", "nine fifteen".
	if h.english && n == 1 && len(words) > 1 {
		if m, eng, ok := numberWord(words[1]); ok && eng && m >= 10 {
			return finishClock(words, 2, h, h.h*60+m)
		}
	}
	return finishClock(words, n, h, h.h*60)
}

// readOffset reads minutes before or after an hour or half hour: "kwart
// over 9", "tien voor half vier", "5 minuten over drie", "quarter to
// nine", "half past two".
func readOffset(words []string) (clock, int, error) {
	if len(words) < 3 {
		return clock{}, 0, nil
	}
	var offset int
	switch w := words[0]; w {
	case "kwart", "quarter":
		offset = 15
	case "half":
		offset = 30 // only "half past"
	default:
		n, ok := count(w)
		if !ok || n < 1 || n > 29 {
			return clock{}, 0, nil
		}
		offset = n
	}
	i := 1
	if minuteUnits[words[i]] {
		i++
	}
	if i+1 >= len(words) {
		return clock{}, 0, nil
	}
	dir, dutch := dutchDirections[words[i]]
	if !dutch {
		var ok bool
		if dir, ok = englishDirections[words[i]]; !ok {
			return clock{}, 0, nil
		}
	}
	if words[0] == "half" && (dutch || dir < 0) {
		return clock{}, 0, nil
	}
	i++
	halfBefore := false
	if dutch && words[i] == "half" && i+1 < len(words) {
		halfBefore = true
		i++
	}
	h, ok := hour(words[i])
	if !ok {
		return clock{}, 0, ErrUnreadable
	}
	at := h.h * 60
	if halfBefore {
		at -= 30
	}
	return finishClock(words, i+1, h, at+dir*offset)
}

// finishClock completes a clock phrase of n words that names hour h and
// means at minutes since midnight: it takes a following "uur", "am" or
// "pm".
func finishClock(words []string, n int, h namedHour, at int) (clock, int, error) {
	if n < len(words) && words[n] == "uur" {
		n++
	}
	meridiem := h.meridiem
	if n < len(words) && (words[n] == "am" || words[n] == "pm") {
		if meridiem != "" {
			return clock{}, 0, ErrUnreadable
		}
		meridiem = words[n]
		n++
	}
	if at < 0 || at > day {
		return clock{}, 0, ErrUnreadable
	}
	c := clock{minutes: at, twelve: h.h >= 1 && h.h <= 12 && !h.leadingZero}
	c, err := c.withMeridiem(h.h, meridiem)
	return c, n, err
}

// namedHour is the hour a clock phrase names: the "drie" of "half drie".
type namedHour struct {
	h           int
	leadingZero bool   // "half 03"
	english     bool   // an English word: "half two" is 2:30
	meridiem    string // "am" or "pm" typed with it: "half past 3pm"
}

// hour reads the hour of a clock phrase, in digits or words: 0 to 24.
func hour(w string) (namedHour, bool) {
	if m := hourDigitsRe.FindStringSubmatch(w); m != nil {
		h, _ := strconv.Atoi(m[1])
		mer := m[2]
		if mer != "am" && mer != "pm" {
			mer = ""
		}
		return namedHour{h: h, leadingZero: len(m[1]) == 2 && m[1][0] == '0', meridiem: mer}, h <= 24
	}
	return hourWord(w)
}

// hourWord reads an hour in words: "drie", "twaalf", "eleven".
func hourWord(w string) (namedHour, bool) {
	h, english, ok := numberWord(w)
	return namedHour{h: h, english: english}, ok && h <= 24
}
