package calendar

import (
	"testing"
	"time"
)

func TestRemindersKeepToWorkingHoursAndAFairPartOfTheWindow(t *testing.T) {
	c := mustNew(t, Settings{})
	tests := []struct {
		name               string
		p                  Plan
		remind, escalate   time.Time
		escalateAfterHours time.Duration
	}{
		{"due in working hours: reminded then, escalated two working hours later",
			Plan{Start: at(2026, 11, 23, 8, 30), Due: at(2026, 11, 23, 12, 30)},
			at(2026, 11, 23, 12, 30), at(2026, 11, 23, 14, 30), 2 * time.Hour},
		{"escalation that reaches the close goes to the next morning",
			Plan{Start: at(2026, 11, 23, 8, 30), Due: at(2026, 11, 23, 15, 0)},
			at(2026, 11, 23, 15, 0), at(2026, 11, 24, 8, 30), 2 * time.Hour},
		{"due at the close of Friday: reminded on Monday morning",
			Plan{Start: at(2026, 11, 20, 16, 0), Due: at(2026, 11, 20, 17, 0)},
			at(2026, 11, 23, 8, 30), at(2026, 11, 23, 10, 30), 2 * time.Hour},
		{"a task given at 16:55 is not reminded before its first working hour",
			Plan{Start: at(2026, 11, 23, 16, 55), Due: at(2026, 11, 23, 17, 0)},
			at(2026, 11, 24, 9, 25), at(2026, 11, 24, 11, 25), 2 * time.Hour},
		// A task stored before the windows existed: due on Sunday, opened on
		// Monday. It is not reminded at 08:31 as overdue nor escalated at
		// noon: the assignee has it for an hour first.
		{"a stored task due before it opened",
			Plan{Start: at(2026, 12, 28, 8, 30), Due: at(2026, 12, 27, 16, 0)},
			at(2026, 12, 28, 9, 30), at(2026, 12, 28, 11, 30), 2 * time.Hour},
		{"urgent: calendar time, at night",
			Plan{Start: at(2026, 11, 22, 3, 30), Due: at(2026, 11, 22, 4, 0), Urgent: true},
			at(2026, 11, 22, 4, 0), at(2026, 11, 22, 4, 30), 30 * time.Minute},
	}
	for _, tt := range tests {
		if got := c.RemindAt(tt.p); !got.Equal(tt.remind) {
			t.Errorf("%s: RemindAt = %s, want %s", tt.name, moment(got), moment(tt.remind))
		}
		if got := c.EscalateAt(tt.p, tt.escalateAfterHours); !got.Equal(tt.escalate) {
			t.Errorf("%s: EscalateAt = %s, want %s", tt.name, moment(got), moment(tt.escalate))
		}
	}
}
