package mattermost

import (
	"context"

	"github.com/mattermost/mattermost/server/public/model"

	"meldbot/adapters/internal/attempt"
	"meldbot/bot"
)

// byPerson reports whether a post is a person's message to the bot: not
// the bot's own, not a system message, not another bot's.
func byPerson(p *model.Post, me person) bool {
	return p.UserId != me.id && p.Type == "" && p.GetProp(model.PostPropsFromBot) == nil
}

// onPost queues a person's direct message for the bot, behind their
// earlier ones. Posts not made by a person are ignored. The message is
// handled even when ctx ends meanwhile.
func (a *Adapter) onPost(ctx context.Context, h bot.Handler, post *model.Post, st *socketState) {
	if !byPerson(post, st.me) {
		return
	}
	work := context.WithoutCancel(ctx)
	a.work.Do(post.UserId, func() { a.deliver(work, h, post, st, true) })
}

// deliver hands a person's direct message to the bot unless it was dealt
// with before: seen on this run, or at or before the channel's read mark.
// Once the bot has handled it, the read mark moves past it. An empty post
// (a file without text) is passed over. A message the bot fails to handle
// is tried again twice, a few seconds apart. When it still fails, a live
// message (live) is dealt with by telling the person it was not handled;
// a caught-up one is not, and waits for the next catch-up. deliver reports
// whether the post has been dealt with.
func (a *Adapter) deliver(ctx context.Context, h bot.Handler, post *model.Post, st *socketState, live bool) bool {
	pos := positionOf(post)
	if _, dup := st.seen.get(post.Id); dup {
		return true
	}
	mark, read, err := st.marks.get(ctx, post.ChannelId)
	if err != nil {
		a.log.Warn().Err(err).Str("post_id", post.Id).Msg("mattermost: cannot tell whether a direct message was handled before; handling it")
	}
	if read && !mark.before(pos) {
		return true
	}
	if post.Message == "" {
		return true
	}
	p, err := a.userByID(ctx, post.UserId)
	if err != nil {
		a.log.Error().Err(err).Str("user_id", post.UserId).Msg("mattermost: direct message from a person meldbot cannot identify")
		return false
	}
	a.dms.put(post.UserId, post.ChannelId)
	a.partners.put(post.ChannelId, post.UserId)
	if err := attempt.Handle(ctx, h, bot.Text{User: p.user, Body: post.Message}, a.timeouts.retries, a.timeouts.handle); err != nil {
		a.log.Error().Err(err).Str("user", p.user.Email).Str("post_id", post.Id).Msg("mattermost: handling a direct message failed")
		if !live {
			return false
		}
		a.tellFailure(ctx, h, p.user, post.ChannelId)
	}
	st.seen.put(post.Id, struct{}{})
	if err := st.marks.advance(ctx, post.ChannelId, pos); err != nil {
		a.log.Error().Err(err).Msg("mattermost: a restart may answer this direct message again")
	}
	return true
}

// tellFailure tells a person, in their direct channel with the bot, that
// their message was not handled and may be sent again.
func (a *Adapter) tellFailure(ctx context.Context, h bot.Handler, u bot.User, channelID string) {
	if _, _, err := a.api.CreatePost(ctx, &model.Post{ChannelId: channelID, Message: h.FailureNotice(ctx, u)}); err != nil {
		a.log.Error().Err(err).Str("user", u.Email).Msg("mattermost: cannot tell a person their message was not handled")
	}
}
