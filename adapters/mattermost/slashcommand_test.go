package mattermost

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/mattermost/mattermost/server/public/model"

	"meldbot/bot/bottest"
)

func TestRegistersIncidentWhenTheBotMay(t *testing.T) {
	f := newFakeAPI()
	a, _ := newTestAdapter(t, f, nil)
	a.registerCommands(context.Background())
	if len(f.commands) != 1 {
		t.Fatalf("%d commands, want 1", len(f.commands))
	}
	c := f.commands[0]
	if c.Trigger != "incident" || c.TeamId != "teamid" || c.Method != "P" || c.URL != "http://127.0.0.1:9/hooks/meldbot/command" {
		t.Errorf("registered %+v", c)
	}
	if !a.tokens.valid(c.Token) {
		t.Error("the new command's token is not accepted")
	}
	// Started again, meldbot adopts the command instead of adding one.
	b, _ := newTestAdapter(t, f, nil)
	b.registerCommands(context.Background())
	if len(f.commands) != 1 || !b.tokens.valid(c.Token) {
		t.Errorf("after a restart: %d commands, token accepted %v", len(f.commands), b.tokens.valid(c.Token))
	}
}

func TestPointsAnExistingCommandAtTheListener(t *testing.T) {
	f := newFakeAPI()
	f.commands = []*model.Command{{Id: "old", TeamId: "teamid", Trigger: "incident", Method: "G", URL: "http://old.example/cmd", Token: "oldtoken"}}
	a, _ := newTestAdapter(t, f, nil)
	a.registerCommands(context.Background())
	if c := f.commands[0]; c.URL != a.commandURL || c.Method != "P" {
		t.Errorf("command now %s %s, want POST %s", c.Method, c.URL, a.commandURL)
	}
	if !a.tokens.valid("oldtoken") {
		t.Error("the existing command's token is not accepted")
	}
}

func TestWithoutPermissionItExplainsTheOneAPICall(t *testing.T) {
	f := newFakeAPI()
	f.fail["ListCommands"] = 403
	f.fail["CreateCommand"] = 403
	a, logs := newTestAdapter(t, f, nil)
	a.registerCommands(context.Background())

	var line struct {
		Level, Message, Team string
		APICall              string `json:"api_call"`
		Then                 string
	}
	for _, l := range strings.Split(strings.TrimSpace(logs.String()), "\n") {
		if strings.Contains(l, "api_call") {
			if err := json.Unmarshal([]byte(l), &line); err != nil {
				t.Fatal(err)
			}
		}
	}
	if line.Level != "warn" || line.Team != "gemeente" {
		t.Fatalf("no warning with the steps for the admin:\n%s", logs)
	}
	if !strings.HasPrefix(line.APICall, "curl -X POST http://mm.test/api/v4/commands ") {
		t.Errorf("api call: %s", line.APICall)
	}
	// The body in the call creates exactly the command meldbot would.
	_, body, ok := strings.Cut(line.APICall, "-d '")
	if !ok {
		t.Fatalf("no body in %s", line.APICall)
	}
	var cmd model.Command
	if err := json.Unmarshal([]byte(strings.TrimSuffix(body, "'")), &cmd); err != nil {
		t.Fatalf("body is not a command: %v", err)
	}
	if cmd.TeamId != "teamid" || cmd.Trigger != "incident" || cmd.URL != a.commandURL || cmd.Method != "P" {
		t.Errorf("the logged call creates %+v", cmd)
	}
	if !strings.Contains(line.Then, "MELDBOT_MATTERMOST_COMMAND_TOKEN") {
		t.Errorf("the admin is not told what to do with the token: %s", line.Then)
	}
}

func TestAnAdminCreatedCommandTokenIsAccepted(t *testing.T) {
	f := newFakeAPI()
	f.fail["ListCommands"] = 403
	logs := &bottest.Buffer{}
	a, _ := newTestAdapter(t, f, nil)
	a.tokens.add("admintoken")
	a.log = a.log.Output(logs)
	a.registerCommands(context.Background())
	if strings.Contains(logs.String(), "api_call") || !a.tokens.valid("admintoken") {
		t.Errorf("with a configured token meldbot should just accept it:\n%s", logs)
	}
}

func TestUnknownTeamIsLoggedAndTheRestGoesOn(t *testing.T) {
	f := newFakeAPI()
	f.teams["tweede"] = &model.Team{Id: "team2", Name: "tweede"}
	a, logs := newTestAdapter(t, f, nil)
	a.teams = []string{"bestaatniet", "tweede"}
	a.registerCommands(context.Background())
	if !strings.Contains(logs.String(), "cannot find the team") || len(f.commands) != 1 || f.commands[0].TeamId != "team2" {
		t.Errorf("commands %v; log:\n%s", f.commands, logs)
	}
}
