package mattermost

import (
	"context"

	"github.com/mattermost/mattermost/server/public/model"

	"meldbot/adapters/internal/attempt"
	"meldbot/adapters/internal/inbox"
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

// deliver hands a person's direct message to the bot unless it lies at or
// before the channel's read mark. The bot knows the message by its post ID
// (Text.ID) and handles it once, so one the catch-up handed over already,
// or one handled just before a crash that kept its read mark from being
// stored, is not answered again.
// A live message (live) in a channel whose catch-up has not finished
// catches the channel up first, so the earlier messages come first. An
// empty post (a file without text) is passed over. A message the bot fails
// to handle is tried again twice, a few seconds apart; when it still fails,
// the person is told it was not handled, and it counts as dealt with.
// Once a message is dealt with, the read mark moves past it — unless the
// channel is still behind, so the mark never passes a message not handled.
// deliver reports false only for a caught-up message whose sender could
// not be looked up: it waits, with those after it, for the next try.
func (a *Adapter) deliver(ctx context.Context, h bot.Handler, post *model.Post, st *socketState, live bool) bool {
	if live && st.behind.Is(post.ChannelId) {
		// The catch-up may hand this post to the bot too: the bot's
		// inbox handles it once.
		a.catchUpFromMark(ctx, h, post.ChannelId, st)
	}
	pos := positionOf(post)
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
		if !live {
			return false
		}
		attempt.Tell(ctx, h, bot.User{}, a.noticeIn(post.ChannelId))
		a.dealtWith(ctx, post, st, live)
		return true
	}
	a.dms.put(post.UserId, post.ChannelId)
	a.partners.put(post.ChannelId, post.UserId)
	ev := bot.Text{ID: inbox.ID("mattermost", st.me.id, "post", post.Id), User: p.user, Body: post.Message}
	if err := attempt.HandleOrTell(ctx, h, ev, a.timeouts.retries, a.timeouts.handle, a.noticeIn(post.ChannelId)); err != nil {
		a.log.Error().Err(err).Str("user", string(p.user.Email)).Str("post_id", post.Id).Msg("mattermost: handling a direct message failed")
	}
	a.dealtWith(ctx, post, st, live)
	return true
}

// dealtWith moves the read mark past a post that was dealt with, unless it
// is a live post in a channel still behind.
func (a *Adapter) dealtWith(ctx context.Context, post *model.Post, st *socketState, live bool) {
	if live && st.behind.Is(post.ChannelId) {
		return
	}
	if err := st.marks.advance(ctx, post.ChannelId, positionOf(post)); err != nil {
		a.log.Error().Err(err).Msg("mattermost: a restart may answer this direct message again")
	}
}

// noticeIn returns what posts a failure notice in a direct channel.
func (a *Adapter) noticeIn(channelID string) func(ctx context.Context, notice string) {
	return func(ctx context.Context, notice string) {
		if _, _, err := a.api.CreatePost(ctx, &model.Post{ChannelId: channelID, Message: notice}); err != nil {
			a.log.Error().Err(err).Str("channel_id", channelID).Msg("mattermost: cannot tell a person their message was not handled")
		}
	}
}
