package form

import (
	"slices"

	"meldbot/bot/when"
)

// Answer is the answer to one question: the keys of the buttons chosen,
// typed text, or a moment. The answer to a Names question is the names as
// text and, in People, the keys of those recognised.
type Answer struct {
	Keys   []string     `json:"keys,omitempty"`
	Text   string       `json:"text,omitempty"`
	Moment *when.Moment `json:"moment,omitempty"`
	People []string     `json:"people,omitempty"`
}

// Key returns the single chosen option, or "".
func (a Answer) Key() string {
	if len(a.Keys) == 0 {
		return ""
	}
	return a.Keys[0]
}

// Skipped is the key of a skippable question answered with "nothing to
// add".
const Skipped = "skip"

// Answers are the answers of a form, by question ID.
type Answers map[string]Answer

// Key returns the single option chosen at a question, or "".
func (a Answers) Key(id string) string { return a[id].Key() }

// Has reports whether key is among the options chosen at a question.
func (a Answers) Has(id, key string) bool { return slices.Contains(a[id].Keys, key) }

// Text returns the text typed at a question, or "".
func (a Answers) Text(id string) string { return a[id].Text }

// Yes reports whether a yes/no question was answered yes.
func (a Answers) Yes(id string) bool { return a.Key(id) == "yes" }
