package orgfile

import (
	"fmt"
	"math"
	"net/mail"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"meldbot/bot"
	"meldbot/bot/calendar"
	"meldbot/bot/locale"
	"meldbot/bot/policy"
)

var idRe = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)

// check validates the file and builds the organisation. Every problem is
// added to probs; the organisation is only usable when there are none.
func (f *file) check(p *Problems) *bot.Organisation {
	org := &bot.Organisation{
		Name:     strings.TrimSpace(f.Organisation.V),
		Language: locale.Dutch,
		Support:  f.Support,
	}
	if org.Name == "" {
		p.add(f.Organisation.Line, f.Organisation.Column, "add a line such as: organisation: Gemeente Voorbeeldrode",
			"the organisation has no name")
	}
	if f.Language.Set {
		lang, ok := locale.ParseLang(f.Language.V)
		if !ok {
			p.add(f.Language.Line, f.Language.Column, "use nl or en", "unknown language %q", f.Language.V)
		}
		org.Language = lang
	}
	tz := f.TimeZone.V
	if tz == "" {
		tz = bot.DefaultTimeZone
	}
	loc, err := time.LoadLocation(tz)
	if err != nil || tz == "Local" {
		p.add(f.TimeZone.Line, f.TimeZone.Column, "use an IANA time zone name such as Europe/Amsterdam",
			"unknown time zone %q", tz)
	}
	org.TimeZone = loc
	org.WorkingHours = f.checkWorkingHours(p)
	locIDs := f.checkLocations(p, org)
	deptIDs := f.checkDepartments(p, org, locIDs)
	f.checkPeople(p, org, deptIDs, locIDs)
	f.checkCalendar(p, org)
	f.checkOnCall(p, org, deptIDs)
	f.checkRegister(p, org)
	f.checkBackup(p, org)
	f.checkSchedule(p, org)

	for _, d := range f.Departments {
		if d.ID.V != "" && len(org.Managers(d.ID.V)) == 0 {
			p.add(d.ID.Line, d.ID.Column,
				fmt.Sprintf("add a person with roles: [manager] and department: %s", d.ID.V),
				"department %q has no manager", d.ID.V)
		}
	}
	if len(org.Coordinators()) == 0 {
		p.add(0, 0, "give one person roles: [coordinator]; every report goes to them",
			"there is no aggression and violence coordinator")
	}
	return org
}

func (f *file) checkWorkingHours(p *Problems) bot.WorkingHours {
	wh := bot.WorkingHours{
		Start: 8*time.Hour + 30*time.Minute,
		End:   17 * time.Hour,
		Days:  []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday},
	}
	if f.WorkingHours == nil {
		return wh
	}
	h := f.WorkingHours
	if h.Start.Set {
		if d, ok := clockTime(h.Start.V); ok {
			wh.Start = d
		} else {
			p.add(h.Start.Line, h.Start.Column, `write the time as "08:30"`, "working hours start %q is not a time", h.Start.V)
		}
	}
	if h.End.Set {
		if d, ok := clockTime(h.End.V); ok {
			wh.End = d
		} else {
			p.add(h.End.Line, h.End.Column, `write the time as "17:00"`, "working hours end %q is not a time", h.End.V)
		}
	}
	if wh.End <= wh.Start {
		p.add(h.End.Line, h.End.Column, "the end of the working day must come after its start", "working hours end before they start")
	}
	if len(h.Days) > 0 {
		wh.Days = nil
		for _, d := range h.Days {
			wd, ok := weekday(d.V)
			if !ok {
				p.add(d.Line, d.Column, "use ma, di, wo, do, vr, za, zo (or mon … sun)", "unknown day %q", d.V)
				continue
			}
			wh.Days = append(wh.Days, wd)
		}
	}
	return wh
}

func (f *file) checkLocations(p *Problems, org *bot.Organisation) map[string]bool {
	ids := map[string]bool{}
	for _, l := range f.Locations {
		if !f.checkID(p, l.ID, "location", ids) {
			continue
		}
		name := l.Name
		if name == "" {
			name = l.ID.V
		}
		org.Locations = append(org.Locations, bot.Location{ID: l.ID.V, Name: name})
	}
	return ids
}

func (f *file) checkDepartments(p *Problems, org *bot.Organisation, locs map[string]bool) map[string]bool {
	ids := map[string]bool{}
	for _, d := range f.Departments {
		if !f.checkID(p, d.ID, "department", ids) {
			continue
		}
		dept := bot.Department{ID: d.ID.V, Name: d.Name}
		if dept.Name == "" {
			dept.Name = d.ID.V
		}
		for _, l := range d.Locations {
			if checkRef(p, l, "location", locs) {
				dept.Locations = append(dept.Locations, l.V)
			}
		}
		org.Departments = append(org.Departments, dept)
	}
	return ids
}

func (f *file) checkID(p *Problems, id field[string], kind string, seen map[string]bool) bool {
	switch {
	case !id.Set || id.V == "":
		p.add(id.Line, id.Column, "give it an id of lower-case letters, digits, - or _", "a %s without id", kind)
		return false
	case !idRe.MatchString(id.V):
		p.add(id.Line, id.Column, "use lower-case letters, digits, - or _", "%s id %q has characters that are not allowed", kind, id.V)
		return false
	case seen[id.V]:
		p.add(id.Line, id.Column, "give each "+kind+" its own id", "%s id %q is used twice", kind, id.V)
		return false
	}
	seen[id.V] = true
	return true
}

func checkRef(p *Problems, ref field[string], kind string, known map[string]bool) bool {
	if known[ref.V] {
		return true
	}
	p.add(ref.Line, ref.Column, "use one of: "+strings.Join(sortedKeys(known), ", ")+suggest(ref.V, sortedKeys(known)),
		"unknown %s %q", kind, ref.V)
	return false
}

func (f *file) checkPeople(p *Problems, org *bot.Organisation, depts, locs map[string]bool) {
	emails := map[string]int{}
	roleNames := make([]string, len(policy.Roles))
	for i, r := range policy.Roles {
		roleNames[i] = string(r)
	}
	for _, in := range f.People {
		email := bot.EmailOf(in.Email.V)
		usable := true
		if !validEmail(string(email)) {
			p.add(in.Email.Line, in.Email.Column, "write the address as name@example.nl, as it is in the chat tool",
				"%q is not a valid e-mail address", in.Email.V)
			usable = false
		} else if line, dup := emails[string(email)]; dup {
			p.add(in.Email.Line, in.Email.Column, fmt.Sprintf("merge this entry with the one on line %d", line),
				"%s is listed twice", email)
			usable = false
		}
		emails[string(email)] = in.Email.Line
		per := bot.Person{Email: email, Name: strings.TrimSpace(in.Name), Department: in.Department.V}
		for _, r := range in.Roles {
			role := policy.Role(strings.ToLower(strings.TrimSpace(r.V)))
			if !slices.Contains(policy.Roles, role) {
				p.add(r.Line, r.Column, "use one of: "+strings.Join(roleNames, ", ")+suggest(r.V, roleNames),
					"unknown role %q", r.V)
				continue
			}
			per.Roles = append(per.Roles, role)
		}
		if in.Department.Set && !checkRef(p, in.Department, "department", depts) {
			per.Department = ""
		}
		if (per.Has(policy.RoleManager) || per.Has(policy.RoleDeputy)) && per.Department == "" && !in.Department.Set {
			p.add(in.Email.Line, in.Email.Column, "add department: <id> to this person",
				"%s is a manager without a department", email)
		}
		for _, l := range in.Locations {
			if checkRef(p, l, "location", locs) {
				per.Locations = append(per.Locations, l.V)
			}
		}
		if in.Language.Set {
			lang, ok := locale.ParseLang(in.Language.V)
			if !ok {
				p.add(in.Language.Line, in.Language.Column, "use nl or en", "unknown language %q", in.Language.V)
			}
			per.Language = lang
		}
		if usable {
			org.People = append(org.People, per)
		}
	}
}

// Every timing has a sane range: a deadline of three million working days
// is a typing error, and counting it out would hold up every report that
// needs it. The ranges are wide enough for any policy.
const (
	day  = 24 * time.Hour
	year = 365 * day
)

// maxFollowUps is how many aftercare follow-ups the file may plan.
const maxFollowUps = 10

// olderTimings are the values of the older keys of timings, as read and
// found within range; legacyKeys maps each onto the windows. A key that is
// not set, or was refused, is zero.
type olderTimings struct {
	FirstCareSerious        time.Duration
	FirstCareWorkingHours   int
	EscalateAfter           time.Duration
	AftercareTalk           time.Duration
	FollowUps               []time.Duration
	PoliceReportWorkingDays int
	OffenderReaction        time.Duration
	BanReminder             time.Duration
	AnalysisWorkingDays     int
	TaskWorkingDays         int
	TalkRequestWorkingHours int
	CheckInWorkingDays      int
}

// checkTimings reads the older keys of timings, each within the range its
// deadline can have.
func (f *file) checkTimings(p *Problems) olderTimings {
	var t olderTimings
	if f.Timings == nil {
		return t
	}
	in := f.Timings
	dur := func(v field[string], into *time.Duration, lo, hi time.Duration) {
		if !v.Set {
			return
		}
		d, err := ParseDuration(v.V)
		if err != nil || d <= 0 {
			p.add(v.Line, v.Column, "write a duration such as 30m, 4h, 72h, 14d or 2w", "%q is not a duration", v.V)
			return
		}
		if d < lo || d > hi {
			p.add(v.Line, v.Column, fmt.Sprintf("use a duration from %s to %s", durationText(lo), durationText(hi)),
				"%s is outside the range this deadline can have", v.V)
			return
		}
		*into = d
	}
	count := func(v field[int], into *int, hi int, unit string) {
		if !v.Set {
			return
		}
		if v.V <= 0 {
			p.add(v.Line, v.Column, "use a whole number above zero", "%d is not a positive number", v.V)
			return
		}
		if v.V > hi {
			p.add(v.Line, v.Column, fmt.Sprintf("use a whole number of %s from 1 to %d", unit, hi),
				"%d %s is more than this deadline can have", v.V, unit)
			return
		}
		*into = v.V
	}
	dur(in.FirstCareSerious, &t.FirstCareSerious, time.Minute, day)
	count(in.FirstCareWorkingHours, &t.FirstCareWorkingHours, 40, "working hours")
	dur(in.EscalateAfter, &t.EscalateAfter, time.Minute, calendar.MaxEscalateAfter)
	dur(in.AftercareTalk, &t.AftercareTalk, time.Hour, 30*day)
	if len(in.FollowUps) > maxFollowUps {
		v := in.FollowUps[maxFollowUps]
		p.add(v.Line, v.Column, fmt.Sprintf("plan at most %d follow-ups", maxFollowUps), "%d follow-ups are too many", len(in.FollowUps))
	} else if len(in.FollowUps) > 0 {
		t.FollowUps = make([]time.Duration, len(in.FollowUps))
		for i, v := range in.FollowUps {
			dur(v, &t.FollowUps[i], day, year)
		}
	}
	count(in.PoliceReportWorkingDays, &t.PoliceReportWorkingDays, 60, "working days")
	dur(in.OffenderReaction, &t.OffenderReaction, time.Hour, 90*day)
	dur(in.BanReminder, &t.BanReminder, time.Hour, 180*day)
	count(in.AnalysisWorkingDays, &t.AnalysisWorkingDays, 120, "working days")
	count(in.TaskWorkingDays, &t.TaskWorkingDays, 120, "working days")
	count(in.TalkRequestWorkingHours, &t.TalkRequestWorkingHours, 40, "working hours")
	count(in.CheckInWorkingDays, &t.CheckInWorkingDays, 60, "working days")
	return t
}

// durationText writes a duration as the file does: 30m, 4h, 14d.
func durationText(d time.Duration) string {
	switch {
	case d%day == 0:
		return strconv.Itoa(int(d/day)) + "d"
	case d%time.Hour == 0:
		return strconv.Itoa(int(d/time.Hour)) + "h"
	}
	return strconv.Itoa(int(d/time.Minute)) + "m"
}

// ParseDuration reads a Go duration ("90m", "72h") or a number of days or
// weeks ("14d", "2w").
func ParseDuration(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	for suffix, unit := range map[string]time.Duration{"d": 24 * time.Hour, "w": 7 * 24 * time.Hour} {
		if n, ok := strings.CutSuffix(s, suffix); ok {
			v, err := strconv.Atoi(n)
			if err != nil {
				return 0, err
			}
			if v > int(math.MaxInt64/unit) || v < int(math.MinInt64/unit) {
				return 0, fmt.Errorf("duration %q out of range", s)
			}
			return time.Duration(v) * unit, nil
		}
	}
	return time.ParseDuration(s)
}

func validEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || a.Name != "" {
		return false
	}
	_, domain, _ := strings.Cut(s, "@")
	return strings.Contains(domain, ".") && !strings.HasSuffix(domain, ".")
}

func clockTime(s string) (time.Duration, bool) {
	t, err := time.Parse("15:04", strings.TrimSpace(s))
	if err != nil {
		return 0, false
	}
	return time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute, true
}

var weekdayNames = map[string]time.Weekday{
	"ma": time.Monday, "maandag": time.Monday, "mon": time.Monday, "monday": time.Monday,
	"di": time.Tuesday, "dinsdag": time.Tuesday, "tue": time.Tuesday, "tuesday": time.Tuesday,
	"wo": time.Wednesday, "woensdag": time.Wednesday, "wed": time.Wednesday, "wednesday": time.Wednesday,
	"do": time.Thursday, "donderdag": time.Thursday, "thu": time.Thursday, "thursday": time.Thursday,
	"vr": time.Friday, "vrijdag": time.Friday, "fri": time.Friday, "friday": time.Friday,
	"za": time.Saturday, "zaterdag": time.Saturday, "sat": time.Saturday, "saturday": time.Saturday,
	"zo": time.Sunday, "zondag": time.Sunday, "sun": time.Sunday, "sunday": time.Sunday,
}

func weekday(s string) (time.Weekday, bool) {
	wd, ok := weekdayNames[strings.ToLower(strings.TrimSpace(s))]
	return wd, ok
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// suggest returns `; did you mean "x"?` for the closest known word, when it
// is close enough to be a typing error.
func suggest(got string, known []string) string {
	best, bestD := "", 3
	for _, k := range known {
		if d := distance(strings.ToLower(got), k); d < bestD {
			best, bestD = k, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf("; did you mean %q?", best)
}

// distance is the Levenshtein edit distance between a and b.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur := make([]int, len(rb)+1)
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(rb)]
}

// checkSchedule reads the schedule section. The cron expressions are checked
// where they are used (package schedules), with these line numbers.
func (f *file) checkSchedule(p *Problems, org *bot.Organisation) {
	if f.Training.Set {
		switch c := policy.Cadence(f.Training.V); c {
		case policy.Yearly, policy.HalfYearly, policy.Quarterly:
			org.Training = c
		default:
			p.add(f.Training.Line, f.Training.Column, "use yearly, half_yearly or quarterly", "unknown training cadence %q", f.Training.V)
		}
	}
	for _, in := range f.Schedule {
		e := bot.ScheduleEntry{Row: strings.TrimSpace(in.Row.V), Enabled: in.Enabled, Cron: in.Cron.V,
			FirstWorkingDay: in.FirstWorkingDay, Period: in.Period.V, Role: policy.Role(strings.ToLower(strings.TrimSpace(in.Role.V))),
			Scope: policy.Scope(in.Scope.V), Kind: policy.DutyKind(in.Kind.V), Line: in.Row.Line, CronLine: in.Cron.Line}
		e.DueWorkingDays = days(p, in.DueWorkingDays, "due_working_days")
		e.EscalateAfterDays = days(p, in.EscalateAfterDays, "escalate_after_days")
		if e.Row == "" {
			p.add(in.Row.Line, in.Row.Column, "name the row, e.g. row: F2, or a new name for a duty of your own", "a schedule entry without row")
			continue
		}
		if in.Role.Set && !slices.Contains(policy.Roles, e.Role) {
			p.add(in.Role.Line, in.Role.Column, "use one of the roles of the people section", "unknown role %q", in.Role.V)
		}
		if in.Scope.Set && !slices.Contains([]policy.Scope{policy.ScopeOrganisation, policy.ScopeLocation, policy.ScopeDepartment}, e.Scope) {
			p.add(in.Scope.Line, in.Scope.Column, "use organisation, location or department", "unknown scope %q", in.Scope.V)
		}
		if in.Kind.Set && !slices.Contains([]policy.DutyKind{policy.DutyPlain, policy.DutyAlarmTest, policy.DutyOverview, policy.DutyTrends, policy.DutyLocation}, e.Kind) {
			p.add(in.Kind.Line, in.Kind.Column, "use duty, alarm_test, overview, trends or location", "unknown kind %q", in.Kind.V)
		}
		if in.Period.Set && !slices.Contains([]string{"month", "quarter", "half", "year"}, e.Period) {
			p.add(in.Period.Line, in.Period.Column, "use month, quarter, half or year", "unknown period %q", in.Period.V)
		}
		e.Title, e.Text = langMap(p, in.Title, in.Row.Line), langMap(p, in.Text, in.Row.Line)
		org.Schedule = append(org.Schedule, e)
	}
}

// maxDutyDays is the most working days a duty of the schedule may take or
// wait before it is escalated: a working year.
const maxDutyDays = 250

// days reads a number of working days of a schedule entry; 0 means not set
// (keep the default), and a number below 1 or above maxDutyDays is a
// problem.
func days(p *Problems, v field[int], name string) int {
	if !v.Set {
		return 0
	}
	if v.V < 1 || v.V > maxDutyDays {
		p.add(v.Line, v.Column, fmt.Sprintf("use a whole number of working days from 1 to %d, or leave it out to keep the default", maxDutyDays),
			"%s %d is not possible", name, v.V)
		return 0
	}
	return v.V
}

func langMap(p *Problems, m map[string]string, line int) map[locale.Lang]string {
	if len(m) == 0 {
		return nil
	}
	out := map[locale.Lang]string{}
	for k, v := range m {
		lang, ok := locale.ParseLang(k)
		if !ok {
			p.add(line, 1, "use nl and en", "unknown language %q in a schedule text", k)
			continue
		}
		out[lang] = v
	}
	return out
}
