package register

import (
	"fmt"
	"math"
	"strings"
	"time"

	"meldbot/bot/chart"
	"meldbot/bot/locale"
)

// Overview is an overview of a period (C6, C7, C3, S7, S8, B6): its figures
// next to those of the period before and the same period a year earlier.
type Overview struct {
	cur, prev, yearAgo Figures
	// small hides counts from 1 up to below it as "< small", and what could
	// be worked back from them; 0 shows every count (the coordinator).
	small int
	now   time.Time
	units Units
	tr    locale.Texts
}

// Reader says who reads an overview: in which language, with which
// departments and locations, and from which count on a group is large
// enough to show (0 shows every count: the coordinator).
type Reader struct {
	Texts locale.Texts
	Units Units
	Small int
}

// Units are the departments and locations of the organisation, in the
// order of its file, that an overview names.
type Units struct {
	Departments, Locations []Unit
}

// Unit is a department or a location: its ID and its name.
type Unit struct{ ID, Name string }

// name returns the name of the unit with the given ID, or "".
func name(units []Unit, id string) string {
	for _, u := range units {
		if u.ID == id && id != "" {
			return u.Name
		}
	}
	return ""
}

// NewOverview counts a period of the register and the two it is compared
// with (the period before and the same period a year earlier), as reader
// will see them.
func NewOverview(src RowSource, p Period, sc Scope, now time.Time, reader Reader) (Overview, error) {
	o := Overview{small: reader.Small, now: now, units: reader.Units, tr: reader.Texts}
	for _, c := range []struct {
		f *Figures
		p Period
	}{{&o.cur, p}, {&o.prev, p.Previous()}, {&o.yearAgo, p.YearEarlier()}} {
		if c.f == &o.yearAgo && o.prev.Period.Key == c.p.Key {
			o.yearAgo = o.prev // a year: the year before is the same year earlier
			continue
		}
		f, err := count(src, c.p, sc, now, c.f == &o.cur)
		if err != nil {
			return o, fmt.Errorf("overview of %s: %w", c.p.Key, err)
		}
		*c.f = f
	}
	return o, nil
}

// Total returns how many incidents happened in the period.
func (o Overview) Total() int { return o.cur.Total }

// count shows a count, or "< small" for a small group.
func (o Overview) count(n int) string {
	if o.small > 0 && n > 0 && n < o.small {
		return fmt.Sprintf("< %d", o.small)
	}
	return fmt.Sprint(n)
}

// hidden reports whether a figure built on n incidents would show a group
// too small to show.
func (o Overview) hidden(n int) bool { return o.small > 0 && n > 0 && n < o.small }

// share shows part of whole as a percentage, or "" when it cannot be shown.
func (o Overview) share(part, whole int) string {
	if whole == 0 || o.hidden(part) || o.hidden(whole) {
		return ""
	}
	return fmt.Sprintf("%d%%", int(math.Round(100*float64(part)/float64(whole))))
}

// trend compares a count with an earlier one: "nu 20% meer", "nu evenveel";
// "" when there is nothing to compare or it would show a small group.
func (o Overview) trend(now, before int) string {
	switch {
	case o.hidden(now) || o.hidden(before) || before == 0:
		return ""
	case now == before:
		return o.tr.T("overview.trend.same")
	}
	pct := int(math.Round(100 * float64(now-before) / float64(before)))
	if pct > 0 {
		return o.tr.T("overview.trend.up", "Percent", pct)
	}
	return o.tr.T("overview.trend.down", "Percent", -pct)
}

// sameComparison reports whether the period before is the same period a
// year earlier (for a year), so it is shown once.
func (o Overview) sameComparison() bool { return o.prev.Period.Key == o.yearAgo.Period.Key }

// Text renders the overview as chat text: the totals and trend, tables by
// category, department, location and severity, and the follow-up.
func (o Overview) Text() string {
	tr, cur := o.tr, o.cur
	var b strings.Builder
	period := tr.Period(cur.Period.Key)
	b.WriteString(tr.T("overview.title", "Period", period, "Count", o.count(cur.Total), "Scope", o.scopeName()))
	b.WriteString("\n" + o.compareLine())
	b.WriteString("\n" + tr.T("overview.counted", "Late", o.count(cur.LateReports), "HasLate", cur.LateReports > 0))
	if o.now.Before(cur.Period.To) {
		b.WriteString("\n" + tr.T("overview.running"))
	}
	if o.small > 0 {
		b.WriteString("\n" + tr.T("overview.small", "Small", o.small))
	}
	if cur.Total+o.prev.Total+o.yearAgo.Total == 0 {
		b.WriteString("\n\n" + tr.T("overview.empty", "Period", period))
		return b.String()
	}
	head := o.columns()
	var cats []table
	for _, c := range Categories {
		cats = append(cats, table{tr.T("opt.categories." + string(c)), o.cur.ByCategory[c], o.prev.ByCategory[c], o.yearAgo.ByCategory[c]})
	}
	o.writeTable(&b, tr.T("overview.by_category")+" "+head, cats)
	if o.multiCategory() {
		b.WriteString("\n" + tr.T("overview.more_categories"))
	}
	if cur.Scope.Department == "" {
		var units []Unit
		units = o.units.Departments
		o.writeTable(&b, tr.T("overview.by_department")+" "+head,
			o.breakdown(units, tr.T("overview.department_unknown"), func(f Figures) map[string]int { return f.ByDepartment }))
	}
	if cur.Scope.Location == "" {
		var units []Unit
		units = o.units.Locations
		o.writeTable(&b, tr.T("overview.by_location")+" "+head,
			o.breakdown(units, tr.T("overview.location_elsewhere"), func(f Figures) map[string]int { return f.ByLocation }))
	}
	o.writeTable(&b, tr.T("overview.by_severity")+" "+head, []table{
		{tr.T("overview.serious"), cur.Serious, o.prev.Serious, o.yearAgo.Serious},
		{tr.T("overview.not_serious"), cur.Total - cur.Serious, o.prev.Total - o.prev.Serious, o.yearAgo.Total - o.yearAgo.Serious},
	})
	b.WriteString("\n\n" + tr.T("overview.follow_up", "Period", period))
	for _, line := range o.followUp() {
		b.WriteString("\n• " + line)
	}
	return b.String()
}

// table is a row of a table: a label and its count in the three periods.
type table struct {
	label              string
	cur, prev, yearAgo int
}

// writeTable writes the rows that have a count in any period, one column
// per period. A column whose counts add up to the period's total leaves out
// what would give a hidden small count away ("×", see withhold).
func (o Overview) writeTable(b *strings.Builder, title string, rows []table) {
	b.WriteString("\n\n" + title)
	var withheld [3][]bool
	for c, total := range []int{o.cur.Total, o.prev.Total, o.yearAgo.Total} {
		cells := make([]int, len(rows))
		for i, r := range rows {
			cells[i] = [3]int{r.cur, r.prev, r.yearAgo}[c]
		}
		withheld[c] = o.withhold(cells, total)
	}
	cell := func(c, i, n int) string {
		if withheld[c] != nil && withheld[c][i] {
			return "×"
		}
		return o.count(n)
	}
	left := false
	for i, r := range rows {
		if r.cur+r.prev+r.yearAgo == 0 {
			continue
		}
		line := "\n• " + r.label + ": " + cell(0, i, r.cur) + " · " + cell(1, i, r.prev)
		if !o.sameComparison() {
			line += " · " + cell(2, i, r.yearAgo)
		}
		b.WriteString(line)
		left = left || strings.Contains(line, "×")
	}
	if left {
		b.WriteString("\n" + o.tr.T("overview.withheld"))
	}
}

// multiCategory reports whether some incident has more than one category,
// so the counts by category add up to more than the total.
func (o Overview) multiCategory() bool {
	for _, f := range []Figures{o.cur, o.prev, o.yearAgo} {
		n := 0
		for _, c := range f.ByCategory {
			n += c
		}
		if n > f.Total {
			return true
		}
	}
	return false
}

// columns names the columns of the tables: this period, the one before and
// a year earlier.
func (o Overview) columns() string {
	tr := o.tr
	if o.sameComparison() {
		return tr.T("overview.columns2", "Period", tr.Period(o.cur.Period.Key), "Previous", tr.Period(o.prev.Period.Key))
	}
	return tr.T("overview.columns", "Period", tr.Period(o.cur.Period.Key), "Previous", tr.Period(o.prev.Period.Key),
		"YearAgo", tr.Period(o.yearAgo.Period.Key))
}

// compareLine compares the total with the period before and a year earlier.
func (o Overview) compareLine() string {
	tr := o.tr
	withTrend := func(before int) string {
		s := o.count(before)
		if t := o.trend(o.cur.Total, before); t != "" {
			s += " (" + t + ")"
		}
		return s
	}
	line := tr.T("overview.compare", "Previous", tr.Period(o.prev.Period.Key), "Count", withTrend(o.prev.Total))
	if !o.sameComparison() {
		line += " · " + tr.T("overview.compare_year", "YearAgo", tr.Period(o.yearAgo.Period.Key), "Count", withTrend(o.yearAgo.Total))
	}
	return line
}

// breakdown is a table of the counts by department or location (by): a row
// per unit of the organisation file, in its order, and a last row, named
// rest, for what is under no known unit — unknown, elsewhere, or a unit no
// longer in the file.
func (o Overview) breakdown(units []Unit, rest string, by func(Figures) map[string]int) []table {
	known := map[string]bool{}
	var rows []table
	for _, u := range units {
		known[u.ID] = true
		rows = append(rows, table{u.Name, by(o.cur)[u.ID], by(o.prev)[u.ID], by(o.yearAgo)[u.ID]})
	}
	others := func(f Figures) int {
		n := 0
		for id, c := range by(f) {
			if !known[id] {
				n += c
			}
		}
		return n
	}
	return append(rows, table{rest, others(o.cur), others(o.prev), others(o.yearAgo)})
}

// scopeName names the department or location of a narrowed overview.
func (o Overview) scopeName() string {
	sc := o.cur.Scope
	if n := name(o.units.Departments, sc.Department); n != "" {
		return n
	}
	return name(o.units.Locations, sc.Location)
}

// followUp describes how the incidents of the period were handled: police
// reports, time to first care, aftercare in time, measures, open tasks.
func (o Overview) followUp() []string {
	tr, f := o.tr, o.cur
	var out []string
	pct := o.share(f.PoliceReport, f.Total)
	out = append(out, tr.T("overview.police", "Count", o.count(f.PoliceReport), "Total", o.count(f.Total), "Percent", pct,
		"Record", o.count(f.PoliceRecord)))

	// First care counts when it was given, not when it was taken up.
	median, ok := f.CareGiven.Median()
	p90, _ := f.CareGiven.P90()
	picked, _ := f.FirstCare.Median()
	var line string
	switch {
	case !ok:
		line = tr.T("overview.first_care.none")
	case o.hidden(len(f.CareGiven)):
		line = tr.T("overview.first_care.too_few")
	default:
		line = tr.T("overview.first_care", "Median", tr.Duration(median), "P90", tr.Duration(p90),
			"Count", len(f.CareGiven), "Picked", tr.Duration(picked))
	}
	if f.CareOpen > 0 {
		line += tr.T("overview.first_care.open", "Open", o.count(f.CareOpen))
	}
	out = append(out, line)

	a := f.Aftercare
	if a.Due() == 0 {
		out = append(out, tr.T("overview.aftercare.none", "Pending", o.count(a.Pending)))
	} else {
		// On time, late and overdue add up to the talks due, as a column
		// of a table does to its total.
		withheld := o.withhold([]int{a.OnTime, a.Late, a.Overdue}, a.Due())
		cell := func(i, n int) string {
			if withheld != nil && withheld[i] {
				return "×"
			}
			return o.count(n)
		}
		pct := o.share(a.OnTime, a.Due())
		if withheld != nil && withheld[0] {
			pct = ""
		}
		line := tr.T("overview.aftercare", "OnTime", cell(0, a.OnTime), "Due", o.count(a.Due()), "Percent", pct,
			"Late", cell(1, a.Late), "Overdue", cell(2, a.Overdue), "Pending", o.count(a.Pending))
		if withheld != nil {
			line += "\n" + tr.T("overview.withheld")
		}
		out = append(out, line)
	}

	var measures []string
	for _, kind := range []string{"warning_letter", "talk", "ban", "claim", "none"} {
		if n := f.Measures[kind]; n > 0 {
			measures = append(measures, tr.T("opt.measure."+kind)+" "+o.count(n))
		}
	}
	if len(measures) == 0 {
		out = append(out, tr.T("overview.measures.none"))
	} else {
		out = append(out, tr.T("overview.measures", "List", strings.Join(measures, " · ")))
	}
	return append(out, tr.T("overview.tasks", "Open", o.count(f.OpenTasks), "Overdue", o.count(f.OverdueTasks)))
}

// Chart draws the reports per month, serious and not (ChartBars); nil when
// there is nothing to draw.
func (o Overview) Chart() ([]byte, error) {
	bars, ok := o.ChartBars()
	if !ok {
		return nil, nil
	}
	return bars.PNG()
}

// ChartBars are the bars of the overview's chart: the reports per month,
// stacked into the serious ones and the others. For a summary with a
// threshold, a month whose serious or other reports are a small group is
// not split: the chart then shows the months' totals, or nothing when
// those are small too. It reports false when there is nothing to draw.
func (o Overview) ChartBars() (chart.Bars, bool) {
	if o.cur.Total == 0 {
		return chart.Bars{}, false
	}
	split := true
	for _, m := range o.cur.PerMonth {
		split = split && !o.hidden(m.Serious) && !o.hidden(m.Total-m.Serious)
		if o.hidden(m.Total) {
			return chart.Bars{}, false
		}
	}
	title := o.tr.T("overview.chart.title", "Period", o.tr.Period(o.cur.Period.Key), "Scope", o.scopeName())
	return monthBars(o.cur, o.tr, title, split), true
}
