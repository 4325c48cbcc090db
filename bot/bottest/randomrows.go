package bottest

import (
	"math/rand/v2"
	"time"

	"meldbot/bot"
	"meldbot/bot/register"
)

// RandomRows returns n register rows of 2025 and 2026 that meet the edges
// counting has: moments at the first second of a month in zone (and one
// second on either side), reports registered after their period ended,
// deadlines met to the second, categories named twice, departments,
// locations, police outcomes and measures that are unknown or empty, rows
// whose personal data was removed. Their moments are whole seconds, as the
// register keeps them; Moments returns the moments they are drawn from, to
// choose a now that meets their deadlines.
func RandomRows(rng *rand.Rand, zone *time.Location, n int) []register.Row {
	pick := func(xs ...string) string { return xs[rng.IntN(len(xs))] }
	moment := func() time.Time { return Moments(rng, zone) }
	maybe := func(t time.Time) time.Time {
		if rng.IntN(3) == 0 {
			return time.Time{}
		}
		return t
	}
	rows := make([]register.Row, 0, n)
	for i := range n {
		occurred := moment()
		r := register.Row{
			Number: bot.IncidentNumber(occurred.Year(), i+1), Occurred: occurred,
			Reported:   occurred.Add(time.Duration(rng.IntN(3)) * time.Duration(rng.IntN(90*24)) * time.Hour),
			Department: pick("sociaal", "publiekszaken", "", "afdeling-die-niet-meer-bestaat"),
			Location:   pick("stadhuis", "wijkpost", "", "sociaal"),
			Serious:    rng.IntN(4) == 0, CareOpen: rng.IntN(3) == 0, Purged: rng.IntN(5) == 0,
			Police:  pick("aangifte", "melding", "", "onbekend"),
			Measure: pick("", "", "ban", "talk", "warning_letter"),
		}
		if rng.IntN(20) == 0 {
			r.Reported = time.Time{}
		}
		r.FirstCare, r.CareGiven = maybe(moment()), maybe(moment())
		for range rng.IntN(4) {
			r.Categories = append(r.Categories, register.Categories[rng.IntN(len(register.Categories))])
		}
		if rng.IntN(10) == 0 {
			r.Categories = append(r.Categories, "new_kind")
		}
		for range rng.IntN(4) {
			a := register.Deadline{Due: moment(), Done: maybe(moment())}
			if rng.IntN(3) == 0 {
				a.Done = a.Due.Add(time.Duration(rng.IntN(3)-1) * time.Second)
			}
			a.NotNeeded = a.Done.IsZero() && rng.IntN(4) == 0
			r.Aftercare = append(r.Aftercare, a)
		}
		for range rng.IntN(4) {
			r.Open = append(r.Open, moment())
		}
		if rng.IntN(2) == 0 {
			r.ClosedAt = moment()
		}
		rows = append(rows, r)
	}
	return rows
}

// Moments returns a moment of 2025 or 2026 of the few RandomRows draws
// from: the first second of a month in zone, or the 15th at noon, or one
// second before or after either.
func Moments(rng *rand.Rand, zone *time.Location) time.Time {
	day, hour := 1, 0
	if rng.IntN(2) == 0 {
		day, hour = 15, 12
	}
	t := time.Date(2025+rng.IntN(2), time.Month(1+rng.IntN(12)), day, hour, 0, 0, 0, zone)
	return t.Add(time.Duration(rng.IntN(3)-1) * time.Second)
}
