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
	out, err := exec.Command("go", "list", "-f", `{{.ImportPath}} {{join .Imports " "}}`, "meldbot/bot/...").CombinedOutput()
	if err != nil {
		t.Skipf("go list unavailable: %v\n%s", err, out)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		pkg, imports, _ := strings.Cut(line, " ")
		for _, imp := range strings.Fields(imports) {
			if strings.HasPrefix(imp, "gonum.org/") && pkg != "meldbot/bot/chart" {
				t.Errorf("%s imports %s; drawing belongs in meldbot/bot/chart", pkg, imp)
			}
		}
	}
}

// Writing Excel files is a capability of its own: only bot/sheet imports
// the spreadsheet library.
func TestOnlyTheSheetPackageWritesWorkbooks(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", `{{.ImportPath}} {{join .Imports " "}}`, "meldbot/...").CombinedOutput()
	if err != nil {
		t.Skipf("go list unavailable: %v\n%s", err, out)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		pkg, imports, _ := strings.Cut(line, " ")
		for _, imp := range strings.Fields(imports) {
			if strings.HasPrefix(imp, "github.com/xuri/") && pkg != "meldbot/bot/sheet" {
				t.Errorf("%s imports %s; workbooks belong in meldbot/bot/sheet", pkg, imp)
			}
		}
	}
}
