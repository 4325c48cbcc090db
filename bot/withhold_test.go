package bot_test

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"meldbot/bot"
	"meldbot/bot/bottest"
	"meldbot/bot/register"
)

// A small number hidden as "< 5" cannot be worked out from what else an
// overview shows. For every table and every column, and for the aftercare
// line, the test plays the reader: it knows the period's total (when that
// is shown), that a column adds up to it when it does, that "< 5" is 1 to
// 4 and that "×" is a count left out (5 or more while some count in the
// column still shows as "< 5"). Every way of filling in the column must
// leave each hidden count at least two possible values.
func TestHiddenSmallNumbersCannotBeWorkedOut(t *testing.T) {
	h := sampleHarness(t)
	h.Clock.Set(time.Date(2028, 6, 1, 12, 0, 0, 0, bottest.Amsterdam))
	addRows(t, h, twentyAndTwoSingles(), onceEach())

	withheld := map[string]bool{}
	for _, key := range []string{"2025-Q3", "2026-Q2", "2026-Q3", "2026-H1", "2026-H2", "2025", "2026", "2027-Q1", "2028-Q1"} {
		p, err := register.ParsePeriod(key, h.Clock.Now())
		if err != nil {
			t.Fatal(err)
		}
		exact, shown := overviewFor(t, h, "karin", p), overviewFor(t, h, "peter", p)
		if strings.Contains(exact, "< 5") || strings.Contains(exact, "×") {
			t.Errorf("%s: the coordinator does not see every count:\n%s", key, exact)
		}
		totals := []int{countAll(t, h, p).Total, countAll(t, h, p.Previous()).Total, countAll(t, h, p.YearEarlier()).Total}
		for _, table := range []string{"*Naar soort*", "*Naar afdeling*", "*Naar locatie*", "*Naar ernst*"} {
			want, got := tableRows(t, exact, table), tableRows(t, shown, table)
			if len(want) != len(got) {
				t.Fatalf("%s %s: %d rows for the coordinator, %d for others:\n%s", key, table, len(want), len(got), shown)
			}
			for c := range want[0] {
				var exactCol []int
				var shownCol []string
				for i := range want {
					n, err := strconv.Atoi(want[i][c])
					if err != nil {
						t.Fatalf("%s %s: the coordinator sees %q", key, table, want[i][c])
					}
					exactCol, shownCol = append(exactCol, n), append(shownCol, got[i][c])
					withheld[key+" "+table] = withheld[key+" "+table] || got[i][c] == "×"
				}
				if msg := givenAway(shownCol, exactCol, totals[c]); msg != "" {
					t.Errorf("%s %s, column %d: %s:\n%s", key, table, c+1, msg, shown)
				}
			}
		}
		a := countAll(t, h, p).Aftercare
		if a.Due() == 0 {
			continue
		}
		onTime, late, overdue, due, pct := aftercareLine(t, shown)
		if due != strconv.Itoa(a.Due()) && a.Due() >= 5 {
			t.Errorf("%s: aftercare due %s, want %d", key, due, a.Due())
		}
		if msg := givenAway([]string{onTime, late, overdue}, []int{a.OnTime, a.Late, a.Overdue}, a.Due()); msg != "" {
			t.Errorf("%s aftercare: %s:\n%s", key, msg, shown)
		}
		if _, err := strconv.Atoi(onTime); err != nil && pct != "" {
			t.Errorf("%s aftercare: the percentage gives the hidden count on time away:\n%s", key, shown)
		}
		withheld[key+" aftercare"] = withheld[key+" aftercare"] || strings.Contains(onTime+late+overdue, "×")
	}
	// The cases that need a count left out do leave one out, and say why.
	for _, k := range []string{"2027-Q1 *Naar afdeling*", "2027-Q1 aftercare", "2028-Q1 *Naar soort*", "2026-H1 *Naar soort*"} {
		if !withheld[k] {
			t.Errorf("%s: nothing left out", k)
		}
	}
	if got := overviewFor(t, h, "peter", period(t, "2027-Q1")); !strings.Contains(got, "× niet getoond, zodat het kleine aantal niet uit het totaal is terug te rekenen") {
		t.Errorf("the reader is not told why counts are left out:\n%s", got)
	}
}

// givenAway plays the reader of one column: it returns what a hidden count
// would be, or "" when each could still be more than one value.
func givenAway(shown []string, exact []int, total int) string {
	sum, anyHidden := 0, false
	for _, n := range exact {
		sum += n
	}
	for _, s := range shown {
		anyHidden = anyHidden || s == "< 5"
	}
	if sum != total || total < 5 {
		return "" // the column does not add up to a total that is shown
	}
	type cell struct{ lo, hi int }
	var unknown []cell
	rest := total
	for i, s := range shown {
		switch {
		case s == "< 5":
			unknown = append(unknown, cell{1, 4})
		case s == "×" && anyHidden:
			unknown = append(unknown, cell{5, total})
		case s == "×":
			unknown = append(unknown, cell{0, total})
		default:
			n, err := strconv.Atoi(s)
			if err != nil || n != exact[i] {
				return fmt.Sprintf("row %d shows %q for %d", i+1, s, exact[i])
			}
			rest -= n
			unknown = append(unknown, cell{}) // known
		}
	}
	// possible[i] collects the values row i can take in a filling that
	// adds up.
	possible := make([]map[int]bool, len(shown))
	for i := range possible {
		possible[i] = map[int]bool{}
	}
	var idx []int
	for i, s := range shown {
		if s == "< 5" || s == "×" {
			idx = append(idx, i)
		}
	}
	vals := make([]int, len(shown))
	var fill func(k, left int)
	fill = func(k, left int) {
		if k == len(idx) {
			if left == 0 {
				for _, i := range idx {
					possible[i][vals[i]] = true
				}
			}
			return
		}
		c := unknown[idx[k]]
		for v := c.lo; v <= c.hi && v <= left; v++ {
			vals[idx[k]] = v
			fill(k+1, left-v)
		}
	}
	fill(0, rest)
	for i, s := range shown {
		if s == "< 5" && len(possible[i]) < 2 {
			return fmt.Sprintf("the hidden count of row %d can only be %v", i+1, possible[i])
		}
	}
	return ""
}

// overviewFor sends the overview of a period to who and returns its text.
func overviewFor(t *testing.T, h *bottest.Harness, who string, p register.Period) string {
	t.Helper()
	if err := h.Bot.SendOverview(context.Background(), h.User(who).Email, p, register.Scope{}); err != nil {
		t.Fatal(err)
	}
	h.Fire()
	return h.Expect(t, who, "📊").Text
}

func countAll(t *testing.T, h *bottest.Harness, p register.Period) register.Figures {
	t.Helper()
	var f register.Figures
	if err := h.Store.View(context.Background(), func(tx bot.Tx) error {
		var err error
		f, err = register.Count(tx, p, register.Scope{}, h.Clock.Now())
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return f
}

// tableRows returns the cells of a table's rows, per row one per column.
func tableRows(t *testing.T, text, title string) [][]string {
	t.Helper()
	i := strings.Index(text, "\n"+title)
	if i < 0 {
		t.Fatalf("no table %s in:\n%s", title, text)
	}
	section, _, _ := strings.Cut(text[i+1:], "\n\n")
	var rows [][]string
	for _, line := range strings.Split(section, "\n") {
		if _, cells, ok := strings.Cut(line, ": "); ok && strings.HasPrefix(line, "• ") {
			rows = append(rows, strings.Split(cells, " · "))
		}
	}
	if len(rows) == 0 {
		t.Fatalf("table %s has no rows:\n%s", title, section)
	}
	return rows
}

var aftercare = regexp.MustCompile(`Nazorggesprekken op tijd: (.+?) van de (.+?)( \(\d+%\))?; te laat gevoerd: (.+?); nog open en over de termijn: (.+?);`)

// aftercareLine returns the counts of the aftercare line.
func aftercareLine(t *testing.T, text string) (onTime, late, overdue, due, pct string) {
	t.Helper()
	m := aftercare.FindStringSubmatch(text)
	if m == nil {
		t.Fatalf("no aftercare line in:\n%s", text)
	}
	return m[1], m[4], m[5], m[2], m[3]
}

// addRows stores register rows.
func addRows(t *testing.T, h *bottest.Harness, sets ...[]register.Row) {
	t.Helper()
	if err := h.Store.Update(context.Background(), func(tx bot.Tx) error {
		for _, rows := range sets {
			for _, r := range rows {
				if err := tx.PutRow(r); err != nil {
					return err
				}
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
}

// twentyAndTwoSingles is Q1 2027: 20 incidents at the town hall's public
// desk, one in the social domain and one at the depot, each of another
// kind; 20 aftercare talks on time, one late, one overdue. Shown with the
// total of 22, the two singles would add up to 2: each 1.
func twentyAndTwoSingles() []register.Row {
	var rows []register.Row
	start := time.Date(2027, 1, 11, 10, 0, 0, 0, bottest.Amsterdam)
	for i := range 22 {
		at := start.Add(time.Duration(i) * 24 * time.Hour)
		r := register.Row{Number: fmt.Sprintf("GIR-2027-%04d", i+1), Occurred: at, Reported: at,
			Categories: []register.Category{register.CatVerbal}, Department: "publiekszaken", Location: "stadhuis",
			Aftercare: []register.Deadline{{Due: at.Add(72 * time.Hour), Done: at.Add(48 * time.Hour)}}}
		switch i {
		case 20:
			r.Categories, r.Department, r.Location, r.Serious = []register.Category{register.CatThreat}, "sociaal", "wijkpost", true
			r.Aftercare[0].Done = at.Add(96 * time.Hour)
		case 21:
			r.Categories, r.Department, r.Location = []register.Category{register.CatPhysical}, "buitendienst", "werf"
			r.Aftercare[0].Done = time.Time{}
		}
		rows = append(rows, r)
	}
	return rows
}

// onceEach is Q1 2028: five incidents, each of another kind. With the total
// of 5, every kind would be 1.
func onceEach() []register.Row {
	var rows []register.Row
	for i, c := range []register.Category{register.CatVerbal, register.CatThreat, register.CatIntimidation, register.CatSexual, register.CatDiscrimination} {
		at := time.Date(2028, 2, 1+i, 10, 0, 0, 0, bottest.Amsterdam)
		rows = append(rows, register.Row{Number: fmt.Sprintf("GIR-2028-%04d", i+1), Occurred: at, Reported: at,
			Categories: []register.Category{c}, Department: "publiekszaken", Location: "stadhuis"})
	}
	return rows
}
