package bot_test

import (
	"testing"

	"meldbot/bot/bottest"
)

func TestMatrix_E7_ReportConversation(t *testing.T) {
	h := bottest.New(t)
	bottest.Run(t, h, bottest.ReportScript, h.User)
}
