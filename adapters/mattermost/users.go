package mattermost

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/mattermost/mattermost/server/public/model"

	"meldbot/bot"
)

// errNoEmail means Mattermost did not show a person's e-mail address, which
// meldbot needs to know who they are.
var errNoEmail = errors.New("Mattermost does not show this person's e-mail address to the bot " +
	"(System Console › Site Configuration › Users and Teams › Show Email Address must be true)")

// person is what the adapter remembers of a Mattermost user.
type person struct {
	id          string
	username    string
	user        bot.User
	deactivated bool // the account is deactivated (DeleteAt set)
}

func personOf(u *model.User) (person, error) {
	p := person{id: u.Id, username: u.Username, deactivated: u.DeleteAt != 0}
	if u.Email == "" {
		return p, fmt.Errorf("user %s (@%s): %w", u.Id, u.Username, errNoEmail)
	}
	name := strings.TrimSpace(u.FirstName + " " + u.LastName)
	if name == "" {
		name = u.Username
	}
	p.user = bot.User{Email: bot.EmailOf(u.Email), Name: name}
	return p, nil
}

// userByID resolves a Mattermost user ID to the person, from the cache when
// it can.
func (a *Adapter) userByID(ctx context.Context, id string) (person, error) {
	if p, ok := a.byID.get(id); ok {
		return p, nil
	}
	u, _, err := a.api.GetUser(ctx, id, "")
	if err != nil {
		return person{}, fmt.Errorf("looking up Mattermost user %s: %w", id, err)
	}
	return a.remember(u)
}

// userByEmail resolves an e-mail address to the Mattermost user with it,
// who can be sent messages: nobody with the address is ErrNoSuchPerson, and
// a deactivated account, or one the bot may not see, is ErrUndeliverable.
func (a *Adapter) userByEmail(ctx context.Context, email string) (person, error) {
	email = string(bot.EmailOf(email))
	p, ok := a.byEmail.get(email)
	if !ok {
		u, resp, err := a.api.GetUserByEmail(ctx, email, "")
		switch {
		case err == nil:
		case notFound(resp, err):
			return person{}, fmt.Errorf("no Mattermost user has the e-mail address %s (%v): %w", email, err, bot.ErrNoSuchPerson)
		case forbidden(resp, err) && errorID(err) == permissionErrorID:
			// The bot may not see this person (view_members). A hidden
			// e-mail address has an ID of its own and stays an error
			// of the bot's configuration.
			return person{}, fmt.Errorf("Mattermost does not let the bot see the user with e-mail address %s: %w", email, undeliverable(err))
		default:
			return person{}, fmt.Errorf("looking up the Mattermost user with e-mail address %s: %w", email, err)
		}
		if p, err = a.remember(u); err != nil {
			return p, err
		}
	}
	if p.deactivated {
		// Not kept: a reactivation counts from the next try.
		a.byEmail.forget(email)
		return person{}, fmt.Errorf("the Mattermost account @%s with e-mail address %s is deactivated: %w", p.username, email, bot.ErrUndeliverable)
	}
	return p, nil
}

// userByUsername resolves a username (without @) to the person.
func (a *Adapter) userByUsername(ctx context.Context, username string) (person, error) {
	username = strings.ToLower(username)
	if p, ok := a.byName.get(username); ok {
		return p, nil
	}
	u, _, err := a.api.GetUserByUsername(ctx, username, "")
	if err != nil {
		return person{}, fmt.Errorf("looking up Mattermost user @%s: %w", username, err)
	}
	return a.remember(u)
}

func (a *Adapter) remember(u *model.User) (person, error) {
	p, err := personOf(u)
	if err != nil {
		return p, err
	}
	a.byID.put(p.id, p)
	a.byEmail.put(string(p.user.Email), p)
	a.byName.put(strings.ToLower(p.username), p)
	return p, nil
}

// directChannel returns the ID of the direct-message channel between the
// bot and a user, opening it when needed. When Mattermost refuses to open it
// because of who the user is (see refused), or does not find them, the
// error wraps bot.ErrUndeliverable.
func (a *Adapter) directChannel(ctx context.Context, userID string) (string, error) {
	if ch, ok := a.dms.get(userID); ok {
		return ch, nil
	}
	ch, resp, err := a.api.CreateDirectChannel(ctx, a.me.id, userID)
	if err != nil {
		if notFound(resp, err) || a.refused(ctx, userID, resp, err) {
			err = undeliverable(err)
		}
		return "", fmt.Errorf("opening the direct message channel with %s: %w", userID, err)
	}
	a.dms.put(userID, ch.Id)
	a.partners.put(ch.Id, userID)
	return ch.Id, nil
}

// dmPartner returns the ID of the person a direct channel of the bot is
// with.
func (a *Adapter) dmPartner(ctx context.Context, channelID string) (string, error) {
	if id, ok := a.partners.get(channelID); ok {
		return id, nil
	}
	me, err := a.self(ctx)
	if err != nil {
		return "", err
	}
	ch, _, err := a.api.GetChannel(ctx, channelID, "")
	if err != nil {
		return "", fmt.Errorf("looking up channel %s: %w", channelID, err)
	}
	one, other := ch.GetBothUsersForDM()
	if one == me.id {
		one, other = other, one
	}
	if other != me.id || one == "" {
		return "", fmt.Errorf("channel %s is not a direct channel of the bot", channelID)
	}
	a.partners.put(channelID, one)
	return one, nil
}
