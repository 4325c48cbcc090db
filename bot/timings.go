package bot

import "time"

// Timings are the deadlines of the workflow after a report. Every one can be
// changed in the organisation file; DefaultTimings holds the policy's values
// and the reasons for them are in docs/domain.md.
type Timings struct {
	// FirstCareSerious is how long a manager has to acknowledge first care
	// for a serious incident before a reminder and escalation.
	FirstCareSerious time.Duration
	// FirstCareWorkingHours is the same for other incidents, counted in
	// working hours.
	FirstCareWorkingHours int
	// EscalateAfter is how long after the reminder an unacknowledged task is
	// escalated.
	EscalateAfter time.Duration
	// AftercareTalk is the deadline for the aftercare talk (72 hours).
	AftercareTalk time.Duration
	// FollowUps are the moments of the aftercare follow-ups after the report.
	FollowUps []time.Duration
	// PoliceReportWorkingDays is the deadline for supporting a police report.
	PoliceReportWorkingDays int
	// OffenderReaction is the deadline for a reaction toward the offender.
	OffenderReaction time.Duration
	// BanReminder is how long before a ban ends its reminder is sent.
	BanReminder time.Duration
	// AnalysisWorkingDays is the deadline for recording the analysis (M9).
	AnalysisWorkingDays int
	// TaskWorkingDays is the deadline for Legal, facility staff and the
	// guard's evaluation (M11, F1, G8).
	TaskWorkingDays int
	// TalkRequestWorkingHours is how soon a manager must follow up on a
	// talk an employee asked for at a check-in (E11).
	TalkRequestWorkingHours int
	// CheckInWorkingDays is when the first check-in comes (E11).
	CheckInWorkingDays int
}

// DefaultTimings returns the timings of the policy.
func DefaultTimings() Timings {
	return Timings{
		FirstCareSerious:        30 * time.Minute,
		FirstCareWorkingHours:   4,
		EscalateAfter:           2 * time.Hour,
		AftercareTalk:           72 * time.Hour,
		FollowUps:               []time.Duration{14 * 24 * time.Hour, 49 * 24 * time.Hour},
		PoliceReportWorkingDays: 2,
		OffenderReaction:        48 * time.Hour,
		BanReminder:             7 * 24 * time.Hour,
		AnalysisWorkingDays:     10,
		TaskWorkingDays:         5,
		TalkRequestWorkingHours: 2,
		CheckInWorkingDays:      3,
	}
}
