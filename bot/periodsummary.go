package bot

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
)

// cyclePeriod is a period of the cycle with its bounds: [from, to).
type cyclePeriod struct {
	key      string
	from, to time.Time
}

// periodBounds returns the bounds of a period key in loc: "2026-11",
// "2026-Q4", "2026-H2" or "2026".
func periodBounds(key string, loc *time.Location) (cyclePeriod, bool) {
	var y, n int
	start := func(m int) time.Time { return time.Date(y, time.Month(m), 1, 0, 0, 0, 0, loc) }
	switch {
	case len(key) == 7 && key[5] == 'Q':
		if _, err := fmt.Sscanf(key, "%d-Q%d", &y, &n); err != nil || n < 1 || n > 4 {
			return cyclePeriod{}, false
		}
		return cyclePeriod{key, start(3*n - 2), start(3*n-2).AddDate(0, 3, 0)}, true
	case len(key) == 7 && key[5] == 'H':
		if _, err := fmt.Sscanf(key, "%d-H%d", &y, &n); err != nil || n < 1 || n > 2 {
			return cyclePeriod{}, false
		}
		return cyclePeriod{key, start(6*n - 5), start(6*n-5).AddDate(0, 6, 0)}, true
	case len(key) == 7:
		if _, err := fmt.Sscanf(key, "%d-%d", &y, &n); err != nil || n < 1 || n > 12 {
			return cyclePeriod{}, false
		}
		return cyclePeriod{key, start(n), start(n).AddDate(0, 1, 0)}, true
	case len(key) == 4:
		if _, err := fmt.Sscanf(key, "%d", &y); err != nil {
			return cyclePeriod{}, false
		}
		return cyclePeriod{key, start(1), start(1).AddDate(1, 0, 0)}, true
	}
	return cyclePeriod{}, false
}

// previousPeriod returns the key of the period before key, of the same
// length: the quarter before a quarter, the year before a year.
func previousPeriod(key string, loc *time.Location) string {
	p, ok := periodBounds(key, loc)
	if !ok {
		return ""
	}
	before := p.from.Add(-time.Hour)
	switch {
	case len(key) == 4:
		return fmt.Sprintf("%d", before.Year())
	case key[5] == 'Q':
		return fmt.Sprintf("%d-Q%d", before.Year(), (int(before.Month())+2)/3)
	case key[5] == 'H':
		return fmt.Sprintf("%d-H%d", before.Year(), (int(before.Month())+5)/6)
	}
	return before.Format("2006-01")
}

// sendPeriodSummary sends, with a duty of the cycle, the counts of the
// past period by category and department; for a department's manager only
// that department, with small numbers shown as "< 5" so nobody can be
// recognised; for a location's guard only that location.
func (t *turn) sendPeriodSummary(task Task, occ Occurrence) error {
	prev := previousPeriod(occ.Period, t.b.org.TimeZone)
	p, ok := periodBounds(prev, t.b.org.TimeZone)
	if !ok {
		return nil
	}
	incidents, err := t.registered(p)
	if err != nil {
		return err
	}
	tr := t.textsFor(task.Assignee)
	var keep []Incident
	for _, inc := range incidents {
		switch occ.Duty.Kind {
		case DutyTrends:
			if inc.Department != occ.Scope {
				continue
			}
		case DutyLocation:
			if inc.Location != occ.Scope {
				continue
			}
		}
		keep = append(keep, inc)
	}
	small := 0
	if occ.Duty.Kind == DutyTrends {
		small = 5
	}
	byCat := map[string]int{}
	byDept := map[string]int{}
	for _, inc := range keep {
		for _, c := range inc.Categories {
			byCat[tr.T("opt.categories."+string(c))]++
		}
		name := tr.T("notice.unknown_department")
		if d, ok := t.b.org.Department(inc.Department); ok {
			name = d.Name
		}
		byDept[name]++
	}
	var b strings.Builder
	b.WriteString(tr.T("summary.title", "Period", formatPeriod(tr, prev), "Count", countText(len(keep), small)) + "\n")
	writeCounts(&b, tr.T("summary.by_category"), byCat, small)
	if occ.Duty.Kind != DutyTrends {
		writeCounts(&b, tr.T("summary.by_department"), byDept, small)
	}
	return t.sendTask(task.Assignee, task, Message{Text: strings.TrimRight(b.String(), "\n")})
}

// registered returns the incidents registered in a period. Register
// numbers are handed out per year without gaps, so the years the period
// touches are read number by number.
func (t *turn) registered(p cyclePeriod) ([]Incident, error) {
	var out []Incident
	for y := p.from.Year(); y <= p.to.Add(-time.Second).Year(); y++ {
		for seq := 1; ; seq++ {
			inc, err := t.tx.Incident(IncidentNumber(y, seq))
			if errors.Is(err, ErrNotFound) {
				break
			}
			if err != nil {
				return nil, err
			}
			if !inc.ReportedAt.Before(p.from) && inc.ReportedAt.Before(p.to) {
				out = append(out, inc)
			}
		}
	}
	return out, nil
}

func writeCounts(b *strings.Builder, title string, counts map[string]int, small int) {
	if len(counts) == 0 {
		return
	}
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if counts[keys[i]] != counts[keys[j]] {
			return counts[keys[i]] > counts[keys[j]]
		}
		return keys[i] < keys[j]
	})
	b.WriteString(title + "\n")
	for _, k := range keys {
		fmt.Fprintf(b, "• %s: %s\n", k, countText(counts[k], small))
	}
}

// countText shows a count, or "< small" for counts under the threshold.
func countText(n, small int) string {
	if small > 0 && n > 0 && n < small {
		return fmt.Sprintf("< %d", small)
	}
	return fmt.Sprint(n)
}
