package console

import "regexp"

// The bot's portable markup has *strong* and _emphasised_ words: a marker
// on each side of text that neither starts nor ends with a space, not
// inside a word (so an address such as tom_smit@example.nl is left alone).
var (
	strong     = regexp.MustCompile(`(^|[^\pL\pN*])\*([^*\s](?:[^*\n]*[^*\s])?)\*($|[^\pL\pN*])`)
	emphasised = regexp.MustCompile(`(^|[^\pL\pN_])_([^_\s](?:[^_\n]*[^_\s])?)_($|[^\pL\pN_])`)
)

// ANSI styles for a terminal: bold and italic, each with its own reset.
const (
	boldOn, boldOff     = "\x1b[1m", "\x1b[22m"
	italicOn, italicOff = "\x1b[3m", "\x1b[23m"
)

// styled renders the markup of one line: bold and italic on a terminal,
// the words alone elsewhere. The markers never show.
func styled(line string, ansi bool) string {
	b, eb, i, ei := "", "", "", ""
	if ansi {
		b, eb, i, ei = boldOn, boldOff, italicOn, italicOff
	}
	line = replaceAll(strong, line, "${1}"+b+"${2}"+eb+"${3}")
	return replaceAll(emphasised, line, "${1}"+i+"${2}"+ei+"${3}")
}

// replaceAll replaces every match of re, also matches that share the
// character between them ("*a* *b*"), which one pass of
// ReplaceAllString leaves alone.
func replaceAll(re *regexp.Regexp, s, repl string) string {
	for {
		out := re.ReplaceAllString(s, repl)
		if out == s {
			return out
		}
		s = out
	}
}
