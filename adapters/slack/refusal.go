package slack

import (
	"errors"
	"fmt"

	"github.com/slack-go/slack"

	"meldbot/bot"
)

// Slack's error codes that mean a person cannot be sent direct messages
// until someone puts the cause right. An error with one of them wraps
// bot.ErrUndeliverable: the outbox then tells the coordinators and tries
// again hourly, instead of every few minutes. Slack's own code stays in the
// error's text.
//
// Deliberately left out:
//   - account_inactive, token_revoked, invalid_auth, not_authed: Slack
//     documents them, for every method, as about the calling token (a
//     deleted bot user or workspace, an uninstalled app). That is the bot's
//     problem, not the person's; every message waits until it is fixed.
//   - messages_tab_disabled: the app's own Messages tab is off, which
//     stops every direct message alike.
//   - message_not_found, cant_update_message, edit_window_closed: about
//     one message, not the person; the outbox gives an update up after a
//     few tries.
//   - the codes of contentCodes: the message itself is refused.
var (
	// dmRefusals answer conversations.open with the person's user ID.
	dmRefusals = codes(
		"user_not_found",    // no such user (any longer)
		"user_disabled",     // the account is deactivated
		"user_not_visible",  // the bot may not see this person
		"cannot_dm_bot",     // the address belongs to a bot user
		"channel_not_found", // the conversation with them cannot be opened
	)
	// conversationRefusals answer chat.postMessage and chat.update in the
	// direct conversation the bot opened with the person.
	conversationRefusals = codes(
		"channel_not_found", // the conversation is gone
		"is_archived",       // the conversation is archived
	)
	// contentCodes mean Slack refuses the message's content: the same
	// message fails for anyone, so it is not a refusal of the person.
	contentCodes = codes(
		"msg_too_long", "msg_blocks_too_long", "no_text", "invalid_blocks",
		"invalid_blocks_format", "too_many_attachments",
	)
)

func codes(cs ...string) map[string]bool {
	m := make(map[string]bool, len(cs))
	for _, c := range cs {
		m[c] = true
	}
	return m
}

// slackCode returns Slack's error code of a failed Web API call, or "" when
// the call failed otherwise (the network, a 5xx, a rate limit).
func slackCode(err error) string {
	var resp slack.SlackErrorResponse
	if errors.As(err, &resp) {
		return resp.Err
	}
	return ""
}

// classify returns err, wrapping bot.ErrUndeliverable when Slack's code is
// one of refusals, and saying so when it is a content code.
func classify(err error, refusals map[string]bool) error {
	switch code := slackCode(err); {
	case err == nil:
		return nil
	case refusals[code]:
		return fmt.Errorf("%w: %w", bot.ErrUndeliverable, err)
	case contentCodes[code]:
		return fmt.Errorf("Slack refuses the message's content, not the person: %w", err)
	default:
		return err
	}
}
