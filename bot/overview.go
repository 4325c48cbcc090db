package bot

import (
	"context"
	"fmt"
	"math"
	"strings"
	"time"
)

// overview is an overview of a period (C6, C7, C3, S7, S8, B6): its figures
// next to those of the period before and the same period a year earlier.
type overview struct {
	cur, prev, yearAgo Figures
	// small hides counts from 1 up to below it as "< small", and what could
	// be worked back from them; 0 shows every count (the coordinator).
	small int
	now   time.Time
	org   *Organisation
	tr    Texts
}

// makeOverview counts a period and the two it is compared with.
func (t *turn) makeOverview(p Period, sc OverviewScope, small int, tr Texts) (overview, error) {
	o := overview{small: small, now: t.now, org: t.b.org, tr: tr}
	for _, c := range []struct {
		f *Figures
		p Period
	}{{&o.cur, p}, {&o.prev, p.Previous()}, {&o.yearAgo, p.YearEarlier()}} {
		if c.f == &o.yearAgo && o.prev.Period.Key == c.p.Key {
			o.yearAgo = o.prev // a year: the year before is the same year earlier
			continue
		}
		f, err := Count(t.tx, c.p, sc, t.now)
		if err != nil {
			return o, fmt.Errorf("overview of %s: %w", c.p.Key, err)
		}
		*c.f = f
	}
	return o, nil
}

// sendOverview sends a person the overview of a period: a table in the text
// and a chart of the incidents per month by category. sc narrows it to a
// department or location. Only a coordinator sees exact small numbers;
// everyone else sees counts below the organisation's threshold (default 5)
// as "< 5", and no percentage, median or chart that would give them away.
// The message is queued in the turn's transaction, and the overview
// enters the audit trail when it is delivered. This is the entry point for the policy
// cycle: the quarterly overview (C6, C3), the trends per department (C7),
// the half-yearly and yearly reports (S8, S7, B6).
func (t *turn) sendOverview(to string, p Period, sc OverviewScope) error {
	to = NormalizeEmail(to)
	viewer := t.b.org.PersonOrGuest(User{Email: to})
	small := 0
	if !viewer.Has(RoleCoordinator) {
		small = t.b.org.smallNumbers()
	}
	tr := t.textsFor(to)
	o, err := t.makeOverview(p, sc, small, tr)
	if err != nil {
		return err
	}
	m := Message{Text: o.text()}
	png, err := o.chart()
	switch {
	case err != nil:
		// The figures matter more than the picture: send them anyway.
		t.b.log.Warn().Err(err).Str("period", p.Key).Msg("overview chart failed; sending the table only")
	case png != nil:
		m.Image = &Image{Name: "meldingen-" + p.Key + scopeSuffix(sc) + ".png", PNG: png}
	case o.cur.Total > 0:
		m.Text += "\n\n" + tr.T("overview.no_chart", "Small", small)
	}
	what := p.Key + scopeSuffix(sc)
	if to != NormalizeEmail(t.person.Email) {
		what += " → " + to
	}
	return t.send(to, m, AuditEntry{By: NormalizeEmail(t.person.Email), To: to, Action: AuditOverview, What: what})
}

func scopeSuffix(sc OverviewScope) string {
	switch {
	case sc.Department != "":
		return "-" + sc.Department
	case sc.Location != "":
		return "-" + sc.Location
	}
	return ""
}

// SendOverview sends a person the overview of a period in a transaction of
// its own, as meldbot itself; see sendOverview.
func (b *Bot) SendOverview(ctx context.Context, to string, p Period, sc OverviewScope) error {
	_, err := b.systemUpdate(ctx, func(t *turn) (bool, error) { return true, t.sendOverview(to, p, sc) })
	return err
}

// count shows a count, or "< small" for a small group.
func (o overview) count(n int) string {
	if o.small > 0 && n > 0 && n < o.small {
		return fmt.Sprintf("< %d", o.small)
	}
	return fmt.Sprint(n)
}

// hidden reports whether a figure built on n incidents would show a group
// too small to show.
func (o overview) hidden(n int) bool { return o.small > 0 && n > 0 && n < o.small }

// share shows part of whole as a percentage, or "" when it cannot be shown.
func (o overview) share(part, whole int) string {
	if whole == 0 || o.hidden(part) || o.hidden(whole) {
		return ""
	}
	return fmt.Sprintf("%d%%", int(math.Round(100*float64(part)/float64(whole))))
}

// trend compares a count with an earlier one: "nu 20% meer", "nu evenveel";
// "" when there is nothing to compare or it would show a small group.
func (o overview) trend(now, before int) string {
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
func (o overview) sameComparison() bool { return o.prev.Period.Key == o.yearAgo.Period.Key }

// text renders the overview as chat text: the totals and trend, tables by
// category, department, location and severity, and the follow-up.
func (o overview) text() string {
	tr, cur := o.tr, o.cur
	var b strings.Builder
	period := formatPeriod(tr, cur.Period.Key)
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
		var units []unit
		for _, d := range o.org.Departments {
			units = append(units, unit{d.ID, d.Name})
		}
		o.writeTable(&b, tr.T("overview.by_department")+" "+head,
			o.breakdown(units, tr.T("overview.department_unknown"), func(f Figures) map[string]int { return f.ByDepartment }))
	}
	if cur.Scope.Location == "" {
		var units []unit
		for _, l := range o.org.Locations {
			units = append(units, unit{l.ID, l.Name})
		}
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
func (o overview) writeTable(b *strings.Builder, title string, rows []table) {
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
func (o overview) multiCategory() bool {
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
func (o overview) columns() string {
	tr := o.tr
	if o.sameComparison() {
		return tr.T("overview.columns2", "Period", formatPeriod(tr, o.cur.Period.Key), "Previous", formatPeriod(tr, o.prev.Period.Key))
	}
	return tr.T("overview.columns", "Period", formatPeriod(tr, o.cur.Period.Key), "Previous", formatPeriod(tr, o.prev.Period.Key),
		"YearAgo", formatPeriod(tr, o.yearAgo.Period.Key))
}

// compareLine compares the total with the period before and a year earlier.
func (o overview) compareLine() string {
	tr := o.tr
	withTrend := func(before int) string {
		s := o.count(before)
		if t := o.trend(o.cur.Total, before); t != "" {
			s += " (" + t + ")"
		}
		return s
	}
	line := tr.T("overview.compare", "Previous", formatPeriod(tr, o.prev.Period.Key), "Count", withTrend(o.prev.Total))
	if !o.sameComparison() {
		line += " · " + tr.T("overview.compare_year", "YearAgo", formatPeriod(tr, o.yearAgo.Period.Key), "Count", withTrend(o.yearAgo.Total))
	}
	return line
}

// unit is a department or location of the organisation file.
type unit struct{ id, name string }

// breakdown is a table of the counts by department or location (by): a row
// per unit of the organisation file, in its order, and a last row, named
// rest, for what is under no known unit — unknown, elsewhere, or a unit no
// longer in the file.
func (o overview) breakdown(units []unit, rest string, by func(Figures) map[string]int) []table {
	known := map[string]bool{}
	var rows []table
	for _, u := range units {
		known[u.id] = true
		rows = append(rows, table{u.name, by(o.cur)[u.id], by(o.prev)[u.id], by(o.yearAgo)[u.id]})
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
func (o overview) scopeName() string {
	sc := o.cur.Scope
	if d, ok := o.org.Department(sc.Department); ok {
		return d.Name
	}
	if l, ok := o.org.Location(sc.Location); ok {
		return l.Name
	}
	return ""
}

// followUp describes how the incidents of the period were handled: police
// reports, time to first care, aftercare in time, measures, open tasks.
func (o overview) followUp() []string {
	tr, f := o.tr, o.cur
	var out []string
	pct := o.share(f.PoliceReport, f.Total)
	out = append(out, tr.T("overview.police", "Count", o.count(f.PoliceReport), "Total", o.count(f.Total), "Percent", pct,
		"Record", o.count(f.PoliceRecord)))

	median, ok := f.FirstCareMedian()
	p90, _ := f.FirstCareP90()
	switch {
	case !ok:
		out = append(out, tr.T("overview.first_care.none"))
	case o.hidden(len(f.FirstCare)):
		out = append(out, tr.T("overview.first_care.too_few"))
	default:
		out = append(out, tr.T("overview.first_care", "Median", formatDuration(tr, median), "P90", formatDuration(tr, p90),
			"Count", len(f.FirstCare)))
	}

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

// chart draws the incidents per month by category. For a summary with a
// threshold, a category per month that is a small group is not drawn: the
// chart then shows the months' totals, or nothing when those are small too.
// It returns nil when there is nothing to draw.
func (o overview) chart() ([]byte, error) {
	if o.cur.Total == 0 {
		return nil, nil
	}
	split := true
	for _, m := range o.cur.PerMonth {
		for _, n := range m.ByCategory {
			split = split && !o.hidden(n)
		}
		if o.hidden(m.Total) {
			return nil, nil
		}
	}
	title := o.tr.T("overview.chart.title", "Period", formatPeriod(o.tr, o.cur.Period.Key), "Scope", o.scopeName())
	return monthChart(o.cur, o.tr, title, split)
}
