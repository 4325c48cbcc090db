package orgfile_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"meldbot/bot"
	"meldbot/bot/bottest"
	"meldbot/bot/calendar"
	"meldbot/bot/locale"
	"meldbot/bot/orgfile"
)

// FuzzOrganisationFile checks any file: Parse never panics; a file it
// refuses gets problems, each with a message; a file it accepts makes a bot
// whose calendar counts out every deadline of its timings.
//
//	go test ./bot/orgfile -run '^$' -fuzz FuzzOrganisationFile -fuzztime 1m
func FuzzOrganisationFile(f *testing.F) {
	f.Add(orgfile.Example)
	f.Add([]byte(strings.Replace(string(orgfile.Example), "register:", "timings:\n  task_working_days: 120\n  first_care_working_hours: 40\n  follow_ups: [1d, 365d]\nregister:", 1)))
	f.Add([]byte("organisation: x\npeople:\n  - email: a@b.nl\n    roles: [coordinator]\nworking_hours:\n  start: \"23:58\"\n  end: \"23:59\"\n  days: [zo]\n"))
	f.Add([]byte("organisation: &a [*a]\n"))
	f.Add([]byte(""))
	texts, err := locale.NewCatalog()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		org, err := orgfile.Parse("fuzz.yaml", data)
		if err != nil {
			var probs *orgfile.Problems
			if !errors.As(err, &probs) || len(probs.List) == 0 {
				t.Fatalf("Parse = %v, want problems", err)
			}
			for _, p := range probs.List {
				if p.Msg == "" {
					t.Fatalf("a problem without a message: %+v", p)
				}
			}
			return
		}
		if _, err := bot.New(bot.Config{Org: org, Store: bottest.NewMemStore(), Catalog: texts}); err != nil {
			t.Fatalf("the accepted file makes no bot: %v", err)
		}
		cal, err := org.WorkingCalendar()
		if err != nil {
			t.Fatalf("the accepted file has no working calendar: %v", err)
		}
		now := time.Date(2026, 11, 27, 15, 0, 0, 0, org.Zone())
		for _, kind := range calendar.Kinds {
			for _, urgent := range []bool{false, true} {
				plans, _ := cal.PlanEach(kind, now, urgent)
				for _, p := range plans {
					if p.Due.Before(p.Start) || cal.EscalateAt(p, cal.EscalateAfter(p.Urgent)).Before(p.Due) {
						t.Fatalf("%s for a report at %v: %+v", kind, now, p)
					}
				}
			}
		}
	})
}
