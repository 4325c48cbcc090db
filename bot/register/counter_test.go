package register_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"meldbot/bot/bottest"
	"meldbot/bot/register"
)

// Counting facts gives the figures counting whole rows gives, whatever
// the rows, the period, the scope and the moment: late reports at the very
// end of a period, deadlines that pass in the same second as now, a
// category named twice, departments and measures unknown.
func TestCountingFactsIsCountingRows(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 16))
	zone, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		t.Fatal(err)
	}
	for round := range 200 {
		rs := bottest.RandomRows(rng, zone, 1+rng.IntN(60))
		if round%4 > 0 { // a source gives rows earliest first; a count does not depend on it
			slices.SortStableFunc(rs, func(a, b register.Row) int { return a.Occurred.Compare(b.Occurred) })
		}
		now := bottest.Moments(rng, zone).Add(time.Duration(rng.IntN(2)) * 500 * time.Millisecond)
		key := []string{"2026", "2025", "2026-Q1", "2025-Q4", "2026-H2", "2026-03", "2025-10"}[rng.IntN(7)]
		p, err := register.ParsePeriod(key, now)
		if err != nil {
			t.Fatal(err)
		}
		sc := []register.Scope{{}, {Department: "sociaal"}, {Department: ""}, {Location: "wijkpost"}, {Department: "sociaal", Location: "stadhuis"}}[rng.IntN(5)]
		got, err := register.Count(register.RowList(rs), p, sc, now)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := fmt.Sprintf("%+v", got), fmt.Sprintf("%+v", countRows(rs, p, sc, now)); got != want {
			t.Fatalf("round %d, %s %+v at %v:\ncounted facts %s\n counted rows %s", round, key, sc, now, got, want)
		}
	}
}

// countRows counts the figures of rows the plain way, one whole row at a
// time, as register.Count did before it counted facts.
func countRows(rs []register.Row, p register.Period, sc register.Scope, now time.Time) register.Figures {
	f := register.Figures{Period: p, Scope: sc, ByCategory: map[register.Category]int{}, ByDepartment: map[string]int{},
		ByLocation: map[string]int{}, Measures: map[string]int{}}
	for _, m := range p.Months() {
		f.PerMonth = append(f.PerMonth, register.MonthFigures{Month: m, ByCategory: map[register.Category]int{}})
	}
	for _, r := range rs {
		if r.Occurred.Before(p.From) || !r.Occurred.Before(p.To) ||
			(sc.Department != "" && r.Department != sc.Department) || (sc.Location != "" && r.Location != sc.Location) {
			continue
		}
		f.Total++
		if !r.Reported.Before(p.To) {
			f.LateReports++
		}
		for i := range f.PerMonth {
			if m := f.PerMonth[i].Month; !r.Occurred.Before(m) && r.Occurred.Before(m.AddDate(0, 1, 0)) {
				f.PerMonth[i].Total++
				if r.Serious {
					f.PerMonth[i].Serious++
				}
				for _, c := range r.Categories {
					f.PerMonth[i].ByCategory[c]++
				}
			}
		}
		for _, c := range r.Categories {
			f.ByCategory[c]++
		}
		f.ByDepartment[r.Department]++
		f.ByLocation[r.Location]++
		if r.Serious {
			f.Serious++
		}
		switch r.Police {
		case "aangifte":
			f.PoliceReport++
		case "melding":
			f.PoliceRecord++
		}
		if d, ok := r.FirstCareTime(); ok {
			f.FirstCare = append(f.FirstCare, d)
		}
		if d, ok := r.CareGivenTime(); ok {
			f.CareGiven = append(f.CareGiven, d)
		}
		if r.CareOpen {
			f.CareOpen++
		}
		for _, a := range r.Aftercare {
			switch {
			case a.NotNeeded:
				f.Aftercare.NotNeeded++
			case !a.Done.IsZero() && !a.Done.After(a.Due):
				f.Aftercare.OnTime++
			case !a.Done.IsZero():
				f.Aftercare.Late++
			case now.After(a.Due):
				f.Aftercare.Overdue++
			default:
				f.Aftercare.Pending++
			}
		}
		if r.Measure != "" {
			f.Measures[r.Measure]++
		}
		for _, due := range r.Open {
			f.OpenTasks++
			if now.After(due) {
				f.OverdueTasks++
			}
		}
	}
	slices.Sort(f.FirstCare)
	slices.Sort(f.CareGiven)
	return f
}
