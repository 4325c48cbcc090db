package form

import (
	"errors"
	"strings"
	"time"

	"meldbot/bot/when"
)

// Word is a word that works at every question, whatever it asks.
type Word int

// The words that always work.
const (
	NoWord Word = iota
	Back        // terug: the question before
	Stop        // stop: throw the answers away (after asking, for long forms)
	Help        // help: explain the question
)

// WordOf returns the word that always works that text is, or NoWord.
func WordOf(text string) Word {
	switch Fold(text) {
	case "terug", "back", "vorige", "vorige vraag", "ga terug", "go back":
		return Back
	case "stop", "stoppen", "cancel", "annuleer", "annuleren", "afbreken", "quit":
		return Stop
	case "help", "hulp", "?":
		return Help
	}
	return NoWord
}

// Problem says why typed text is not an answer to a question.
type Problem int

// Problems with typed text.
const (
	NoProblem      Problem = iota
	NotAChoice             // a choice question, and the text names none of its buttons
	UnknownChoices         // a list, and some parts name no button (see Reading.Unknown)
	TooShort               // shorter than the question's MinLen
	NotAMoment             // not a moment (see Reading.Err)
	NotAnEndDate           // not a date in the future (see Reading.Err)
)

// Reading is what typed text means at a question: an answer, the key of a
// button it names (at a moment question, whose buttons act at once), or a
// problem.
type Reading struct {
	Answer  *Answer
	Choice  string
	Problem Problem
	// Unknown are the parts of a list that name no button.
	Unknown []string
	// Err is the moment parser's reason, for NotAMoment and NotAnEndDate.
	Err error
	// Pending is a follow-up question to ask before the answer is
	// stored: which reading of a time, who a name is, the rest of a text.
	Pending *Pending
	// Dropped is the end of a Long text that went past the step's MaxLen:
	// Answer holds the text up to there, and this part is not kept. The
	// person must be told.
	Dropped string
}

// Context is what typed text is read against: the question's buttons, the
// people a Names question recognises, the current time, and the longest
// message a Long text question reads at once (0: no limit).
type Context struct {
	Options []Option
	People  []Person
	Now     time.Time
	Limit   int
}

// Read reads typed text as the answer to question s.
func (s Step[E]) Read(text string, c Context) Reading {
	text = strings.TrimSpace(text)
	opts, now := c.Options, c.Now
	switch s.Kind {
	case OneOf, YesNo:
		if o, ok := FindOption(opts, text); ok {
			return Reading{Answer: &Answer{Keys: []string{o.Key}}}
		}
		return Reading{Problem: NotAChoice}
	case ManyOf:
		found, unknown := FindOptions(opts, text)
		if len(unknown) > 0 || len(found) == 0 {
			return Reading{Problem: UnknownChoices, Unknown: unknown}
		}
		keys := make([]string, len(found))
		for i, o := range found {
			keys[i] = o.Key
		}
		return Reading{Answer: &Answer{Keys: keys}}
	case Moment:
		// "1" is the first button, as at every other question; an hour is
		// typed as "1:00" or "1 uur".
		if o, ok := FindOption(opts, text); ok {
			return Reading{Choice: o.Key}
		}
		m, err := when.Parse(text, now)
		if amb, ok := errors.AsType[*when.Ambiguous](err); ok {
			return Reading{Pending: &Pending{Readings: amb.Readings, Typed: text}}
		}
		if err != nil {
			return Reading{Problem: NotAMoment, Err: err}
		}
		return Reading{Answer: &Answer{Moment: &m}}
	case Until:
		t, err := when.ParseUntil(text, now)
		if err != nil {
			return Reading{Problem: NotAnEndDate, Err: err}
		}
		return Reading{Answer: &Answer{Moment: &when.Moment{Time: t, Precision: when.Day}}}
	case Names:
		if o, ok := FindOption(opts, text); ok && Fold(text) == Fold(o.Label) {
			return Reading{Answer: &Answer{Keys: []string{o.Key}}}
		}
		if text == "-" || Fold(text) == "geen" || Fold(text) == "none" || Fold(text) == "niemand" || Fold(text) == "nobody" {
			return Reading{Answer: &Answer{Keys: []string{Skipped}}}
		}
		p := Pending{Names: MatchNames(text, c.People)}
		if a := p.settled(); a != nil {
			return Reading{Answer: a}
		}
		return Reading{Pending: &p}
	}
	if s.Skippable {
		if text == "-" || Fold(text) == "geen" || Fold(text) == "none" {
			return Reading{Answer: &Answer{Keys: []string{Skipped}}}
		}
		if o, ok := FindOption(opts, text); ok && Fold(text) == Fold(o.Label) {
			return Reading{Answer: &Answer{Keys: []string{o.Key}}}
		}
	}
	if s.Long {
		return s.readLong("", text, c)
	}
	if len([]rune(text)) < s.MinLen {
		return Reading{Problem: TooShort}
	}
	return Reading{Answer: &Answer{Text: text}}
}
