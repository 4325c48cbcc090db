package calendar

// Kinds are the task kinds that have a window, in the order of the
// workflow after a report. The recurring duties of the policy cycle (duty,
// alarm_test) are timed by the schedule instead.
var Kinds = []string{
	"first_care", "contact_today", "aftercare_talk", "follow_up", "check_in", "talk_request",
	"police", "offender", "ban_ends", "analysis", "team_meeting", "unsafe",
	"legal", "facility", "security_eval", "repair",
}

// DefaultWindows returns the windows of the policy, the reasons for each
// are in docs/domain.md:
//
//   - first_care: at the next working moment, 4 working hours; when urgent
//     at once, 30 minutes day and night (M5).
//   - contact_today: from a working hour later (at once when urgent), the
//     same working day, the next one after hours, and never before first
//     care is due (M7: a contact moment the same day).
//   - aftercare_talk: from the next working day, 72 hours from the report
//     but at least two whole working days (M7).
//   - follow_up: about 2 and 7 weeks after, 3 working days each (M7).
//   - check_in: after 3 working days and the day before each follow-up,
//     open a week (E11).
//   - talk_request: at once, 2 working hours, urgent (E11).
//   - police, offender: from a working hour later, 2 working days from
//     the report (M6, M10); unsafe: 2 working days (E10).
//   - ban_ends: a week before the ban ends, due the last working day
//     before it ends (M10).
//   - analysis, team_meeting: from the next working day, 10 working days
//     (M9, M8).
//   - legal, facility, repair: 5 working days (M11, F1, F3);
//     security_eval from a working hour later, 5 working days from the
//     report (G8).
func DefaultWindows() Windows {
	// Each window gets slices of its own, so changing one changes no other.
	atOnce := func() []Start { return []Start{{Kind: AtOnce}} }
	next := func() []Start { return []Start{{Kind: NextWorkingMoment}} }
	nextDay := func() []Start { return []Start{{Kind: After, Offset: workingDays(1)}} }
	// An hour after first care, so the manager gives that first.
	afterFirstCare := func() []Start { return []Start{{Kind: After, Offset: workingHours(1)}} }
	return Windows{
		"first_care": {Starts: next(), Length: workingHours(4),
			WhenUrgent: &Window{Starts: atOnce(), Length: minutes(30), Urgent: true}},
		"contact_today": {Starts: afterFirstCare(), Length: workingDays(0), After: "first_care",
			WhenUrgent: &Window{Starts: next(), Length: workingDays(0), After: "first_care"}},
		"aftercare_talk": {Starts: nextDay(), Length: hours(72), Count: FromReference, AtLeast: workingDays(2)},
		"follow_up":      {Starts: []Start{{Kind: After, Offset: days(14)}, {Kind: After, Offset: days(49)}}, Length: workingDays(3)},
		"check_in": {Starts: []Start{{Kind: After, Offset: workingDays(3)}, {Kind: After, Offset: days(13)}, {Kind: After, Offset: days(48)}},
			Length: days(7)},
		"talk_request":  {Starts: atOnce(), Length: workingHours(2), Urgent: true},
		"police":        {Starts: afterFirstCare(), Length: workingDays(2), Count: FromReference},
		"offender":      {Starts: afterFirstCare(), Length: workingDays(2), Count: FromReference},
		"ban_ends":      {Starts: []Start{{Kind: After, Offset: days(-7)}}, Count: ByReference},
		"analysis":      {Starts: nextDay(), Length: workingDays(10)},
		"team_meeting":  {Starts: nextDay(), Length: workingDays(10)},
		"unsafe":        {Starts: next(), Length: workingDays(2)},
		"legal":         {Starts: next(), Length: workingDays(5)},
		"facility":      {Starts: next(), Length: workingDays(5)},
		"security_eval": {Starts: afterFirstCare(), Length: workingDays(5), Count: FromReference},
		"repair":        {Starts: next(), Length: workingDays(5)},
	}
}
