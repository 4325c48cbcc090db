package orgfile

import (
	"errors"
	"strings"
	"testing"
	"time"

	"meldbot/bot"
	"meldbot/bot/locale"
	"meldbot/bot/policy"
)

func TestExampleIsValid(t *testing.T) {
	org, err := Parse(ExampleName, Example)
	if err != nil {
		t.Fatal(err)
	}
	if got := len(org.Departments); got != 3 {
		t.Errorf("departments = %d, want 3", got)
	}
	for _, role := range []policy.Role{policy.RoleCoordinator, policy.RoleManager, policy.RoleFacility, policy.RoleSecurity,
		policy.RoleLegal, policy.RoleTownClerk, policy.RoleBoard} {
		if len(org.WithRole(role)) == 0 {
			t.Errorf("the sample has nobody with role %s", role)
		}
	}
	for _, d := range org.Departments {
		if len(org.Managers(d.ID)) == 0 {
			t.Errorf("department %s has no manager", d.ID)
		}
	}
	if org.TimeZone.String() != "Europe/Amsterdam" {
		t.Errorf("time zone = %v", org.TimeZone)
	}
	if org.WorkingHours.Start != 8*time.Hour+30*time.Minute || len(org.WorkingHours.Days) != 5 {
		t.Errorf("working hours = %+v", org.WorkingHours)
	}
	if p, ok := org.Person(bot.EmailOf("Alex.Morgan@voorbeeldrode.nl")); !ok || p.Language != locale.English {
		t.Errorf("Alex Morgan = %+v, %v; want English", p, ok)
	}
}

const valid = `organisation: Gemeente Test
timezone: Europe/Amsterdam
locations:
  - id: stadhuis
    name: Stadhuis
departments:
  - id: burgerzaken
    name: Burgerzaken
    locations: [stadhuis]
people:
  - name: Karin
    email: karin@test.nl
    roles: [coordinator]
  - name: Peter
    email: peter@test.nl
    roles: [manager]
    department: burgerzaken
`

func TestParseReportsProblemsWithLines(t *testing.T) {
	tests := []struct {
		name     string
		file     string
		line     int
		msg, fix string
	}{
		{"unknown role", strings.Replace(valid, "roles: [manager]", "roles: [manger]", 1),
			16, `unknown role "manger"`, `did you mean "manager"?`},
		{"bad e-mail", strings.Replace(valid, "peter@test.nl", "peter.test.nl", 1),
			15, `"peter.test.nl" is not a valid e-mail address`, "name@example.nl"},
		{"e-mail with a name", strings.Replace(valid, "peter@test.nl", "Peter <peter@test.nl>", 1),
			15, "is not a valid e-mail address", ""},
		{"department without manager", strings.Replace(valid, "department: burgerzaken", "department: burgerzaken\n    roles: [deputy]", 1),
			0, "", ""}, // placeholder, replaced below
		{"unknown time zone", strings.Replace(valid, "Europe/Amsterdam", "Europe/Amsterdm", 1),
			2, `unknown time zone "Europe/Amsterdm"`, "Europe/Amsterdam"},
		{"unknown department", strings.Replace(valid, "department: burgerzaken", "department: burgerzakn", 1),
			17, `unknown department "burgerzakn"`, `did you mean "burgerzaken"?`},
		{"unknown location", strings.Replace(valid, "locations: [stadhuis]", "locations: [raadhuis]", 1),
			9, `unknown location "raadhuis"`, "stadhuis"},
		{"unknown field", strings.Replace(valid, "timezone:", "tijdzone:", 1),
			2, "field tijdzone not found", "spelling"},
		{"twice the same person", valid + "  - email: Karin@test.nl\n",
			18, "karin@test.nl is listed twice", "line 12"},
		{"no coordinator", strings.Replace(valid, "roles: [coordinator]", "roles: [legal]", 1),
			0, "no aggression and violence coordinator", "coordinator"},
		{"bad working hours", valid + "working_hours:\n  start: \"8u\"\n", 19, `working hours start "8u" is not a time`, "08:30"},
		{"bad timing", valid + "timings:\n  aftercare_talk: 3 dagen\n", 19, `"3 dagen" is not a duration`, "72h"},
		{"retention of no years", valid + "register:\n  retention_years: 0\n", 19, "retention of 0 years is not possible", "such as 5"},
		{"threshold that hides nothing", valid + "register:\n  small_numbers: 1\n", 19, "small_numbers 1 cannot hide a small group", "< 5"},
		{"backups without a directory", valid + "backup:\n  every: 6h\n", 19, "backups have no directory", "dir:"},
		{"backups too often", valid + "backup:\n  dir: /var/backups/meldbot\n  every: 1m\n", 20, "backing up every 1m is too often", "24h"},
		{"backup every a day", valid + "backup:\n  dir: /var/backups/meldbot\n  every: een dag\n", 20, `"een dag" is not a duration`, "24h"},
		{"no backups kept", valid + "backup:\n  dir: /var/backups/meldbot\n  keep: 0\n", 20, "keeping 0 backups is not possible", "such as 7"},
		{"due in no days", valid + "schedule:\n  - row: F2\n    due_working_days: 0\n", 20,
			"due_working_days 0 is not possible", "from 1 to 250"},
		{"escalate before it is due", valid + "schedule:\n  - row: F2\n    escalate_after_days: -3\n", 20,
			"escalate_after_days -3 is not possible", "from 1 to 250"},
		{"escalate after years", valid + "schedule:\n  - row: F2\n    escalate_after_days: 100000\n", 20,
			"escalate_after_days 100000 is not possible", "from 1 to 250"},
		// Counting out three million working days held up every report
		// with damage for seconds.
		{"task deadline of millions of days", valid + "timings:\n  task_working_days: 3000000\n", 19,
			"3000000 working days is more than this deadline can have", "from 1 to 120"},
		{"first care after a billion hours", valid + "timings:\n  first_care_working_hours: 1000000000\n", 19,
			"1000000000 working hours is more", "from 1 to 40"},
		{"serious first care after a year", valid + "timings:\n  first_care_serious: 365d\n", 19,
			"365d is outside the range", "from 1m to 1d"},
		{"a follow-up in ten years", valid + "timings:\n  follow_ups: [14d, 3650d]\n", 19,
			"3650d is outside the range", "from 1d to 365d"},
		{"a ban reminder beyond any number", valid + "timings:\n  ban_reminder: 99999999999d\n", 19,
			`"99999999999d" is not a duration`, ""},
		{"eleven follow-ups", valid + "timings:\n  follow_ups: [1d, 2d, 3d, 4d, 5d, 6d, 7d, 8d, 9d, 10d, 11d]\n", 19,
			"11 follow-ups are too many", "at most 10"},
		{"broken yaml", valid + "  - name: [\n", 18, "", "indentation"},
		{"empty file", "", 0, "the file is empty", ""},
	}
	// A department whose only manager is removed.
	tests[3].file = strings.Replace(valid, "roles: [manager]", "roles: [deputy]", 1)
	tests[3].line, tests[3].msg, tests[3].fix = 7, `department "burgerzaken" has no manager`, "roles: [manager] and department: burgerzaken"

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { wantProblem(t, tt.file, tt.line, tt.msg, tt.fix) })
	}
}

func TestParseListsEveryProblem(t *testing.T) {
	f := strings.NewReplacer("Europe/Amsterdam", "Mars/Olympus", "roles: [manager]", "roles: [baas]", "karin@test.nl", "karin").Replace(valid)
	_, err := Parse("test.yaml", []byte(f))
	var probs *Problems
	if !errors.As(err, &probs) {
		t.Fatalf("Parse = %v", err)
	}
	// time zone, role, e-mail, and therefore: no manager, no coordinator.
	if len(probs.List) != 5 {
		t.Errorf("got %d problems, want 5:\n%v", len(probs.List), err)
	}
	if !strings.HasPrefix(err.Error(), "test.yaml: 5 problem(s)") {
		t.Errorf("message starts %q", strings.SplitN(err.Error(), "\n", 2)[0])
	}
}

func TestParseDuration(t *testing.T) {
	for in, want := range map[string]time.Duration{"30m": 30 * time.Minute, "72h": 72 * time.Hour, "14d": 14 * 24 * time.Hour, "2w": 14 * 24 * time.Hour} {
		if got, err := ParseDuration(in); err != nil || got != want {
			t.Errorf("ParseDuration(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
}

func TestRegisterSettingsHaveDefaults(t *testing.T) {
	org, err := Parse("test.yaml", []byte(valid))
	if err != nil {
		t.Fatal(err)
	}
	if org.Register.RetentionYears != 5 || org.Register.SmallNumbers != 5 {
		t.Errorf("defaults: %+v", org.Register)
	}
	org, err = Parse("test.yaml", []byte(valid+"register:\n  retention_years: 7\n  small_numbers: 10\n"))
	if err != nil {
		t.Fatal(err)
	}
	if org.Register.RetentionYears != 7 || org.Register.SmallNumbers != 10 {
		t.Errorf("set: %+v", org.Register)
	}
}

func TestScheduleEntryRoleAsPeoplesRoles(t *testing.T) {
	org, err := Parse("test.yaml", []byte(valid+"schedule:\n  - row: F2\n    role: \" Coordinator \"\n    due_working_days: 3\n"))
	if err != nil {
		t.Fatal(err)
	}
	if e := org.Schedule[0]; e.Role != policy.RoleCoordinator || e.DueWorkingDays != 3 || e.EscalateAfterDays != 0 {
		t.Errorf("entry = %+v; want role coordinator, due in 3 working days, default escalation", e)
	}
}

func TestBackupSettingsHaveDefaults(t *testing.T) {
	org, err := Parse("test.yaml", []byte(valid))
	if err != nil {
		t.Fatal(err)
	}
	if org.Backup != (bot.BackupSettings{Every: 24 * time.Hour, Keep: 7}) {
		t.Errorf("defaults: %+v", org.Backup)
	}
	org, err = Parse("test.yaml", []byte(valid+"backup:\n  dir: /var/backups/meldbot\n  every: 6h\n  keep: 28\n"))
	if err != nil {
		t.Fatal(err)
	}
	if org.Backup != (bot.BackupSettings{Dir: "/var/backups/meldbot", Every: 6 * time.Hour, Keep: 28}) {
		t.Errorf("set: %+v", org.Backup)
	}
}
