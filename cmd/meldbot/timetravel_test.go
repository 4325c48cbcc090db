package main

import (
	"strings"
	"testing"
	"time"

	"meldbot/bot/bottest"
)

// reportLines are Sanne's report in the console: a threat at the counter
// the day before, a Thursday.
var reportLines = []string{
	"/incident", "2", "Verder", "Persoonlijk", "gisteren 16:40", "Stadhuis",
	"Een klant werd boos aan de balie en zei dat hij me na het werk zou opwachten.",
	"Een bekende burger of klant", "klantnummer 123456", "Eén persoon",
	"Nee", "Nee", "Nee", "Nee", "Enigszins", "Tom van de balie ernaast", "Ja", "Nee", "Nee",
	"Nee, nu niet", "Ik twijfel nog", "Ja, graag", "Versturen",
}

// A report on a Friday afternoon, lived through in the console: nothing
// reaches anyone over the weekend; on Monday, in working hours, the manager
// is reminded of the first care nobody took up, and later that day the
// coordinator and the deputy manager are asked to see to it. On the first
// working day of December the facility staff get the month's alarm test,
// one per location, at 09:00. Back in time the clock does not go.
func TestTimeTravelFromAFridayReportThroughMondayToTheAlarmTest(t *testing.T) {
	lines := append(append([]string{}, reportLines...),
		"/als peter",
		"/tijd maandag 17:00",
		"/tijd dinsdag 9:00",
		"/als linda",
		"A1",
		"/tijd vrijdag 12:00",
		"/tijd 2026-11-30 09:00",
	)
	out := consoleSession(t, "2026-11-27 16:00", lines...)
	all := arrivals(t, out)
	at := func(m time.Month, d, h, min int) time.Time {
		return time.Date(2026, m, d, h, min, 0, 0, bottest.Amsterdam)
	}
	monday := at(11, 30, 0, 0)
	workingHours := func(t time.Time) bool {
		h := t.Hour()*60 + t.Minute()
		return t.Weekday() >= time.Monday && t.Weekday() <= time.Friday && h >= 8*60+30 && h <= 17*60
	}

	// Friday: the manager is asked for first care at once.
	report := find(all, "Peter", "Eerste opvang — GIR-2026-0001")
	if len(report) == 0 || !report[0].at.IsZero() || report[0].line != "Versturen" {
		t.Fatalf("first care was not asked for with the report:\n%s", out)
	}
	for _, a := range all {
		if !a.at.IsZero() && (a.at.Weekday() == time.Saturday || a.at.Weekday() == time.Sunday) {
			t.Errorf("%s got a message at the weekend, %v: %s", a.to, a.at, a.text)
		}
	}

	// Monday: the reminder of first care, in working hours.
	reminders := find(all, "Peter", "Herinnering", "Eerste opvang — GIR-2026-0001")
	if len(reminders) != 1 {
		t.Fatalf("%d reminders of first care, want 1:\n%s", len(reminders), out)
	}
	reminded := reminders[0].at
	if reminded.Before(monday) || reminded.After(monday.AddDate(0, 0, 1)) || !workingHours(reminded) {
		t.Errorf("first care reminded at %v, want on Monday in working hours", reminded)
	}
	// Then the escalation: the coordinator and the deputy are asked to
	// see to it, later that Monday, and the manager hears of it.
	for _, who := range []string{"Karin", "Fatima"} {
		esc := find(all, who, "Peter Bakker heeft Eerste opvang nog niet opgepakt", "Eerste opvang — GIR-2026-0001")
		if len(esc) != 1 {
			t.Errorf("%s got %d escalations of first care, want 1", who, len(esc))
			continue
		}
		if e := esc[0].at; !e.After(reminded) || e.After(monday.AddDate(0, 0, 1)) || !workingHours(e) {
			t.Errorf("first care escalated to %s at %v, want after the reminder (%v), on Monday in working hours", who, e, reminded)
		}
	}
	if len(find(all, "Peter", `Je hebt "Eerste opvang" nog niet opgepakt`, "Karin de Vries")) != 1 {
		t.Errorf("the manager was not told that first care was passed on:\n%s", out)
	}

	// Tuesday 1 December, the first working day of the month, 09:00: an
	// alarm test per location for the facility staff, nothing before.
	for _, loc := range []string{"Stadhuis", "Wijkpost Noord", "Gemeentewerf"} {
		var got []arrival
		for _, a := range find(all, "Linda", "Alarmtest — "+loc+" (dec 2026)") {
			if !a.at.IsZero() {
				got = append(got, a)
			}
		}
		if len(got) != 1 || !got[0].at.Equal(at(12, 1, 9, 0)) {
			t.Errorf("alarm test at %s: %+v, want one on di 1 dec 2026, 09:00", loc, got)
		}
	}
	// Linda, now typing, picks the first of the three by its letter.
	if done := find(all, "Linda", "(bijgewerkt) Alarmtest — Stadhuis (dec 2026)", "✓ Gedaan door Linda Hendriks"); len(done) != 1 || done[0].line != "A1" {
		t.Errorf("A1 did not complete the first alarm test:\n%s", out)
	}
	if !strings.Contains(out, "Het is nu vr 4 dec 2026, 12:00.") {
		t.Errorf("/tijd vrijdag 12:00 on a Tuesday did not go to Friday:\n%s", out)
	}
	if !strings.Contains(out, "Terug in de tijd kan niet: het is nu vr 4 dec 2026, 12:00 en ma 30 nov 2026, 09:00 is al voorbij.") {
		t.Errorf("the clock went back:\n%s", out)
	}
}
