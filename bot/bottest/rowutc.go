package bottest

import (
	"time"

	"meldbot/bot/register"
)

// RowInUTC returns a copy of the row with its times in UTC, to compare rows
// whatever zone they were read in. The row passed in is left as it is.
func RowInUTC(r register.Row) register.Row {
	utc := func(t time.Time) time.Time {
		if t.IsZero() {
			return t
		}
		return t.UTC()
	}
	r.Occurred, r.Reported, r.FirstCare, r.ClosedAt = utc(r.Occurred), utc(r.Reported), utc(r.FirstCare), utc(r.ClosedAt)
	r.CareGiven = utc(r.CareGiven)
	var a []register.Deadline
	for _, d := range r.Aftercare {
		a = append(a, register.Deadline{Due: utc(d.Due), Done: utc(d.Done), NotNeeded: d.NotNeeded})
	}
	r.Aftercare = a
	var o []time.Time
	for _, t := range r.Open {
		o = append(o, utc(t))
	}
	r.Open = o
	return r
}
