package bot_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"meldbot/bot/policy"
)

var matrixTestRe = regexp.MustCompile(`func TestMatrix_((?:[A-Z]+[0-9]+_)+)`)

// The product is complete when every row of the task matrix has a behaviour
// and a test named after it; this test keeps it so, and keeps
// docs/task-matrix.md listing every row.
func TestEveryMatrixRowHasATest(t *testing.T) {
	tested := map[string]bool{}
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, "_test.go") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range matrixTestRe.FindAllStringSubmatch(string(data), -1) {
			for _, row := range strings.Split(strings.TrimSuffix(m[1], "_"), "_") {
				tested[row] = true
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	doc, err := os.ReadFile("../docs/task-matrix.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range policy.Matrix {
		if !tested[r.ID] {
			t.Errorf("row %s has no TestMatrix_%s_… test", r.ID, r.ID)
		}
		if !strings.Contains(string(doc), "| "+r.ID+" |") {
			t.Errorf("docs/task-matrix.md does not list row %s", r.ID)
		}
	}
}
