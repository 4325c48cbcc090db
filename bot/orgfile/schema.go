package orgfile

import "go.yaml.in/yaml/v3"

// file is the organisation file as written. Values that can be wrong keep
// their position (field) so a problem can point at its line.
type file struct {
	Organisation field[string]   `yaml:"organisation"`
	Language     field[string]   `yaml:"language"`
	TimeZone     field[string]   `yaml:"timezone"`
	WorkingHours *workingHours   `yaml:"working_hours"`
	Support      []string        `yaml:"support"`
	Locations    []location      `yaml:"locations"`
	Departments  []department    `yaml:"departments"`
	People       []person        `yaml:"people"`
	Timings      *timings        `yaml:"timings"`
	Schedule     []scheduleEntry `yaml:"schedule"`
	Training     field[string]   `yaml:"training"`
	Register     *register       `yaml:"register"`
	Backup       *backup         `yaml:"backup"`
	Calendar     *calendarSpec   `yaml:"calendar"`
	OnCall       []onCallEntry   `yaml:"on_call"`
}

// scheduleEntry changes, turns off or adds a duty of the policy cycle.
type scheduleEntry struct {
	Row               field[string]     `yaml:"row"`
	Enabled           *bool             `yaml:"enabled"`
	Cron              field[string]     `yaml:"cron"`
	FirstWorkingDay   *bool             `yaml:"first_working_day"`
	Period            field[string]     `yaml:"period"`
	Role              field[string]     `yaml:"role"`
	Scope             field[string]     `yaml:"scope"`
	Kind              field[string]     `yaml:"kind"`
	DueWorkingDays    field[int]        `yaml:"due_working_days"`
	EscalateAfterDays field[int]        `yaml:"escalate_after_days"`
	Title             map[string]string `yaml:"title"`
	Text              map[string]string `yaml:"text"`
}

type workingHours struct {
	Start field[string]   `yaml:"start"`
	End   field[string]   `yaml:"end"`
	Days  []field[string] `yaml:"days"`
}

type location struct {
	ID   field[string] `yaml:"id"`
	Name string        `yaml:"name"`
}

type department struct {
	ID        field[string]   `yaml:"id"`
	Name      string          `yaml:"name"`
	Locations []field[string] `yaml:"locations"`
}

type person struct {
	Name       string          `yaml:"name"`
	Email      field[string]   `yaml:"email"`
	Roles      []field[string] `yaml:"roles"`
	Department field[string]   `yaml:"department"`
	Locations  []field[string] `yaml:"locations"`
	Language   field[string]   `yaml:"language"`
}

// field is a value and where it stands in the file.
type field[T any] struct {
	V            T
	Line, Column int
	Set          bool
}

// UnmarshalYAML keeps the position of the value.
func (f *field[T]) UnmarshalYAML(n *yaml.Node) error {
	f.Line, f.Column, f.Set = n.Line, n.Column, true
	return n.Decode(&f.V)
}

// timings are the workflow deadlines; durations are written as 30m, 4h,
// 72h, 14d or 2w.
type timings struct {
	FirstCareSerious        field[string]   `yaml:"first_care_serious"`
	FirstCareWorkingHours   field[int]      `yaml:"first_care_working_hours"`
	EscalateAfter           field[string]   `yaml:"escalate_after"`
	AftercareTalk           field[string]   `yaml:"aftercare_talk"`
	FollowUps               []field[string] `yaml:"follow_ups"`
	PoliceReportWorkingDays field[int]      `yaml:"police_report_working_days"`
	OffenderReaction        field[string]   `yaml:"offender_reaction"`
	BanReminder             field[string]   `yaml:"ban_reminder"`
	AnalysisWorkingDays     field[int]      `yaml:"analysis_working_days"`
	TaskWorkingDays         field[int]      `yaml:"task_working_days"`
	TalkRequestWorkingHours field[int]      `yaml:"talk_request_working_hours"`
	CheckInWorkingDays      field[int]      `yaml:"check_in_working_days"`
	// Windows are the windows of the task kinds (windows.go).
	Windows windowsSection `yaml:"windows"`
}
