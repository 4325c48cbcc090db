package bottest

import (
	"testing"

	"meldbot/bot"
)

func TestMemStoreContract(t *testing.T) {
	StoreContract(t, func(t *testing.T) bot.Store { return NewMemStore() })
}
