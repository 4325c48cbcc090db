package locale

import "strings"

// Lang is a language of the catalogue, by its code.
type Lang string

// The languages meldbot speaks.
const (
	Dutch   Lang = "nl"
	English Lang = "en"
)

// Langs lists the supported languages; the first is the default.
var Langs = []Lang{Dutch, English}

// ParseLang returns the language for a code or word such as "en", "Engels"
// or "nederlands", and false when it is not supported.
func ParseLang(s string) (Lang, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "nl", "nederlands", "dutch", "nl-nl":
		return Dutch, true
	case "en", "engels", "english", "en-gb", "en-us":
		return English, true
	}
	return "", false
}

// Pick returns the text of a language from texts given per language, such
// as a duty's own title, and the Dutch one when that language has none.
func Pick(texts map[Lang]string, lang Lang) string {
	if t := texts[lang]; t != "" {
		return t
	}
	return texts[Dutch]
}
