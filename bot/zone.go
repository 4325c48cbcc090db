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
func DefaultWorkingHours() WorkingHours { return WorkingHours(calendar.DefaultWeek()) }
