package slack

import (
	"context"
	"regexp"
	"strings"
)

// tag is Slack's markup for mentions and links in text it sends: <@U123>,
// <@U123|name>, <#C123|channel>, <!here>, <mailto:a@b.nl|a@b.nl>,
// <https://…|label>.
var tag = regexp.MustCompile(`<([^<>]*)>`)

// plain turns text from Slack into what the person typed: a mentioned user
// becomes their e-mail address (the bot knows people by address), links
// become their label or address, and &amp; &lt; &gt; become & < > again.
// A mention that cannot be resolved stays "@name".
func (a *Adapter) plain(ctx context.Context, s string) string {
	s = tag.ReplaceAllStringFunc(s, func(t string) string {
		target, label, _ := strings.Cut(t[1:len(t)-1], "|")
		switch {
		case strings.HasPrefix(target, "@"):
			id := target[1:]
			u, err := a.user(ctx, id)
			if err == nil {
				return string(u.Email)
			}
			a.log.Warn().Err(err).Str("slack_user", id).Msg("slack: a mentioned user stays a name")
			if label != "" {
				return "@" + label
			}
			return target
		case strings.HasPrefix(target, "#"):
			if label != "" {
				return "#" + label
			}
			return target
		case strings.HasPrefix(target, "!"):
			if label != "" {
				return label
			}
			name, _, _ := strings.Cut(target[1:], "^")
			return "@" + name
		case strings.HasPrefix(target, "mailto:"):
			return strings.TrimPrefix(target, "mailto:")
		case label != "":
			return label
		default:
			return target
		}
	})
	return strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&").Replace(s)
}
