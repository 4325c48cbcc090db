package schedules

import (
	_ "embed"
	"errors"
	"fmt"
	"time"

	"github.com/robfig/cron/v3"

	"meldbot/bot"
	"meldbot/bot/calendar"
	"meldbot/bot/orgfile"
	"meldbot/bot/policy"
)

// Duty is a duty of the policy cycle with its schedule: the cron spec (in
// the organisation's time zone), whether only the first working day of the
// period counts, and the period that makes one occurrence.
type Duty struct {
	policy.Duty
	Schedule        cron.Schedule
	FirstWorkingDay bool
	Period          string // month, quarter, half, year
}

// parser reads standard five-field cron specs and descriptors like @monthly.
var parser = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

// periods are the lengths of time of which a duty happens once.
var periods = map[string]bool{"month": true, "quarter": true, "half": true, "year": true}

// rawDuty is a duty as the default schedule writes it, with the changes of
// the organisation file applied.
type rawDuty struct {
	policy.Scheduled
	disabled bool               // turned off by the organisation file
	entry    *bot.ScheduleEntry // the entry of the organisation file that last set its schedule, else the first to change it
}

// Load returns the policy cycle of an organisation: the default schedule
// embedded in meldbot, with the changes of the organisation file applied.
// Problems are reported with the line of the organisation file (file names
// it); a duty turned off is left out, after its schedule was checked.
func Load(org *bot.Organisation, file string) ([]Duty, error) {
	defaults, err := policy.DefaultSchedule()
	if err != nil {
		return nil, err
	}
	raws := make([]rawDuty, len(defaults))
	index := map[string]int{}
	for i, s := range defaults {
		raws[i].Scheduled = s
		if alt, ok := s.PerTrainingCadence[org.Training]; ok {
			raws[i].Cron, raws[i].Period = alt.Cron, alt.Period
		}
		index[s.Row] = i
	}
	probs := &orgfile.Problems{File: file}
	for _, e := range org.Schedule {
		i, known := index[e.Row]
		if !known {
			if e.Cron == "" || e.Role == "" || len(e.Title) == 0 {
				probs.List = append(probs.List, orgfile.Problem{Line: e.Line, Column: 1,
					Msg: fmt.Sprintf("%s is not a row of the default schedule", e.Row),
					Fix: "a duty of your own needs at least role, cron and title (nl, and en for English readers); or use a row such as F2, C3, M3"})
				continue
			}
			i = len(raws)
			index[e.Row] = i
			raws = append(raws, rawDuty{Scheduled: policy.Scheduled{Row: e.Row, Scope: policy.ScopeOrganisation, Kind: policy.DutyPlain, Period: "year", DueWorkingDays: 20}})
		}
		raws[i].apply(e)
	}
	cal, err := org.WorkingCalendar()
	if err != nil {
		return nil, fmt.Errorf("schedules: %w", err)
	}
	duties := make([]Duty, 0, len(raws))
	for _, r := range raws {
		duty, err := build(r, org, cal)
		var p *problem
		switch {
		case err == nil:
			if !r.disabled {
				duties = append(duties, duty)
			}
		case r.entry == nil:
			return nil, fmt.Errorf("schedules: default row %s: %w", r.Row, err)
		case errors.As(err, &p):
			probs.List = append(probs.List, orgfile.Problem{Line: max(r.entry.CronLine, r.entry.Line), Column: 1,
				Msg: fmt.Sprintf("schedule of %s: %s", r.Row, p.msg), Fix: p.fix})
		default:
			return nil, err
		}
	}
	if len(probs.List) > 0 {
		return nil, probs
	}
	return duties, nil
}

// apply changes the duty as an entry of the organisation file says; what
// the entry leaves out stays as it was.
func (r *rawDuty) apply(e bot.ScheduleEntry) {
	if e.Cron != "" {
		r.Cron = e.Cron
	}
	if e.FirstWorkingDay != nil {
		r.FirstWorkingDay = *e.FirstWorkingDay
	}
	if e.Period != "" {
		r.Period = e.Period
	}
	if e.Role != "" {
		r.Role = e.Role
	}
	if e.Scope != "" {
		r.Scope = e.Scope
	}
	if e.Kind != "" {
		r.Kind = e.Kind
	}
	if e.DueWorkingDays > 0 {
		r.DueWorkingDays = e.DueWorkingDays
	}
	if e.EscalateAfterDays > 0 {
		r.EscalateAfterDays = e.EscalateAfterDays
	}
	if len(e.Title) > 0 {
		r.Title = e.Title
	}
	if len(e.Text) > 0 {
		r.Text = e.Text
	}
	if e.Enabled != nil {
		r.disabled = !*e.Enabled
	}
	// A problem with the schedule is shown at the entry that set it, not
	// at a later one that changed, say, only the deadline.
	if r.entry == nil || e.Cron != "" || e.FirstWorkingDay != nil || e.Period != "" {
		r.entry = &e
	}
}

// problem is what is wrong with a duty's schedule, and how to mend it.
type problem struct{ msg, fix string }

func (p *problem) Error() string { return p.msg }

// build parses a duty's cron spec in the organisation's time zone and
// checks that it can happen.
func build(r rawDuty, org *bot.Organisation, cal *calendar.Calendar) (Duty, error) {
	loc := org.Zone()
	sched, err := parser.Parse("CRON_TZ=" + loc.String() + " " + r.Cron)
	if err != nil {
		return Duty{}, &problem{err.Error(), `write five fields: minute hour day month weekday, e.g. "0 9 1-7 * *"`}
	}
	if !periods[r.Period] {
		return Duty{}, &problem{fmt.Sprintf("unknown period %q", r.Period), "use month, quarter, half or year"}
	}
	// robfig/cron looks five years ahead: a spec without a moment in
	// them names only dates that do not exist, such as 30 February.
	if sched.Next(time.Date(checkFrom, 1, 1, 0, 0, 0, 0, loc)).IsZero() {
		return Duty{}, &problem{fmt.Sprintf("never runs: %q names no date that exists", r.Cron),
			`choose days that the chosen months have, e.g. "0 9 1-7 * *"`}
	}
	if r.FirstWorkingDay {
		if missed := missesFirstWorkingDay(sched, cal, loc); !missed.IsZero() {
			return Duty{}, &problem{
				fmt.Sprintf("with first_working_day the duty only counts on the first working day of a month, and %q does not run on %s",
					r.Cron, missed.Format("2 January 2006")),
				`let the cron run on days 1-7 of its months, e.g. "0 9 1-7 * *", or set first_working_day: false`}
		}
	}
	escalate := r.EscalateAfterDays
	if escalate <= 0 {
		escalate = 3
	}
	day := org.WorkingHours.End - org.WorkingHours.Start
	if day <= 0 {
		day = 8 * time.Hour
	}
	return Duty{
		Duty: policy.Duty{Row: r.Row, Role: r.Role, Scope: r.Scope, Kind: r.Kind, Title: r.Title, Body: r.Text,
			DueWorkingDays: r.DueWorkingDays, EscalateAfter: time.Duration(escalate) * day},
		Schedule: sched, FirstWorkingDay: r.FirstWorkingDay, Period: r.Period,
	}, nil
}

// checkFrom and checkTo are the years in which a duty's schedule is
// checked: fixed years, so that whether an organisation file is valid does
// not depend on the day it is read — a running installation does not one
// day refuse to start. 35 years hold every way weekdays fall on the dates of
// a year (they repeat every 28) and many dates of Easter.
const checkFrom, checkTo = 2026, 2060

// missesFirstWorkingDay returns the first working day, from checkFrom
// through checkTo, of a month in which the schedule runs but not on that
// day — a month in which a first_working_day duty would silently not
// happen — or the zero time when there is none.
func missesFirstWorkingDay(sched cron.Schedule, cal *calendar.Calendar, loc *time.Location) time.Time {
	end := time.Date(checkTo+1, 1, 1, 0, 0, 0, 0, loc)
	for month := time.Date(checkFrom, 1, 1, 0, 0, 0, 0, loc); month.Before(end); month = month.AddDate(0, 1, 0) {
		next := month.AddDate(0, 1, 0)
		if first := sched.Next(month.Add(-time.Nanosecond)); !first.IsZero() && first.Before(next) {
			day := cal.FirstWorkingDay(month)
			if at := sched.Next(day.Add(-time.Nanosecond)); at.IsZero() || !at.Before(day.AddDate(0, 0, 1)) {
				return day
			}
		}
	}
	return time.Time{}
}
