// Package orgfile reads the organisation file (meldbot.yaml) into a
// bot.Organisation, and explains every problem it finds with the line it is
// on and what to do about it.
package orgfile

import (
	_ "embed"
	"errors"
	"fmt"
	"os"
	"strings"

	"go.yaml.in/yaml/v3"

	"meldbot/bot"
)

// Example is the bundled sample organisation, a small municipality. meldbot
// runs on it when no organisation file is given.
//
//go:embed meldbot.example.yaml
var Example []byte

// ExampleName is the name Example is reported under in messages.
const ExampleName = "meldbot.example.yaml (bundled)"

// Problem is one thing wrong in an organisation file.
type Problem struct {
	Line, Column int
	// Msg says what is wrong; Fix says what to do about it.
	Msg, Fix string
}

// Problems is every problem found in a file. It is the error Parse returns.
type Problems struct {
	File string
	List []Problem
}

func (p *Problems) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d problem(s)", p.File, len(p.List))
	for _, q := range p.List {
		b.WriteString("\n  ")
		if q.Line > 0 {
			fmt.Fprintf(&b, "line %d, column %d: ", q.Line, q.Column)
		}
		b.WriteString(q.Msg)
		if q.Fix != "" {
			b.WriteString("\n      fix: " + q.Fix)
		}
	}
	return b.String()
}

func (p *Problems) add(line, col int, fix, format string, args ...any) {
	p.List = append(p.List, Problem{Line: line, Column: col, Msg: fmt.Sprintf(format, args...), Fix: fix})
}

// Load reads and checks the organisation file at path.
func Load(path string) (*bot.Organisation, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(path, data)
}

// Parse reads and checks an organisation file. name is used in messages.
// When the file has problems, the error is a *Problems listing all of them.
func Parse(name string, data []byte) (*bot.Organisation, error) {
	var f file
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true)
	probs := &Problems{File: name}
	if err := dec.Decode(&f); err != nil {
		var te *yaml.TypeError
		switch {
		case errors.As(err, &te):
			for _, e := range te.Errors {
				line, msg := splitLine(e)
				probs.add(line, 1, fixFor(msg), "%s", msg)
			}
		default:
			line, msg := splitLine(err.Error())
			if line == 0 && strings.Contains(msg, "EOF") {
				msg = "the file is empty"
			}
			probs.add(line, 1, "check the indentation and the quotes around values with a colon or #", "%s", msg)
		}
		return nil, probs
	}
	org := f.check(probs)
	if len(probs.List) > 0 {
		return nil, probs
	}
	return org, nil
}

// splitLine turns "yaml: line 12: did not find expected key" into 12 and the
// rest of the message.
func splitLine(s string) (int, string) {
	s = strings.TrimPrefix(s, "yaml: ")
	var line int
	if n, _ := fmt.Sscanf(s, "line %d:", &line); n == 1 {
		_, rest, _ := strings.Cut(s, ":")
		return line, strings.TrimSpace(rest)
	}
	return 0, s
}

func fixFor(msg string) string {
	if strings.Contains(msg, "not found in type") {
		return "remove the field or correct its spelling; docs/organisation-file.md lists every field"
	}
	return "see docs/organisation-file.md for the expected form"
}
