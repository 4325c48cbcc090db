package orgfile

import (
	"fmt"
	"regexp"
	"strconv"
	"time"

	"go.yaml.in/yaml/v3"

	"meldbot/bot"
	"meldbot/bot/calendar"
)

// calendarSpec is the calendar: which optional holidays the
// organisation observes and the days it is closed.
type calendarSpec struct {
	GoodFriday    field[string]    `yaml:"good_friday"`
	LiberationDay field[string]    `yaml:"liberation_day"`
	ClosedDays    []closedDayEntry `yaml:"closed_days"`
}

// closedDayEntry is a line of closed_days: a date ("12-24", "2026-12-24")
// or a mapping with date and name.
type closedDayEntry struct {
	Date    field[string]
	Name    string
	Unknown []field[string]
}

// UnmarshalYAML reads either form, keeping positions.
func (e *closedDayEntry) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		e.Date = scalar(n)
		return nil
	}
	if n.Kind != yaml.MappingNode {
		return typeError(n, "a closed day is a date such as 12-24 or 2026-12-24, or date: and name:")
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		key, val := n.Content[i], n.Content[i+1]
		switch key.Value {
		case "date":
			e.Date = scalar(val)
		case "name":
			e.Name = val.Value
		default:
			e.Unknown = append(e.Unknown, scalar(key))
		}
	}
	return nil
}

// Most closed days: with the holidays they still leave working days in a
// working week of one day, and more are a mistake.
const (
	maxYearlyClosedDays  = 20
	maxClosedDaysInAYear = 20
)

var (
	yearlyRe = regexp.MustCompile(`^(\d{1,2})-(\d{1,2})$`)
	fixedRe  = regexp.MustCompile(`^(\d{4})-(\d{1,2})-(\d{1,2})$`)
)

// checkCalendar reads the calendar section, timings — the windows, their
// older keys and escalate_after — into org.Calendar. It runs after the
// time zone and working hours are read.
func (f *file) checkCalendar(p *Problems, org *bot.Organisation) {
	var s calendar.Settings
	before := len(p.List)
	if c := f.Calendar; c != nil {
		s.GoodFriday = observance(p, c.GoodFriday, "good_friday")
		s.LiberationDay = observance(p, c.LiberationDay, "liberation_day")
		s.Closed = closedDays(p, c.ClosedDays)
	}
	older := f.checkTimings(p)
	s.Windows = f.checkWindows(p, older)
	s.EscalateAfter = older.EscalateAfter
	org.Calendar = s
	if len(p.List) == before {
		// Every problem New could find has been reported with its line;
		// this is the last word, for what has none.
		if _, err := org.WorkingCalendar(); err != nil {
			p.add(0, 0, "see docs/organisation-file.md, Calendar", "the calendar cannot be used: %v", err)
		}
	}
}

func observance(p *Problems, v field[string], name string) calendar.Observance {
	if !v.Set {
		return ""
	}
	o, ok := calendar.ParseObservance(v.V)
	if !ok {
		p.add(v.Line, v.Column, "use every_year, lustrum (2025, 2030, …) or never (a working day)", "%s %q is not possible", name, v.V)
	}
	return o
}

// closedDays reads closed_days: "12-24" every year, "2026-12-24" once.
func closedDays(p *Problems, in []closedDayEntry) []calendar.ClosedDay {
	var out []calendar.ClosedDay
	seen := map[string]int{}
	yearly, inYear := 0, map[int]int{}
	for _, e := range in {
		for _, u := range e.Unknown {
			p.add(u.Line, u.Column, "a closed day has only date and name", "unknown field %q in a closed day", u.V)
		}
		d, ok := parseClosedDay(e.Date.V)
		if !ok {
			p.add(e.Date.Line, e.Date.Column, "write a yearly day as month-day, such as 12-24, and a single day as 2026-12-24",
				"%q is no date", e.Date.V)
			continue
		}
		d.Name = e.Name
		if err := d.Check(); err != nil {
			p.add(e.Date.Line, e.Date.Column, "write a yearly day as month-day, such as 12-24, and a single day as 2026-12-24", "%v", err)
			continue
		}
		if line, dup := seen[d.String()]; dup {
			p.add(e.Date.Line, e.Date.Column, fmt.Sprintf("remove it here or on line %d", line), "closed day %s is listed twice", d)
			continue
		}
		seen[d.String()] = e.Date.Line
		if d.Year == 0 {
			yearly++
		} else {
			inYear[d.Year]++
		}
		if yearly > maxYearlyClosedDays || inYear[d.Year] > maxClosedDaysInAYear {
			p.add(e.Date.Line, e.Date.Column, fmt.Sprintf("keep to %d closed days a year; past dates can go", maxYearlyClosedDays),
				"too many closed days")
			continue
		}
		out = append(out, d)
	}
	return out
}

func parseClosedDay(s string) (calendar.ClosedDay, bool) {
	if m := yearlyRe.FindStringSubmatch(s); m != nil {
		mon, _ := strconv.Atoi(m[1])
		day, _ := strconv.Atoi(m[2])
		return calendar.ClosedDay{Month: time.Month(mon), Day: day}, true
	}
	if m := fixedRe.FindStringSubmatch(s); m != nil {
		y, _ := strconv.Atoi(m[1])
		mon, _ := strconv.Atoi(m[2])
		day, _ := strconv.Atoi(m[3])
		return calendar.ClosedDay{Year: y, Month: time.Month(mon), Day: day}, true
	}
	return calendar.ClosedDay{}, false
}

// scalar returns a node's value and position.
func scalar(n *yaml.Node) field[string] {
	return field[string]{V: n.Value, Line: n.Line, Column: n.Column, Set: true}
}

// typeError is what an UnmarshalYAML returns for a value of the wrong
// shape: Parse reports it with its line, and the rest of the file is still
// read.
func typeError(n *yaml.Node, msg string) error {
	return &yaml.TypeError{Errors: []string{fmt.Sprintf("line %d: %s", n.Line, msg)}}
}
