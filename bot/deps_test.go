package bot_test

import (
	"os/exec"
	"strings"
	"testing"
)

// The domain never depends on a chat platform or on the database: those stay
// behind the Chat and Store interfaces.
func TestBotImportsNoChatSDKOrDatabase(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "meldbot/bot/...").CombinedOutput()
	if err != nil {
		t.Skipf("go list unavailable: %v\n%s", err, out)
	}
	for _, dep := range strings.Fields(string(out)) {
		for _, banned := range []string{"github.com/slack-go/", "github.com/mattermost/", "go.etcd.io/bbolt", "meldbot/storage", "meldbot/adapters", "meldbot/schedules"} {
			if strings.HasPrefix(dep, banned) {
				t.Errorf("package bot depends on %s", dep)
			}
		}
	}
}
