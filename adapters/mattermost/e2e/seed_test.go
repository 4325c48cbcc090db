package e2e

import (
	"context"
	"fmt"
	"strings"

	"github.com/mattermost/mattermost/server/public/model"

	"meldbot/bot"
)

// account is a person in Mattermost with their own API session.
type account struct {
	user   bot.User
	mm     *model.User
	client *model.Client4
	dms    map[string]string // bot user ID → direct channel ID
}

// botAccount is a bot user and its access token.
type botAccount struct {
	user  *model.User
	token string
}

// seeded is what the suite creates in a fresh Mattermost.
type seeded struct {
	admin      *model.Client4
	team       *model.Team
	townSquare string
	people     map[string]*account // by e-mail address
	bots       map[string]botAccount
}

const password = "Voorbeeldrode-2026!"

// seed creates the first user (the administrator), the team, the people
// of the sample organisation who take part, and the bots. meldbot is made
// team administrator, so it may register /incident itself.
func seed(ctx context.Context, url string, org *bot.Organisation, emails []string, bots []string) (*seeded, error) {
	admin := model.NewAPIv4Client(url)
	if _, _, err := admin.CreateUser(ctx, &model.User{Email: "beheer@voorbeeldrode.nl", Username: "beheerder", Password: password}); err != nil {
		return nil, fmt.Errorf("creating the first user: %w", err)
	}
	if _, _, err := admin.Login(ctx, "beheerder", password); err != nil {
		return nil, fmt.Errorf("admin login: %w", err)
	}
	team, _, err := admin.CreateTeam(ctx, &model.Team{Name: "gemeente", DisplayName: org.Name, Type: model.TeamOpen})
	if err != nil {
		return nil, fmt.Errorf("creating the team: %w", err)
	}
	s := &seeded{admin: admin, team: team, people: map[string]*account{}, bots: map[string]botAccount{}}
	for _, name := range bots {
		b, _, err := admin.CreateBot(ctx, &model.Bot{Username: name, DisplayName: name})
		if err != nil {
			return nil, fmt.Errorf("creating bot %s: %w", name, err)
		}
		tok, _, err := admin.CreateUserAccessToken(ctx, b.UserId, "end-to-end test")
		if err != nil {
			return nil, fmt.Errorf("token for bot %s: %w", name, err)
		}
		if _, _, err := admin.AddTeamMember(ctx, team.Id, b.UserId); err != nil {
			return nil, fmt.Errorf("adding bot %s to the team: %w", name, err)
		}
		u, _, err := admin.GetUser(ctx, b.UserId, "")
		if err != nil {
			return nil, err
		}
		s.bots[name] = botAccount{user: u, token: tok.Token}
	}
	if _, err := admin.UpdateTeamMemberRoles(ctx, team.Id, s.bots["meldbot"].user.Id, "team_user team_admin"); err != nil {
		return nil, fmt.Errorf("making meldbot team administrator: %w", err)
	}
	for _, email := range emails {
		p, ok := org.Person(bot.Email(email))
		if !ok {
			return nil, fmt.Errorf("%s is not in the sample organisation", email)
		}
		first, last, _ := strings.Cut(p.Name, " ")
		username, _, _ := strings.Cut(email, "@")
		u, _, err := admin.CreateUser(ctx, &model.User{Email: email, Username: username, Password: password, FirstName: first, LastName: last})
		if err != nil {
			return nil, fmt.Errorf("creating %s: %w", email, err)
		}
		if _, _, err := admin.AddTeamMember(ctx, team.Id, u.Id); err != nil {
			return nil, fmt.Errorf("adding %s to the team: %w", email, err)
		}
		c := model.NewAPIv4Client(url)
		if _, _, err := c.Login(ctx, username, password); err != nil {
			return nil, fmt.Errorf("login %s: %w", email, err)
		}
		a := &account{user: bot.User{Email: bot.Email(email), Name: p.Name}, mm: u, client: c, dms: map[string]string{}}
		for _, b := range s.bots {
			ch, _, err := c.CreateDirectChannel(ctx, u.Id, b.user.Id)
			if err != nil {
				return nil, fmt.Errorf("direct channel %s–%s: %w", email, b.user.Username, err)
			}
			a.dms[b.user.Id] = ch.Id
		}
		s.people[email] = a
	}
	ts, _, err := admin.GetChannelByName(ctx, "town-square", team.Id, "")
	if err != nil {
		return nil, fmt.Errorf("town square: %w", err)
	}
	s.townSquare = ts.Id
	return s, nil
}
