package bot_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"meldbot/bot"
	"meldbot/bot/bottest"
	"meldbot/bot/register"
)

func period(t *testing.T, s string) register.Period {
	t.Helper()
	p, err := register.ParsePeriod(s, bottest.SampleNow)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func count(t *testing.T, s bot.Store, p string, sc register.Scope) register.Figures {
	t.Helper()
	var f register.Figures
	if err := s.View(context.Background(), func(tx bot.Tx) error {
		var err error
		f, err = register.Count(tx, period(t, p), sc, bottest.SampleNow)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return f
}

// The figures of a generated register match the answers worked out by hand
// (see bottest.SampleRegister).
func TestFiguresOfAGeneratedRegister(t *testing.T) {
	s := bottest.NewMemStore()
	bottest.SampleRegister(t, s)
	f := count(t, s, "2026-Q3", register.Scope{})

	check := func(what string, got, want any) {
		t.Helper()
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s = %v, want %v", what, got, want)
		}
	}
	check("total", f.Total, 11)
	check("reported after the period", f.LateReports, 1)
	check("by category", f.ByCategory, map[register.Category]int{register.CatVerbal: 10, register.CatThreat: 2, register.CatPhysical: 1})
	check("by department", f.ByDepartment, map[string]int{"publiekszaken": 10, "sociaal": 1})
	check("by location", f.ByLocation, map[string]int{"stadhuis": 7, "wijkpost": 4})
	check("serious", f.Serious, 3)
	check("police reports", f.PoliceReport, 4)
	check("police records", f.PoliceRecord, 1)
	check("measures", f.Measures, map[string]int{"warning_letter": 2, "ban": 1, "none": 1})
	median, _ := f.FirstCare.Median()
	p90, _ := f.FirstCare.P90()
	check("first care measured", len(f.FirstCare), 10)
	check("first care median", median, 55*time.Minute)
	check("first care p90", p90, 90*time.Minute)
	median, _ = f.CareGiven.Median()
	p90, _ = f.CareGiven.P90()
	check("care given measured", len(f.CareGiven), 9)
	check("care given median", median, 90*time.Minute)
	check("care given p90", p90, 200*time.Minute)
	check("care still to be given", f.CareOpen, 1)
	check("aftercare", f.Aftercare, register.AftercareFigures{OnTime: 6, Late: 2, Overdue: 1, Pending: 1, NotNeeded: 1})
	check("aftercare due", f.Aftercare.Due(), 9)
	check("open tasks", f.OpenTasks, 4)
	check("overdue tasks", f.OverdueTasks, 2)
	var months []string
	for _, m := range f.PerMonth {
		months = append(months, fmt.Sprintf("%s:%d %v", m.Month.Format("2006-01"), m.Total, m.ByCategory))
	}
	check("per month", months, []string{"2026-07:4 map[threat:2 verbal:4]", "2026-08:4 map[physical:1 verbal:3]", "2026-09:3 map[verbal:3]"})

	// The periods it is compared with.
	check("Q2 2026", count(t, s, "2026-Q2", register.Scope{}).Total, 8)
	check("Q3 2025", count(t, s, "2025-Q3", register.Scope{}).Total, 11)
	check("Q2 2026 by department", count(t, s, "2026-Q2", register.Scope{}).ByDepartment, map[string]int{"publiekszaken": 5, "buitendienst": 3})
}

// A period without incidents counts nothing, month by month.
func TestFiguresOfAnEmptyPeriod(t *testing.T) {
	s := bottest.NewMemStore()
	bottest.SampleRegister(t, s)
	f := count(t, s, "2024-Q1", register.Scope{})
	if f.Total != 0 || len(f.ByCategory)+len(f.ByDepartment)+len(f.Measures)+len(f.FirstCare) != 0 || f.OpenTasks != 0 {
		t.Errorf("an empty period counts %+v", f)
	}
	if len(f.PerMonth) != 3 || f.PerMonth[0].Total+f.PerMonth[1].Total+f.PerMonth[2].Total != 0 {
		t.Errorf("months of an empty quarter: %+v", f.PerMonth)
	}
	if _, ok := f.CareGiven.Median(); ok {
		t.Error("a median of nothing")
	}
	// Openbare Ruimte had nothing in Q3 2026.
	if f := count(t, s, "2026-Q3", register.Scope{Department: "buitendienst"}); f.Total != 0 {
		t.Errorf("Openbare Ruimte in Q3 2026: %d", f.Total)
	}
}

// An incident a quarter of an hour into the new year counts in the new
// year, though in UTC it happened in the old one.
func TestFiguresAtTheYearBoundary(t *testing.T) {
	s := bottest.NewMemStore()
	bottest.SampleRegister(t, s)
	for p, want := range map[string]int{"2025": 12, "2026": 20, "2025-Q4": 1, "2026-Q1": 1, "2025-H2": 12, "2026-H1": 9, "2025-12": 1, "2026-01": 1} {
		if got := count(t, s, p, register.Scope{}).Total; got != want {
			t.Errorf("%s: %d incidents, want %d", p, got, want)
		}
	}
	jan := count(t, s, "2026-Q1", register.Scope{})
	if jan.PerMonth[0].Total != 1 || jan.ByCategory[register.CatThreat] != 1 {
		t.Errorf("1 January 00:15 is not counted in January: %+v", jan.PerMonth)
	}
}

// A department with a single incident: exact for the coordinator's
// figures, and its overview for anyone else says "< 5".
func TestFiguresOfADepartmentWithASingleIncident(t *testing.T) {
	s := bottest.NewMemStore()
	bottest.SampleRegister(t, s)
	f := count(t, s, "2026-Q3", register.Scope{Department: "sociaal"})
	if f.Total != 1 || f.Serious != 1 || f.PoliceReport != 1 || f.OpenTasks != 1 || f.OverdueTasks != 1 || len(f.FirstCare) != 0 {
		t.Errorf("Sociaal Domein in Q3 2026: %+v", f)
	}
	if w := count(t, s, "2026-Q3", register.Scope{Location: "wijkpost"}); w.Total != 4 || w.ByDepartment["publiekszaken"] != 4 {
		t.Errorf("Wijkpost Noord in Q3 2026: %+v", w)
	}
}
