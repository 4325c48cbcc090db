package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"meldbot/bot/orgfile"
)

// The sample's calendar for 2027, worked out by hand from a wall calendar:
// Good Friday (26 March) a working day, 5 May off, Christmas in the
// weekend.
const sample2027 = `Werkkalender 2027 — Gemeente Voorbeeldrode
Werktijden: ma, di, wo, do, vr van 08:30 tot 17:00 (tijdzone Europe/Amsterdam)

Feestdagen en sluitingsdagen
  vr  1 jan  Nieuwjaarsdag
  ma 29 mrt  Tweede Paasdag
  di 27 apr  Koningsdag
  wo  5 mei  Bevrijdingsdag
  do  6 mei  Hemelvaartsdag
  ma 17 mei  Tweede Pinksterdag
  za 25 dec  Eerste Kerstdag — valt buiten de werkweek
  zo 26 dec  Tweede Kerstdag — valt buiten de werkweek

Feestdagen die dit jaar een werkdag zijn
  vr 26 mrt  Goede Vrijdag

Werkdagen per maand
  januari     20
  februari    20
  maart       22
  april       21
  mei         18
  juni        22
  juli        22
  augustus    22
  september   22
  oktober     21
  november    22
  december    23
  totaal     255
`

func writeConfig(t *testing.T, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "meldbot.yaml")
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestCalendarCommandPrintsTheSamplesYear(t *testing.T) {
	path := writeConfig(t, string(orgfile.Example))
	for _, args := range [][]string{
		{"calendar", "2027", "--config", path},
		{"calendar", "--config", path, "2027"},
	} {
		var out, errOut bytes.Buffer
		if code := run(args, nil, &out, &errOut); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errOut.String())
		}
		if out.String() != sample2027 {
			t.Errorf("%v printed:\n%s\nwant:\n%s", args, out.String(), sample2027)
		}
	}
}

func TestCalendarCommandShowsTheOrganisationsChoices(t *testing.T) {
	sample := strings.NewReplacer("language: nl", "language: en", `start: "08:30"`, `start: "08:00"`, `end: "17:00"`, `end: "16:30"`,
		"days: [ma, di, wo, do, vr]", "days: [ma, di, wo, do]",
		"good_friday: never ", "good_friday: lustrum", "liberation_day: every_year", "liberation_day: lustrum",
		"  # closed_days:", "  closed_days: [12-24, {date: 12-31, name: Oudejaarsdag}, 2030-05-31]").Replace(string(orgfile.Example))
	path := writeConfig(t, sample)
	var out, errOut bytes.Buffer
	if code := run([]string{"calendar", "2030", "--config", path}, nil, &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	for _, want := range []string{
		"Working calendar 2030 — Gemeente Voorbeeldrode",
		"Working hours: Mon, Tue, Wed, Thu from 08:00 to 16:30 (time zone Europe/Amsterdam)",
		"  Fri 19 Apr  Goede Vrijdag — outside the working week", // a lustrum year
		"  Sun  5 May  Bevrijdingsdag — outside the working week",
		"  Fri 31 May  Sluitingsdag — outside the working week",
		"  Tue 24 Dec  Sluitingsdag\n",
		"  Tue 31 Dec  Oudejaarsdag (closed day)\n",
		"National holidays that are working days this year\n  none\n",
		// December 2030: 18 Mondays to Thursdays, less 24, 25, 26 and 31.
		"  December    14\n",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	out.Reset()
	if code := run([]string{"calendar", "2031", "--config", path}, nil, &out, &errOut); code != 0 || !strings.Contains(out.String(),
		"National holidays that are working days this year\n  Fri 11 Apr  Goede Vrijdag\n  Mon  5 May  Bevrijdingsdag\n") {
		t.Errorf("2031, no lustrum year: exit %d\n%s", code, out.String())
	}
}

func TestCalendarCommandRefusesWhatIsNoYear(t *testing.T) {
	for _, args := range [][]string{{"calendar", "volgend jaar"}, {"calendar", "1999"}, {"calendar", "2027", "2028"}} {
		var out, errOut bytes.Buffer
		if code := run(args, nil, &out, &errOut); code != 2 || !strings.Contains(errOut.String(), "year") {
			t.Errorf("%v: exit %d, %q", args, code, errOut.String())
		}
	}
	// Without a year: this year.
	var out, errOut bytes.Buffer
	if err := printCalendar(nil, &out, &errOut, time.Date(2028, 6, 1, 12, 0, 0, 0, time.UTC)); err != nil || !strings.HasPrefix(out.String(), "Werkkalender 2028") {
		t.Errorf("no year: %v\n%s", err, out.String())
	}
}
