package mattermost

import (
	"context"
	"errors"
	"fmt"

	"github.com/mattermost/mattermost/server/public/model"

	"meldbot/bot"
)

// refusalIDs are the IDs of Mattermost's errors that refuse the person a
// call was about, until someone puts the cause right. A call failing with
// one of them wraps bot.ErrUndeliverable: the outbox then tells the
// coordinators and tries again hourly, instead of every few minutes.
// Mattermost's own text stays in the error.
var refusalIDs = map[string]bool{
	// Opening the direct channel: the user no longer exists, is a user of
	// a connected server with whom direct messages are not allowed, or
	// shares no team with the bot where direct messages are restricted to
	// team members.
	"api.channel.create_direct_channel.invalid_user.app_error":              true,
	"api.channel.create_channel.direct_channel.remote_restricted.app_error": true,
	"api.channel.create_channel.direct_channel.team_restricted_error":       true,
	// Posting in, or changing a post in, the direct channel: it is
	// archived, or direct messages are restricted to team members and the
	// person left the bot's teams.
	"api.post.create_post.can_not_post_to_deleted.error":             true,
	"api.post.create_post.can_not_post_in_restricted_dm.error":       true,
	"api.post.patch_post.can_not_update_post_in_deleted.error":       true,
	"api.post.patch_post.can_not_update_post_in_restricted_dm.error": true,
}

// permissionErrorID is Mattermost's error for a missing permission. The
// detail naming the permission is wiped unless the server runs in developer
// mode, so the ID alone does not tell a bot that may not see this person
// (their problem) from a bot that may not open direct channels or post at
// all (the bot's).
const permissionErrorID = "api.context.permissions.app_error"

// errorID returns the ID of Mattermost's error, or "".
func errorID(err error) string {
	var appErr *model.AppError
	if errors.As(err, &appErr) {
		return appErr.Id
	}
	return ""
}

// undeliverable marks err as a refusal of the person for good.
func undeliverable(err error) error {
	return fmt.Errorf("%w: %w", bot.ErrUndeliverable, err)
}

// refused reports whether a failed call to open the direct channel with the
// person userID, or to post in it, refuses that person for good: an error
// of refusalIDs, or a 403 for which the person turns out to be invisible to
// the bot, gone or deactivated. Server errors, timeouts, rate limits and a
// refused bot token are never refusals of the person.
func (a *Adapter) refused(ctx context.Context, userID string, resp *model.Response, err error) bool {
	if refusalIDs[errorID(err)] {
		return true
	}
	if !forbidden(resp, err) {
		return false
	}
	return a.unreachable(ctx, userID)
}

// unreachable asks Mattermost afresh about a person a call was refused for
// with 403. When the bot may not see them, or they are gone or deactivated,
// the refusal was about them. When they are there and active, the bot lacks
// a permission it needs for everyone, which an administrator must grant.
func (a *Adapter) unreachable(ctx context.Context, userID string) bool {
	u, resp, err := a.api.GetUser(ctx, userID, "")
	switch {
	case err != nil:
		return forbidden(resp, err) || notFound(resp, err)
	case u.DeleteAt != 0:
		return true
	}
	a.log.Error().Str("user", userID).
		Msg("mattermost: the bot sees this person but may not message them: does its role lack the permission to open direct channels or to post?")
	return false
}
