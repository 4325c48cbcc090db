package bot

import (
	"sync"
	"time"
)

// DefaultTimeZone is the time zone of an organisation whose file names
// none: meldbot is made for Dutch municipalities.
const DefaultTimeZone = "Europe/Amsterdam"

// defaultZone is DefaultTimeZone loaded, or UTC where the system knows no
// time zones (the meldbot binary carries its own).
var defaultZone = sync.OnceValue(func() *time.Location {
	if loc, err := time.LoadLocation(DefaultTimeZone); err == nil {
		return loc
	}
	return time.UTC
})

// Zone returns the organisation's time zone, in which deadlines, working
// hours and periods are counted: the one of its file, else
// DefaultTimeZone.
func (o *Organisation) Zone() *time.Location {
	if o.TimeZone != nil {
		return o.TimeZone
	}
	return defaultZone()
}

// DefaultWorkingHours are the working hours of an organisation whose file
// names none: Monday to Friday, 08:30 to 17:00.
func DefaultWorkingHours() WorkingHours {
	return WorkingHours{
		Start: 8*time.Hour + 30*time.Minute,
		End:   17 * time.Hour,
		Days:  []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday},
	}
}
