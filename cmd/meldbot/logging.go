package main

import (
	"io"
	"os"
	"strings"
	"time"

	"github.com/rs/zerolog"
)

// newLogger returns a logger writing to w: readable text on a terminal, JSON
// otherwise (or as MELDBOT_LOG_FORMAT says), at MELDBOT_LOG_LEVEL or level.
func newLogger(w io.Writer, level zerolog.Level) zerolog.Logger {
	if l, err := zerolog.ParseLevel(strings.ToLower(os.Getenv("MELDBOT_LOG_LEVEL"))); err == nil && l != zerolog.NoLevel {
		level = l
	}
	format := strings.ToLower(os.Getenv("MELDBOT_LOG_FORMAT"))
	if format == "" {
		format = "json"
		if isTerminal(w) {
			format = "text"
		}
	}
	if format == "text" {
		w = zerolog.ConsoleWriter{Out: w, TimeFormat: time.TimeOnly}
	}
	return zerolog.New(w).Level(level).With().Timestamp().Logger()
}

// isTerminal reports whether f (a reader or writer) is a terminal.
func isTerminal(f any) bool {
	file, ok := f.(*os.File)
	if !ok {
		return false
	}
	st, err := file.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
