package bot

import (
	"slices"
	"testing"

	"meldbot/bot/calendar"
)

// Every kind of task in the table has a window, under its own name, unless
// the schedule times it (the recurring duties); the calendar's list of
// kinds with a window is exactly those.
func TestEveryTaskKindHasAWindow(t *testing.T) {
	defaults := calendar.DefaultWindows()
	windowed := 0
	for kind, spec := range taskKinds {
		_, ok := defaults[string(kind)]
		switch {
		case spec.scheduled && ok:
			t.Errorf("%s is timed by the schedule, not by a window", kind)
		case spec.scheduled:
		case !ok || !slices.Contains(calendar.Kinds, string(kind)):
			t.Errorf("task kind %s has no window", kind)
		default:
			windowed++
		}
	}
	if len(calendar.Kinds) != windowed || len(defaults) != windowed {
		t.Errorf("calendar.Kinds has %d kinds and the default windows %d, the workflow %d",
			len(calendar.Kinds), len(defaults), windowed)
	}
}

// A kind of task the calendar has no window for is found before anything is
// planned with it, instead of getting no time at all.
func TestAKindWithoutAWindowIsFound(t *testing.T) {
	cal, err := calendar.New(calendar.Settings{})
	if err != nil {
		t.Fatal(err)
	}
	if got := unwindowed(cal, taskKinds); len(got) != 0 {
		t.Errorf("the default calendar lacks windows for %v", got)
	}
	kinds := map[TaskKind]kindSpec{TaskLegal: taskKinds[TaskLegal], TaskDuty: taskKinds[TaskDuty], "inspection": {}}
	if got := unwindowed(cal, kinds); !slices.Equal(got, []TaskKind{"inspection"}) {
		t.Errorf("unwindowed = %v, want [inspection]", got)
	}
}
