package mattermost

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/mattermost/mattermost/server/public/model"

	"meldbot/bot"
)

// emphasis is the bot's *word* markup: one asterisk on each side of text
// that neither starts nor ends with a space.
var emphasis = regexp.MustCompile(`\*([^*\s](?:[^*\n]*[^*\s])?)\*`)

// markdown turns the bot's portable markup into Mattermost Markdown:
// *emphasis* becomes **bold** and lines starting with "• " become a list.
func markdown(text string) string {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		if rest, ok := strings.CutPrefix(l, "• "); ok {
			l = "- " + rest
		}
		lines[i] = emphasis.ReplaceAllString(l, "**$1**")
	}
	return strings.Join(lines, "\n")
}

// actionID names the button for choice i. Mattermost routes clicks only to
// IDs of letters and digits.
func actionID(i int) string { return "c" + strconv.Itoa(i) }

// buttonStyle maps the bot's style hint to Mattermost's.
func buttonStyle(s bot.Style) string {
	switch s {
	case bot.StylePrimary:
		return "primary"
	case bot.StyleDanger:
		return "danger"
	}
	return "default"
}

// props builds the post properties for m's buttons in channel, on a post
// for the user with ID userID whose button key is key: the key, and one
// attachment whose actions call back to actionURL with a context signed for
// that channel, user and key. A message without choices gets an empty
// attachment list, which removes buttons an earlier version of the post
// had.
func (a *Adapter) props(channelID, userID, key string, m bot.Message) model.StringInterface {
	actions := make([]*model.PostAction, 0, len(m.Choices))
	issued := a.now()
	for i, c := range m.Choices {
		actions = append(actions, &model.PostAction{
			Id:    actionID(i),
			Type:  model.PostActionTypeButton,
			Name:  c.Label,
			Style: buttonStyle(c.Style),
			Integration: &model.PostActionIntegration{
				URL:     a.actionURL,
				Context: a.signer.context(channelID, userID, key, issued, c.Value),
			},
		})
	}
	attachments := []*model.SlackAttachment{}
	if len(actions) > 0 {
		attachments = append(attachments, &model.SlackAttachment{Actions: actions})
	}
	return model.StringInterface{model.PostPropsAttachments: attachments, buttonKeyProp: key}
}
