package schedules_test

import (
	"errors"
	"strings"
	"testing"

	"meldbot/bot/orgfile"
	"meldbot/schedules"
)

// loadWith loads the schedule of the sample organisation with a schedule
// section added to its file.
func loadWith(t *testing.T, schedule string) ([]schedules.Duty, error) {
	t.Helper()
	yaml := strings.Replace(string(orgfile.Example), "working_hours:", "schedule:\n"+schedule+"working_hours:", 1)
	org, err := orgfile.Parse("test.yaml", []byte(yaml))
	if err != nil {
		t.Fatal(err)
	}
	return schedules.Load(org, "test.yaml")
}

// A second entry for a row changes it further; it does not turn a duty
// that was turned off back on: the duty stays out of the cycle.
func TestLaterEntriesKeepARowTurnedOff(t *testing.T) {
	m3 := func(schedule string) *schedules.Duty {
		t.Helper()
		duties, err := loadWith(t, schedule)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range duties {
			if d.Row == "M3" {
				return &d
			}
		}
		return nil
	}
	if d := m3("  - row: M3\n    enabled: false\n  - row: M3\n    due_working_days: 5\n"); d != nil {
		t.Errorf("M3 with due=%d is in the cycle, want it off", d.DueWorkingDays)
	}
	if d := m3("  - row: M3\n    due_working_days: 5\n"); d == nil || d.DueWorkingDays != 5 {
		t.Errorf("M3 changed only in its deadline = %+v, want it in the cycle with 5 working days", d)
	}
}

// A duty that counts only on a month's first working day, with a cron that
// does not run on that day in some month, would silently not happen then;
// the file is refused at the cron's line.
func TestACronThatMissesTheFirstWorkingDayIsRefused(t *testing.T) {
	_, err := loadWith(t, `  - row: F2
    cron: "30 10 1 * *"
`)
	var probs *orgfile.Problems
	if !errors.As(err, &probs) || len(probs.List) != 1 {
		t.Fatalf("Load = %v, want one problem", err)
	}
	p := probs.List[0]
	if p.Line == 0 || !strings.Contains(p.Msg, "F2") || !strings.Contains(p.Msg, "first_working_day") || !strings.Contains(p.Fix, "1-7") {
		t.Errorf("problem = %+v", p)
	}
	// Turning first_working_day off makes the same cron fine.
	if _, err := loadWith(t, `  - row: F2
    cron: "30 10 1 * *"
    first_working_day: false
`); err != nil {
		t.Errorf("Load = %v", err)
	}
}

// Whether a cron misses a first working day is checked over the same fixed
// years whatever the date: a cron that misses one decades from now is
// refused today, with the same message every day, so an installation that
// starts today does not refuse to start in some later year.
func TestTheFirstWorkingDayCheckDoesNotDependOnToday(t *testing.T) {
	for _, tc := range []struct{ row, cron, missed string }{
		// 1 April 2051 is a Saturday and 3 April Easter Monday.
		{"B6", "0 9 1-3 4 *", "4 April 2051"},
		// 1 January 2027 is a Friday, a public holiday before a weekend.
		{"C6", "0 9 1-3 1,4,7,10 *", "4 January 2027"},
	} {
		_, err := loadWith(t, "  - row: "+tc.row+"\n    cron: \""+tc.cron+"\"\n")
		var probs *orgfile.Problems
		if !errors.As(err, &probs) || len(probs.List) != 1 {
			t.Errorf("%s %q: Load = %v, want one problem", tc.row, tc.cron, err)
			continue
		}
		if p := probs.List[0]; !strings.Contains(p.Msg, "does not run on "+tc.missed) {
			t.Errorf("%s %q: problem = %+v, want it to name %s", tc.row, tc.cron, p, tc.missed)
		}
	}
}

// A problem with a schedule is shown at the entry that set the cron, also
// when a later entry for the row changes something else.
func TestAScheduleProblemPointsAtTheEntryThatSetIt(t *testing.T) {
	line := func(schedule string) int {
		t.Helper()
		_, err := loadWith(t, schedule)
		var probs *orgfile.Problems
		if !errors.As(err, &probs) || len(probs.List) != 1 {
			t.Fatalf("Load = %v, want one problem", err)
		}
		return probs.List[0].Line
	}
	bad := "  - row: F2\n    cron: \"30 10 1 * *\"\n"
	want := line(bad)
	if got := line(bad + "  - row: F2\n    due_working_days: 3\n"); got != want {
		t.Errorf("the problem is shown at line %d, want %d where the cron is", got, want)
	}
}

// A cron that names only dates that do not exist would leave its duty
// silently undone; the file is refused at the cron's line.
func TestACronThatNeverRunsIsRefused(t *testing.T) {
	_, err := loadWith(t, `  - row: B6
    cron: "0 9 30 2 *"
    first_working_day: false
`)
	var probs *orgfile.Problems
	if !errors.As(err, &probs) || len(probs.List) != 1 {
		t.Fatalf("Load = %v, want one problem", err)
	}
	if p := probs.List[0]; p.Line == 0 || !strings.Contains(p.Msg, "B6") || !strings.Contains(p.Msg, "never runs") || !strings.Contains(p.Msg, "0 9 30 2 *") {
		t.Errorf("problem = %+v", p)
	}
	// 29 February comes every four years: that duty runs.
	if _, err := loadWith(t, `  - row: B6
    cron: "0 9 29 2 *"
    first_working_day: false
`); err != nil {
		t.Errorf("Load = %v", err)
	}
}

// BenchmarkLoad measures loading the default schedule with the sample
// organisation, first working days checked over the fixed years: a cost
// paid once at start-up and by check-config.
func BenchmarkLoad(b *testing.B) {
	org, err := orgfile.Parse(orgfile.ExampleName, orgfile.Example)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := schedules.Load(org, orgfile.ExampleName); err != nil {
			b.Fatal(err)
		}
	}
}
