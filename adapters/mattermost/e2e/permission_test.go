package e2e

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"meldbot/bot"
)

// TestWithoutPermissionTheAdminIsToldWhatToDo runs meldbot as a bot that may
// not manage slash commands. meldbot logs the one API call an administrator
// must make, keeps running and still answers direct messages.
func TestWithoutPermissionTheAdminIsToldWhatToDo(t *testing.T) {
	w := need(t)
	port, err := freePort()
	if err != nil {
		t.Fatal(err)
	}
	p, err := start("meldbot without permission", w.meldbotCmd("zonderrechten", filepath.Join(w.dir, "zonderrechten.db"), port),
		filepath.Join(w.dir, "zonderrechten.log"))
	if err != nil {
		t.Fatal(err)
	}
	defer p.stop(syscall.SIGTERM, 10*time.Second)
	if err := p.waitFor("listening for direct messages", 60*time.Second); err != nil {
		t.Fatal(err)
	}
	var warning struct {
		Level   string
		APICall string `json:"api_call"`
		Then    string
	}
	for _, line := range strings.Split(p.out.String(), "\n") {
		if strings.Contains(line, "an administrator must create it once") {
			if err := json.Unmarshal([]byte(line), &warning); err != nil {
				t.Fatalf("log line is not JSON: %v\n%s", err, line)
			}
		}
	}
	if warning.Level != "warn" {
		t.Fatalf("no warning for the administrator:\n%s", p.tail(20))
	}
	for _, want := range []string{"curl -X POST " + w.mm.url + "/api/v4/commands", `"trigger":"incident"`,
		`"team_id":"` + w.s.team.Id + `"`, `"url":"http://127.0.0.1:`} {
		if !strings.Contains(warning.APICall, want) {
			t.Errorf("the logged API call lacks %s: %s", want, warning.APICall)
		}
	}
	if !strings.Contains(warning.Then, "MELDBOT_MATTERMOST_COMMAND_TOKEN") {
		t.Errorf("the admin is not told where the token goes: %s", warning.Then)
	}

	// It keeps running: Tom's direct message gets an answer.
	botID := w.s.bots["zonderrechten"].user.Id
	tomAcc := w.s.people[tom]
	w.d.setMark()
	if _, _, err := tomAcc.client.CreatePost(t.Context(), postIn(tomAcc.dms[botID], "hallo")); err != nil {
		t.Fatal(err)
	}
	if _, err := w.d.awaitFrom(botID, string(bot.EmailOf(tom)), "Ik ben meldbot", 20*time.Second); err != nil {
		t.Error(err)
	}
	if p.exited() {
		t.Error("meldbot stopped")
	}
}
