package bot

import (
	"time"

	"meldbot/bot/calendar"
)

// DefaultTimeZone is the time zone of an organisation whose file names
// none: meldbot is made for Dutch municipalities.
const DefaultTimeZone = calendar.DefaultZone

// Zone returns the organisation's time zone, in which deadlines, working
// hours and periods are counted: the one of its file, else
// DefaultTimeZone (UTC where the system knows no time zones; the meldbot
// binary carries its own).
func (o *Organisation) Zone() *time.Location {
	if o.TimeZone != nil {
		return o.TimeZone
	}
	return calendar.DefaultLocation()
}

// DefaultWorkingHours are the working hours of an organisation whose file
// names none: Monday to Friday, 08:30 to 17:00.
func DefaultWorkingHours() WorkingHours { return calendar.DefaultWeek() }

// WorkingCalendar returns the organisation's working calendar: its time
// zone and working hours with the holidays, closed days, task windows and
// escalation delay of Calendar. It says what in them cannot be used.
func (o *Organisation) WorkingCalendar() (*calendar.Calendar, error) {
	s := o.Calendar
	s.Zone, s.Week = o.Zone(), o.WorkingHours
	return calendar.New(s)
}
