package bot_test

import (
	"context"
	"testing"

	"meldbot/bot/bottest"
	"meldbot/bot/policy"
)

// A duty with nobody to ask (nobody with the role and no coordinator) has
// not started: it says so, sends nothing and is asked again next time.
func TestADutyWithNobodyToAskHasNotStarted(t *testing.T) {
	org := bottest.SampleOrg(t)
	for i := range org.People {
		org.People[i].Roles = nil
	}
	h := bottest.New(t, bottest.WithOrg(org))
	duty := policy.Duty{Row: "F2", Role: policy.RoleFacility, Scope: policy.ScopeLocation, Kind: policy.DutyAlarmTest, DueWorkingDays: 5}
	occ := policy.Occurrence{Duty: duty, Period: "2026-11", Scope: "werf", At: h.Clock.Now()}
	for range 2 {
		started, err := h.Bot.StartOccurrence(context.Background(), occ)
		if err != nil || started {
			t.Fatalf("started = %v, %v; want not started", started, err)
		}
	}
	h.Flush()
	if got := h.Received(); len(got) != 0 {
		t.Errorf("sent with nobody to ask:\n%s", bottest.FormatDeliveries(got))
	}
}
