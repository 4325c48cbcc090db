package form

import (
	"slices"
	"strconv"
	"strings"
	"unicode"

	"meldbot/bot/when"
)

// Pending is what a question still has to ask before its answer is
// stored: which of two readings of a clock time was meant, who the names
// typed at a Names question are, or the rest of a text longer than a
// message. Exactly one of Readings, Names and Text is set. The caller keeps
// it with the conversation and asks the follow-up question it stands for.
type Pending struct {
	// Readings are both readings of a clock time typed without a part of
	// the day ("om half drie"), in time order.
	Readings []when.Moment `json:"readings,omitempty"`
	// Typed is the text the readings were read from.
	Typed string `json:"typed,omitempty"`
	// Names are the names typed at a Names question; the first one not
	// settled is asked about.
	Names []Mention `json:"names,omitempty"`
	// Text is the start of a long text, kept while its rest follows.
	Text string `json:"text,omitempty"`
}

// Keys of the buttons of a follow-up question.
const (
	// Yes confirms the only person a name may be.
	Yes = "yes"
	// Nobody says a name is none of the people suggested: it is kept as
	// typed.
	Nobody = "no"
	// Done ends a long text at what was sent so far.
	Done = "done"
)

// ReadingKey is the key of the button of the i-th reading.
func ReadingKey(i int) string { return "t" + strconv.Itoa(i) }

// PersonKey is the key of the button of a candidate for a name.
func PersonKey(p Person) string { return "p=" + p.Key }

// Open returns the mention the follow-up asks about, or nil when it asks
// about no name.
func (p *Pending) Open() *Mention {
	for i := range p.Names {
		if !p.Names[i].Settled {
			return &p.Names[i]
		}
	}
	return nil
}

// Choose applies a button of the follow-up question. It returns the answer
// once nothing is left to ask, and false for a key that is not one of the
// question's buttons.
func (p *Pending) Choose(key string) (*Answer, bool) {
	switch {
	case len(p.Readings) > 0:
		for i, m := range p.Readings {
			if key == ReadingKey(i) {
				return &Answer{Moment: &m}, true
			}
		}
		return nil, false
	case p.Open() != nil:
		m := p.Open()
		switch {
		case key == Nobody:
			m.Candidates, m.Settled = nil, true
		case key == Yes && len(m.Candidates) == 1:
			m.Person, m.Candidates, m.Settled = &m.Candidates[0], nil, true
		default:
			found := false
			for _, c := range m.Candidates {
				if key == PersonKey(c) {
					m.Person, m.Candidates, m.Settled, found = &c, nil, true, true
					break
				}
			}
			if !found {
				return nil, false
			}
		}
		return p.settled(), true
	case p.Text != "" && key == Done:
		return &Answer{Text: p.Text}, true
	}
	return nil, false
}

// settled returns the answer of the names once each is settled.
func (p *Pending) settled() *Answer {
	if p.Open() != nil {
		return nil
	}
	a := NamesAnswer(p.Names)
	return &a
}

// Read reads text typed at the follow-up question of step s: a button by
// its number or label, a part of the day that picks a reading ("'s
// middags"), someone else's name for the name asked about, the rest of a
// long text or "klaar". Text that is none of these is read as a new answer
// to s. The Reading holds the answer, a changed follow-up, or a problem.
func (s Step[E]) ReadPending(p Pending, text string, c Context) Reading {
	text = strings.TrimSpace(text)
	p.Names = slices.Clone(p.Names) // the caller's follow-up stays as it was
	if o, ok := FindOption(c.Options, text); ok {
		if a, ok := p.Choose(o.Key); ok {
			if a == nil {
				return Reading{Pending: &p}
			}
			return Reading{Answer: a}
		}
	}
	switch {
	case len(p.Readings) > 0:
		// "'s middags" after "om half drie": the two together are one
		// moment.
		if m, err := when.Parse(p.Typed+" "+text, c.Now); err == nil {
			for _, r := range p.Readings {
				if r.Time.Equal(m.Time) {
					return Reading{Answer: &Answer{Moment: &m}}
				}
			}
		}
	case p.Open() != nil:
		if noWords[Fold(text)] {
			p.Choose(Nobody)
		} else {
			*p.Open() = p.Open().Rematch(text, c.People)
		}
		if a := p.settled(); a != nil {
			return Reading{Answer: a}
		}
		return Reading{Pending: &p}
	case p.Text != "":
		if doneWords[Fold(text)] {
			return Reading{Answer: &Answer{Text: p.Text}}
		}
		return s.readLong(p.Text+" ", text, c)
	}
	return s.Read(text, c)
}

// noWords say a name is nobody suggested.
var noWords = map[string]bool{"nee": true, "neen": true, "no": true, "niemand": true, "nobody": true, "iemand anders": true, "someone else": true,
	"geen": true, "none": true, "geen van beiden": true, "geen van allen": true, "neither": true, "none of them": true}

// doneWords end a long text.
var doneWords = map[string]bool{"klaar": true, "done": true, "dat was het": true, "dat is alles": true, "that's all": true, "thats all": true, "finished": true}

// readLong reads a message of a Long text question, after the text kept so
// far: a message up to c.Limit characters completes the answer, a longer
// one is kept up to the limit and the rest is asked for. The answer never
// grows beyond the step's MaxLen: what goes past it is returned as
// Dropped, for the person to be told.
func (s Step[E]) readLong(before, text string, c Context) Reading {
	kept, rest := cutText(text, c.Limit)
	all := before + kept
	if s.MaxLen > 0 && len([]rune(all)) >= s.MaxLen {
		all, over := cutText(all, s.MaxLen)
		return Reading{Answer: &Answer{Text: all}, Dropped: strings.TrimSpace(over + " " + rest)}
	}
	if rest == "" {
		if len([]rune(all)) < s.MinLen {
			return Reading{Problem: TooShort}
		}
		return Reading{Answer: &Answer{Text: all}}
	}
	return Reading{Pending: &Pending{Text: all}}
}

// cutText splits text at the last space within limit characters, or at the
// limit when a word is longer: the part kept and the rest.
func cutText(text string, limit int) (kept, rest string) {
	r := []rune(text)
	if limit <= 0 || len(r) <= limit {
		return text, ""
	}
	cut := limit
	for i := limit; i > limit/2; i-- {
		if unicode.IsSpace(r[i]) {
			cut = i
			break
		}
	}
	return strings.TrimRightFunc(string(r[:cut]), unicode.IsSpace), strings.TrimLeftFunc(string(r[cut:]), unicode.IsSpace)
}
