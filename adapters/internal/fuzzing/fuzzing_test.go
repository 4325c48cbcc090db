package fuzzing

import (
	"context"
	"errors"
	"testing"

	"github.com/rs/zerolog"

	"meldbot/bot"
	"meldbot/bot/bottest"
)

func TestWritesCountsTheTransactionsThatChangedTheStore(t *testing.T) {
	s := &Writes{Store: bottest.NewMemStore()}
	ctx := context.Background()
	_ = s.Update(ctx, func(tx bot.Tx) error { return tx.PutMark("k", "v") })
	_ = s.Update(ctx, func(tx bot.Tx) error { return errors.New("rolled back") })
	_ = s.View(ctx, func(tx bot.Tx) error { return nil })
	if s.Count() != 1 {
		t.Errorf("counted %d writes, want 1", s.Count())
	}
}

func TestPanicsCountsTheLinesThatTellOfAPanic(t *testing.T) {
	p := &Panics{}
	log := zerolog.New(p)
	log.Error().Str("panic", "x").Msg("slack: handling an event panicked")
	log.Error().Err(errors.New("panic while handling an event: nil map")).Msg("mattermost: handling a button click failed")
	log.Warn().Str("user_id", "panic").Err(errors.New("no panic here")).Msg("mattermost: refused a button click")
	if p.Count() != 2 {
		t.Errorf("counted %d panics, want 2", p.Count())
	}
}
