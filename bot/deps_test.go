package bot_test

import (
	"os/exec"
	"strings"
	"testing"
)

// The domain never depends on a chat platform, the database or the metrics: those stay
// behind the Chat and Store interfaces, or wrap the Handler and the Chat.
func TestBotImportsNoChatSDKOrDatabase(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "meldbot/bot/...").CombinedOutput()
	if err != nil {
		t.Skipf("go list unavailable: %v\n%s", err, out)
	}
	for _, dep := range strings.Fields(string(out)) {
		for _, banned := range []string{"github.com/slack-go/", "github.com/mattermost/", "github.com/prometheus/", "go.etcd.io/bbolt", "meldbot/storage", "meldbot/adapters", "meldbot/schedules"} {
			if strings.HasPrefix(dep, banned) {
				t.Errorf("package bot depends on %s", dep)
			}
		}
	}
}

// Drawing is a capability of its own: only bot/chart imports the plotting
// library, so the rules of the domain never depend on how a chart is drawn.
func TestOnlyTheChartPackageDraws(t *testing.T) {
	onlyOneImports(t, "gonum.org/", "meldbot/bot/chart")
}

// Writing Excel files is a capability of its own: only bot/sheet imports
// the spreadsheet library.
func TestOnlyTheSheetPackageWritesWorkbooks(t *testing.T) {
	onlyOneImports(t, "github.com/xuri/", "meldbot/bot/sheet")
}

// onlyOneImports fails when a package of meldbot other than pkg imports a
// module whose path starts with prefix (its tests may).
func onlyOneImports(t *testing.T, prefix, pkg string) {
	t.Helper()
	out, err := exec.Command("go", "list", "-f", `{{.ImportPath}} {{join .Imports " "}}`, "meldbot/...").CombinedOutput()
	if err != nil {
		t.Skipf("go list unavailable: %v\n%s", err, out)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		importer, imports, _ := strings.Cut(line, " ")
		for _, imp := range strings.Fields(imports) {
			if strings.HasPrefix(imp, prefix) && importer != pkg {
				t.Errorf("%s imports %s; that belongs in %s", importer, imp, pkg)
			}
		}
	}
}
