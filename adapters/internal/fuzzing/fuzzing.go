// Package fuzzing holds what the chat adapters' fuzz targets share to check
// that a request leaves nothing behind it should not: a store that counts
// its writes, and a log that counts the panics the adapter or the bot
// recovered from. Both keep nothing else, as a fuzz target runs many
// thousand times.
package fuzzing

import (
	"context"
	"encoding/json"
	"strings"
	"sync/atomic"

	"meldbot/bot"
)

// Writes is a bot.Store that counts the transactions that changed it.
type Writes struct {
	bot.Store
	n atomic.Int64
}

// Update runs fn in a transaction of the store, and counts it when it
// succeeds.
func (s *Writes) Update(ctx context.Context, fn func(bot.Tx) error) error {
	err := s.Store.Update(ctx, fn)
	if err == nil {
		s.n.Add(1)
	}
	return err
}

// Count returns how many transactions changed the store.
func (s *Writes) Count() int64 { return s.n.Load() }

// Panics is a log writer for zerolog's JSON lines that counts those telling
// of a recovered panic: a message that says one panicked, or an error that
// starts with "panic". It keeps no line.
type Panics struct{ n atomic.Int64 }

// Write counts p if it tells of a panic.
func (p *Panics) Write(b []byte) (int, error) {
	var line struct{ Message, Error string }
	if json.Unmarshal(b, &line) == nil && (strings.Contains(line.Message, "panicked") || strings.HasPrefix(line.Error, "panic")) {
		p.n.Add(1)
	}
	return len(b), nil
}

// Count returns how many lines told of a panic.
func (p *Panics) Count() int64 { return p.n.Load() }
