// Package lines compares what a test rendered, line by line, with a table
// written in the test: the tables of the calendar's and the workflow's
// deadlines, which keep one line per task.
package lines

import (
	"strings"
	"testing"
)

// Equal reports every line of got that differs from the same line of want,
// a block of text whose lines are compared with their runs of spaces made
// one (so the table may be aligned); a missing line reads "(none)".
func Equal(t testing.TB, got []string, want string) {
	t.Helper()
	wanted := strings.Split(strings.TrimSpace(want), "\n")
	for i := range max(len(got), len(wanted)) {
		g, w := "(none)", "(none)"
		if i < len(got) {
			g = got[i]
		}
		if i < len(wanted) {
			w = strings.Join(strings.Fields(wanted[i]), " ")
		}
		if g != w {
			t.Errorf("got  %s\nwant %s", g, w)
		}
	}
}
