package calendar_test

import (
	"slices"
	"testing"

	"meldbot/bot"
	"meldbot/bot/calendar"
)

// Every kind of task the workflow creates has a window, under the name of
// its bot.TaskKind; the recurring duties are timed by the schedule.
func TestEveryTaskKindHasAWindow(t *testing.T) {
	kinds := []bot.TaskKind{bot.TaskFirstCare, bot.TaskContactToday, bot.TaskAftercareTalk, bot.TaskFollowUp,
		bot.TaskTalkRequest, bot.TaskPolice, bot.TaskOffender, bot.TaskBanEnds, bot.TaskAnalysis, bot.TaskTeamMeeting,
		bot.TaskUnsafe, bot.TaskLegal, bot.TaskFacility, bot.TaskSecurityEval, bot.TaskCheckIn, bot.TaskRepair}
	defaults := calendar.DefaultWindows()
	for _, k := range kinds {
		if _, ok := defaults[string(k)]; !ok || !slices.Contains(calendar.Kinds, string(k)) {
			t.Errorf("task kind %s has no window", k)
		}
	}
	if len(calendar.Kinds) != len(kinds) {
		t.Errorf("calendar.Kinds has %d kinds, the workflow %d", len(calendar.Kinds), len(kinds))
	}
	for _, k := range []bot.TaskKind{bot.TaskDuty, bot.TaskAlarmTest} {
		if _, ok := defaults[string(k)]; ok {
			t.Errorf("%s is timed by the schedule, not by a window", k)
		}
	}
}
