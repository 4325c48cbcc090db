package mattermost

import (
	"context"
	"slices"

	"github.com/mattermost/mattermost/server/public/model"

	"meldbot/bot"
)

// catchUp makes up for the time the bot was not listening, before this
// connection: down, restarting or disconnected. It lists the bot's direct
// channels and, for each with a post after its read mark (or, in a channel
// meldbot has never read, after the floor), queues the handling of the
// missed posts in the person's queue, ahead of anything the new connection
// brings. A channel meldbot has read goes on from its mark however long ago
// that was: a message sent to the bot is answered, late rather than never.
func (a *Adapter) catchUp(ctx context.Context, h bot.Handler, st *socketState) {
	floor, err := st.marks.floor(ctx, a.now())
	if err != nil {
		a.log.Error().Err(err).Msg("mattermost: cannot catch up on direct messages sent while meldbot was not listening")
		return
	}
	channels, _, err := a.api.GetChannelsForUserWithLastDeleteAt(ctx, st.me.id, 0)
	if err != nil {
		a.log.Error().Err(err).Msg("mattermost: cannot list the direct channels to catch up on messages sent while meldbot was not listening")
		return
	}
	queued := 0
	for _, ch := range channels {
		if ch.Type != model.ChannelTypeDirect || ch.DeleteAt != 0 {
			continue
		}
		partner := ch.GetOtherUserIdForDM(st.me.id)
		if partner == "" || partner == st.me.id {
			continue
		}
		from := position{at: floor}
		mark, read, err := st.marks.get(ctx, ch.Id)
		if err != nil {
			a.log.Error().Err(err).Str("channel_id", ch.Id).Msg("mattermost: cannot catch up on this direct channel")
			continue
		}
		if read {
			from = mark
		}
		if ch.LastPostAt <= from.at {
			continue
		}
		a.partners.put(ch.Id, partner)
		a.dms.put(partner, ch.Id)
		work, id := context.WithoutCancel(ctx), ch.Id
		a.work.Do(partner, func() { a.catchUpChannel(work, h, id, from, st) })
		queued++
	}
	if queued > 0 {
		a.log.Info().Int("channels", queued).Msg("mattermost: catching up on direct messages sent while meldbot was not listening")
	}
}

// catchUpChannel handles, in order, the posts of a direct channel that
// come after from. The read mark moves past each post dealt with, including
// the bot's own, so the channel is not fetched again for them. It stops at
// a message that could not be handled: that one and those after it wait,
// in order, for the next catch-up.
func (a *Adapter) catchUpChannel(ctx context.Context, h bot.Handler, channelID string, from position, st *socketState) {
	list, _, err := a.api.GetPostsSince(ctx, channelID, from.at-1, false)
	if err != nil {
		a.log.Warn().Err(err).Str("channel_id", channelID).Msg("mattermost: cannot fetch direct messages sent while meldbot was not listening")
		return
	}
	var missed []*model.Post
	for _, id := range list.Order {
		if p := list.Posts[id]; p != nil && from.before(positionOf(p)) {
			missed = append(missed, p)
		}
	}
	slices.SortFunc(missed, func(p, q *model.Post) int {
		switch pp, qq := positionOf(p), positionOf(q); {
		case pp.before(qq):
			return -1
		case qq.before(pp):
			return 1
		}
		return 0
	})
	passed := from
	for _, p := range missed {
		if p.DeleteAt == 0 && byPerson(p, st.me) && !a.deliver(ctx, h, p, st, false) {
			break
		}
		passed = positionOf(p)
	}
	if passed != from {
		if err := st.marks.advance(ctx, channelID, passed); err != nil {
			a.log.Warn().Err(err).Msg("mattermost: cannot store how far a direct channel was read")
		}
	}
}
