package register

import (
	"testing"
	"time"
)

var amsterdam, _ = time.LoadLocation("Europe/Amsterdam")

func TestParsePeriod(t *testing.T) {
	now := time.Date(2026, 11, 27, 15, 0, 0, 0, amsterdam) // a Friday
	for in, want := range map[string]string{
		"":          "2026-Q3 2026-07-01 2026-10-01", // the last complete quarter
		"2026-Q3":   "2026-Q3 2026-07-01 2026-10-01",
		"q3 2026":   "2026-Q3 2026-07-01 2026-10-01",
		"2026 K3":   "2026-Q3 2026-07-01 2026-10-01",
		"2026-H1":   "2026-H1 2026-01-01 2026-07-01",
		"H2 2025":   "2025-H2 2025-07-01 2026-01-01",
		"2025":      "2025 2025-01-01 2026-01-01",
		"2026-11":   "2026-11 2026-11-01 2026-12-01",
		"2026/2":    "2026-02 2026-02-01 2026-03-01",
		"2026-Q5":   "error",
		"Q3":        "error",
		"volgend":   "error",
		"2026 2027": "error",
		"2026-13":   "error",
	} {
		p, err := ParsePeriod(in, now)
		got := "error"
		if err == nil {
			got = p.Key + " " + p.From.Format("2006-01-02") + " " + p.To.Format("2006-01-02")
			if p.From.Location() != now.Location() || p.From.Hour() != 0 {
				t.Errorf("%q starts at %v", in, p.From)
			}
		}
		if got != want {
			t.Errorf("ParsePeriod(%q) = %s, want %s", in, got, want)
		}
	}
	// In January the last complete quarter is the last of the year before.
	jan := time.Date(2027, 1, 4, 9, 0, 0, 0, now.Location())
	if p, _ := ParsePeriod("", jan); p.Key != "2026-Q4" {
		t.Errorf("default in January = %s", p.Key)
	}
	for key, want := range map[string]string{"2026-Q1": "2025-Q4 2025-Q1", "2026-H1": "2025-H2 2025-H1", "2026": "2025 2025", "2026-01": "2025-12 2025-01"} {
		p, err := ParsePeriod(key, now)
		if err != nil {
			t.Fatal(err)
		}
		if got := p.Previous().Key + " " + p.YearEarlier().Key; got != want {
			t.Errorf("%s: previous and a year earlier %s, want %s", key, got, want)
		}
	}
}
