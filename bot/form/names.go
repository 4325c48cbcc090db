package form

import (
	"slices"
	"strings"
)

// Person is someone a Names question can recognise: Key identifies them
// (an e-mail address), Name is their full name.
type Person struct {
	Key  string `json:"key"`
	Name string `json:"name"`
}

// Mention is one name typed at a Names question and who it may be. It is
// settled when the person who typed it said who it is, or when it could
// only be one: a full name or an address. A settled mention without a
// Person is someone outside the directory, kept as typed.
type Mention struct {
	Typed      string   `json:"typed"`
	Candidates []Person `json:"candidates,omitempty"`
	Person     *Person  `json:"person,omitempty"`
	Settled    bool     `json:"settled,omitempty"`
}

// Shown returns how the mention reads in an answer: the full name of the
// person it is, or the text as typed.
func (m Mention) Shown() string {
	if m.Person != nil {
		return m.Person.Name
	}
	return m.Typed
}

// MatchNames splits text into the names it lists ("Fatima en Ahmed",
// "Tom Smit, een bezoeker") and finds who each may be among people: a full
// name or key settles it; a first name, a surname or another distinctive
// part of a name ("Ouali", "de Vries") makes candidates to confirm; a name
// that fits nobody is settled as typed.
func MatchNames(text string, people []Person) []Mention {
	var out []Mention
	folded := foldPeople(people)
	for _, part := range splitNames(text) {
		out = append(out, matchName(part, people, folded))
	}
	return out
}

// Rematch reads text typed as a correction of mention m: who was meant
// instead. A part of a name that leaves one of m's candidates ("Bos" when
// asked which Jan) settles it; a name that fits nobody is kept as typed.
func (m Mention) Rematch(text string, people []Person) Mention {
	n := matchName(strings.TrimSpace(text), people, foldPeople(people))
	var among []Person
	for _, c := range n.Candidates {
		if slices.Contains(m.Candidates, c) {
			among = append(among, c)
		}
	}
	if len(among) == 1 {
		n.Person, n.Candidates, n.Settled = &among[0], nil, true
	}
	return n
}

// NamesAnswer is the answer of settled mentions: their names, joined by
// commas, and the keys of the people recognised.
func NamesAnswer(ms []Mention) Answer {
	var names, keys []string
	for _, m := range ms {
		names = append(names, m.Shown())
		if m.Person != nil && !slices.Contains(keys, m.Person.Key) {
			keys = append(keys, m.Person.Key)
		}
	}
	return Answer{Text: strings.Join(names, ", "), People: keys}
}

// nameSeparators split a list of names: "Fatima en Ahmed", "Tom, Noor &
// een bezoeker", one per line.
var nameSeparators = strings.NewReplacer(" en ", ",", " and ", ",", ";", ",", "/", ",", "+", ",", "&", ",", "\n", ",")

func splitNames(text string) []string {
	var out []string
	for _, p := range strings.Split(nameSeparators.Replace(" "+text+" "), ",") {
		if p = strings.Trim(strings.TrimSpace(p), ".!?"); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// foldedPerson is a Person as typed text is compared with: the folded key
// and the words of the name.
type foldedPerson struct {
	key   string
	words []string
}

// foldPeople folds every person once, for all the names of one message.
func foldPeople(people []Person) []foldedPerson {
	out := make([]foldedPerson, len(people))
	for i, p := range people {
		out[i] = foldedPerson{key: Fold(p.Key), words: nameWords(p.Name)}
	}
	return out
}

// matchName finds who typed may be among people; folded holds the same
// people, folded (foldPeople).
func matchName(typed string, people []Person, folded []foldedPerson) Mention {
	m := Mention{Typed: typed}
	words := nameWords(typed)
	if len(words) == 0 {
		m.Settled = true
		return m
	}
	// A full name or address, alone or within the text ("Tom Smit van de
	// balie"), is who was meant.
	key := Fold(typed)
	var full []Person
	for i, p := range people {
		if key == folded[i].key || containsRun(words, folded[i].words) {
			full = append(full, p)
		}
	}
	if len(full) == 1 {
		m.Person, m.Settled = &full[0], true
		return m
	}
	if len(full) > 1 {
		m.Candidates = full
		return m
	}
	for i, p := range people {
		if fitsPart(words, folded[i].words) {
			m.Candidates = append(m.Candidates, p)
		}
	}
	m.Settled = len(m.Candidates) == 0
	return m
}

// fitsPart reports whether the typed words hold a distinctive part of a
// name: the first name, the surname with its particles ("de vries"), or a
// word of the surname of three letters or more that is not a particle.
func fitsPart(typed, name []string) bool {
	if len(name) == 0 {
		return false
	}
	if slices.Contains(typed, name[0]) {
		return true
	}
	if len(name) > 1 && containsRun(typed, name[1:]) {
		return true
	}
	for _, w := range name[1:] {
		if len([]rune(w)) >= 3 && !particles[w] && slices.Contains(typed, w) {
			return true
		}
	}
	return false
}

// particles are the small words of Dutch and other surnames that do not
// tell people apart.
var particles = map[string]bool{
	"de": true, "den": true, "der": true, "van": true, "het": true, "ter": true, "ten": true, "te": true, "in": true,
	"op": true, "el": true, "al": true, "la": true, "le": true, "von": true, "da": true, "di": true, "du": true, "bin": true,
}

// nameWords folds a name into its words: "Fatima El-Amrani" is fatima, el,
// amrani.
func nameWords(s string) []string {
	return strings.FieldsFunc(Fold(s), func(r rune) bool { return isSeparator(r) && r != '\'' })
}

// containsRun reports whether run stands in words as consecutive words.
func containsRun(words, run []string) bool {
	if len(run) == 0 {
		return false
	}
	for i := 0; i+len(run) <= len(words); i++ {
		if slices.Equal(words[i:i+len(run)], run) {
			return true
		}
	}
	return false
}
