// Package setting describes a missing or invalid setting in a chat
// adapter's configuration. The adapter knows what is wrong with a field of
// its Config; a program that reads the settings from somewhere (the
// environment, say) words the same error with its own names for them.
package setting

import (
	"regexp"
	"strconv"
)

// Error is a missing or invalid field of an adapter's Config.
type Error struct {
	Adapter string // the adapter: "mattermost", "slack"
	Field   string // the Config field at fault, e.g. "CallbackURL"
	Name    string // the setting in words, e.g. "the callback URL"
	Value   string // the value at fault, shown after the name; "" when missing or secret
	Problem string // what is wrong, e.g. "is not set", "is not an http(s) URL"
	// Hint says what belongs in the setting, or is "". It may name another
	// field of the Config as {Field}.
	Hint string
}

// Error words the error with the adapter's names for settings, e.g.
// `mattermost: the callback URL "ftp://x" is not an http(s) URL`.
func (e *Error) Error() string {
	return e.Adapter + ": " + e.words(e.Name, " ", func(field string) string { return field })
}

// Message words the error with name(field) for the setting at fault and for
// every field its hint mentions, e.g. with names of environment variables:
// `MELDBOT_MATTERMOST_CALLBACK_URL="ftp://x" is not an http(s) URL`.
func (e *Error) Message(name func(field string) string) string {
	return e.words(name(e.Field), "=", name)
}

var fieldRef = regexp.MustCompile(`\{(\w+)\}`)

func (e *Error) words(subject, beforeValue string, name func(string) string) string {
	s := subject
	if e.Value != "" {
		s += beforeValue + strconv.Quote(e.Value)
	}
	s += " " + e.Problem
	if e.Hint != "" {
		s += ": " + fieldRef.ReplaceAllStringFunc(e.Hint, func(ref string) string { return name(ref[1 : len(ref)-1]) })
	}
	return s
}
