package calendar

import (
	"os"
	"strings"
	"testing"
)

// docs/domain.md has a row for every task kind, saying what the defaults
// say: the table and DefaultWindows change together.
func TestDomainDocsListEveryWindow(t *testing.T) {
	data, err := os.ReadFile("../../docs/domain.md")
	if err != nil {
		t.Fatal(err)
	}
	_, table, ok := strings.Cut(string(data), "## Task windows")
	if !ok {
		t.Fatal("docs/domain.md has no section Task windows")
	}
	rows := map[string][]string{} // first cell → cells
	for line := range strings.Lines(table) {
		if strings.HasPrefix(line, "## ") {
			break
		}
		if !strings.HasPrefix(line, "| `") {
			continue
		}
		cells := strings.Split(strings.Trim(strings.TrimSpace(line), "|"), "|")
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		rows[cells[0]] = cells
	}
	check := func(name string, w Window) {
		cells, ok := rows[name]
		if !ok {
			t.Errorf("docs/domain.md has no row %s", name)
			return
		}
		delete(rows, name)
		start, window := cells[2], cells[3]
		if start != w.DescribeStarts() {
			t.Errorf("%s: the docs start %q, the default %q", name, start, w.DescribeStarts())
		}
		if !strings.HasPrefix(window, w.DescribeLength()) {
			t.Errorf("%s: the docs window %q, the default %q", name, window, w.DescribeLength())
		}
		if !w.AtLeast.IsZero() && !strings.Contains(window, "at least "+w.AtLeast.String()) {
			t.Errorf("%s: the docs window %q does not say at least %s", name, window, w.AtLeast)
		}
		if w.After != "" && !strings.Contains(window, "never before "+strings.ReplaceAll(w.After, "_", " ")) {
			t.Errorf("%s: the docs window %q does not say it comes after %s", name, window, w.After)
		}
		if w.Urgent != strings.Contains(cells[4], "urgent") && w.Urgent != strings.Contains(name, "urgent") {
			t.Errorf("%s: urgent %v, the docs say %q", name, w.Urgent, cells[4])
		}
	}
	defaults := DefaultWindows()
	for _, kind := range Kinds {
		w := defaults[kind]
		check("`"+kind+"`", w)
		if w.WhenUrgent != nil {
			check("`"+kind+"` (urgent)", *w.WhenUrgent)
		}
	}
	for name := range rows {
		t.Errorf("docs/domain.md has a row %s that is no task kind", name)
	}
	if len(defaults) != len(Kinds) {
		t.Errorf("%d default windows for %d kinds", len(defaults), len(Kinds))
	}
}
