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
	channels, _, err := a.api.GetChannelsForUserWithLastDeleteAt(ctx, st.me.id, 0)
	if err != nil {
		st.behind.Unknown()
		a.log.Error().Err(err).Msg("mattermost: cannot list the direct channels to catch up on messages sent while meldbot was not listening")
		return
	}
	type work struct {
		channel, partner string
		from             position
	}
	var todo []work
	for _, ch := range channels {
		if ch.Type != model.ChannelTypeDirect || ch.DeleteAt != 0 {
			continue
		}
		partner := ch.GetOtherUserIdForDM(st.me.id)
		if partner == "" || partner == st.me.id {
			continue
		}
		from, err := st.marks.from(ctx, ch.Id, a.now())
		if err != nil {
			// Left behind: the person's next message catches it up.
			a.log.Error().Err(err).Str("channel_id", ch.Id).Msg("mattermost: cannot catch up on this direct channel")
			todo = append(todo, work{channel: ch.Id})
			continue
		}
		if ch.LastPostAt <= from.at {
			continue
		}
		a.partners.put(ch.Id, partner)
		a.dms.put(partner, ch.Id)
		todo = append(todo, work{ch.Id, partner, from})
	}
	ids := make([]string, len(todo))
	for i, w := range todo {
		ids[i] = w.channel
	}
	st.behind.Add(ids...)
	queued := 0
	for _, w := range todo {
		if w.partner == "" {
			continue
		}
		bg := context.WithoutCancel(ctx)
		a.work.Do(w.partner, func() { a.catchUpChannel(bg, h, w.channel, w.from, st) })
		queued++
	}
	if queued > 0 {
		a.log.Info().Int("channels", queued).Msg("mattermost: catching up on direct messages sent while meldbot was not listening")
	}
}

// catchUpFromMark catches a channel up from its read mark, or from the
// floor when meldbot has never read it.
func (a *Adapter) catchUpFromMark(ctx context.Context, h bot.Handler, channelID string, st *socketState) {
	from, err := st.marks.from(ctx, channelID, a.now())
	if err != nil {
		a.log.Error().Err(err).Str("channel_id", channelID).Msg("mattermost: cannot catch up on this direct channel")
		return
	}
	a.catchUpChannel(ctx, h, channelID, from, st)
}

// postsSinceCap is the most posts Mattermost returns for GetPostsSince.
const postsSinceCap = 1000

// catchUpChannel handles, in order, the posts of a direct channel that
// come after from. The read mark moves past each post dealt with, including
// the bot's own, so the channel is not fetched again for them. It stops at
// a message it could not hand to the bot (the person could not be looked
// up): that one and those after it wait, in order, with the channel left
// behind, for the person's next message or the next connection.
func (a *Adapter) catchUpChannel(ctx context.Context, h bot.Handler, channelID string, from position, st *socketState) {
	behindFor := st.behind.Current(channelID) // before the posts are fetched
	list, _, err := a.api.GetPostsSince(ctx, channelID, from.at-1, false)
	if err != nil {
		a.log.Warn().Err(err).Str("channel_id", channelID).Msg("mattermost: cannot fetch direct messages sent while meldbot was not listening")
		return
	}
	if len(list.Order) >= postsSinceCap {
		a.log.Warn().Str("channel_id", channelID).Int("posts", len(list.Order)).
			Msg("mattermost: as many posts to catch up on as the server returns at once; older ones may be left out")
	}
	caughtUp := true
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
			caughtUp = false
			break
		}
		passed = positionOf(p)
	}
	if caughtUp {
		st.behind.Done(channelID, behindFor)
	}
	if passed != from {
		if err := st.marks.advance(ctx, channelID, passed); err != nil {
			a.log.Warn().Err(err).Msg("mattermost: cannot store how far a direct channel was read")
		}
	}
}
