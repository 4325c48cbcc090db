package orgfile

import (
	"errors"
	"strings"
	"testing"
)

// wantProblem parses file and fails unless one of its problems is on line,
// with msg in its message and fix in its advice.
func wantProblem(t *testing.T, file string, line int, msg, fix string) {
	t.Helper()
	_, err := Parse("test.yaml", []byte(file))
	var probs *Problems
	if !errors.As(err, &probs) {
		t.Fatalf("Parse = %v, want *Problems", err)
	}
	for _, p := range probs.List {
		if p.Line == line && strings.Contains(p.Msg, msg) && strings.Contains(p.Fix, fix) {
			return
		}
	}
	t.Errorf("no problem on line %d with %q (fix %q); got:\n%v", line, msg, fix, err)
}
