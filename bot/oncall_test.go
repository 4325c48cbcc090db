package bot_test

import (
	"slices"
	"testing"

	"meldbot/bot"
	"meldbot/bot/bottest"
	"meldbot/bot/policy"
)

// Urgent first care outside working hours goes to who is on call: the
// department's own entry, else the organisation's, else nobody.
func TestOnCallForADepartment(t *testing.T) {
	org := bottest.SampleOrg(t)
	if got := org.OnCallFor("buitendienst"); got != nil {
		t.Errorf("without on_call: %v, want nobody", got)
	}
	org.OnCall = []bot.OnCall{
		{Person: bot.EmailOf("Piket@Voorbeeldrode.nl")},
		{Department: "publiekszaken", Role: policy.RoleDeputy},
		{Department: "sociaal", Role: policy.RoleManager},
	}
	for dept, want := range map[string][]bot.Email{
		"publiekszaken": {"fatima.elamrani@voorbeeldrode.nl"},
		"sociaal":       {"ingrid.mulder@voorbeeldrode.nl"},
		"buitendienst":  {"piket@voorbeeldrode.nl"},
		"":              {"piket@voorbeeldrode.nl"},
	} {
		if got := org.OnCallFor(dept); !slices.Equal(got, want) {
			t.Errorf("OnCallFor(%q) = %v, want %v", dept, got, want)
		}
	}
}
