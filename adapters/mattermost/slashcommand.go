package mattermost

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/mattermost/mattermost/server/public/model"
)

// registerCommands makes sure /incident exists on every configured team and
// points at this listener, and learns the command tokens to accept. Where
// the bot may not manage slash commands it logs what an administrator must
// do, and meldbot keeps running: direct messages and buttons work without
// the command.
func (a *Adapter) registerCommands(ctx context.Context) {
	for _, name := range a.teams {
		team, err := a.team(ctx, name)
		if err != nil {
			a.log.Error().Err(err).Str("team", name).
				Msg("mattermost: cannot find the team to register /incident on; add the bot account to the team and restart meldbot")
			continue
		}
		if err := a.registerCommand(ctx, team); err != nil {
			a.log.Error().Err(err).Str("team", team.Name).Msg("mattermost: registering /incident failed")
		}
	}
}

// team finds a team by name, then by ID.
func (a *Adapter) team(ctx context.Context, nameOrID string) (*model.Team, error) {
	t, _, err := a.api.GetTeamByName(ctx, strings.ToLower(nameOrID), "")
	if err == nil {
		return t, nil
	}
	if model.IsValidId(nameOrID) {
		if t, _, err2 := a.api.GetTeam(ctx, nameOrID, ""); err2 == nil {
			return t, nil
		}
	}
	return nil, fmt.Errorf("team %q: %w", nameOrID, err)
}

// registerCommand creates /incident on team, or adopts the one there.
func (a *Adapter) registerCommand(ctx context.Context, team *model.Team) error {
	cmds, resp, err := a.api.ListCommands(ctx, team.Id, true)
	if forbidden(resp, err) {
		a.explainManualRegistration(team)
		return nil
	}
	if err != nil {
		return fmt.Errorf("listing the slash commands of team %s: %w", team.Name, err)
	}
	for _, c := range cmds {
		if c.Trigger != Trigger || c.DeleteAt != 0 {
			continue
		}
		if c.URL != a.commandURL || c.Method != model.CommandMethodPost {
			old := c.URL
			c.URL, c.Method = a.commandURL, model.CommandMethodPost
			if _, _, err := a.api.UpdateCommand(ctx, c); err != nil {
				a.log.Error().Err(err).Str("team", team.Name).Str("url", old).Str("want_url", a.commandURL).
					Msg("mattermost: /incident on this team calls another URL and meldbot may not change it; an admin must set its request URL")
			} else {
				a.log.Info().Str("team", team.Name).Str("old_url", old).Str("url", a.commandURL).Msg("mattermost: pointed /incident at this listener")
			}
		}
		a.tokens.add(c.Token)
		a.log.Info().Str("team", team.Name).Str("command_id", c.Id).Msg("mattermost: /incident is registered")
		return nil
	}
	created, resp, err := a.api.CreateCommand(ctx, a.command(team.Id))
	if forbidden(resp, err) {
		a.explainManualRegistration(team)
		return nil
	}
	if err != nil {
		return fmt.Errorf("creating /incident on team %s: %w", team.Name, err)
	}
	a.tokens.add(created.Token)
	a.log.Info().Str("team", team.Name).Str("command_id", created.Id).Msg("mattermost: registered /incident")
	return nil
}

// command is the /incident command meldbot registers on a team.
func (a *Adapter) command(teamID string) *model.Command {
	return &model.Command{
		TeamId:           teamID,
		Trigger:          Trigger,
		Method:           model.CommandMethodPost,
		URL:              a.commandURL,
		DisplayName:      "meldbot",
		Description:      "Een incident van agressie of geweld melden / Report an incident of aggression or violence",
		AutoComplete:     true,
		AutoCompleteDesc: "Meld een incident / report an incident",
		AutoCompleteHint: "[help | taal en | voor @collega]",
	}
}

// explainManualRegistration logs the one API call (or the clicks) an
// administrator needs to create /incident for meldbot.
func (a *Adapter) explainManualRegistration(team *model.Team) {
	if !a.tokens.empty() {
		a.log.Info().Str("team", team.Name).
			Msg("mattermost: the bot may not manage slash commands; accepting the configured command token(s)")
		return
	}
	body, _ := json.Marshal(a.command(team.Id))
	a.log.Warn().Str("team", team.Name).
		Str("api_call", fmt.Sprintf("curl -X POST %s/api/v4/commands -H 'Authorization: Bearer ADMIN_TOKEN' -H 'Content-Type: application/json' -d '%s'",
			a.server, body)).
		Str("or_in_mattermost", fmt.Sprintf("Integrations › Slash Commands › Add Slash Command on team %s: trigger word %q, request URL %s, request method POST",
			team.Name, Trigger, a.commandURL)).
		Str("then", "set MELDBOT_MATTERMOST_COMMAND_TOKEN to the command's token and restart meldbot "+
			"(or give the bot account the team_admin role on the team and restart meldbot: it then registers /incident itself)").
		Msg("mattermost: the bot may not create the /incident slash command; an administrator must create it once")
}
