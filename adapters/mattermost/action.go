package mattermost

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"

	"github.com/mattermost/mattermost/server/public/model"

	"meldbot/adapters/internal/attempt"
	"meldbot/adapters/internal/inbox"
	"meldbot/bot"
)

// serveAction receives a button click. Mattermost does not authenticate
// these requests, so a click counts only when
//   - its trigger ID is signed by the server, for the person clicking, and
//     recent (checkTrigger);
//   - its context carries meldbot's MAC over the channel, the person, the
//     post's button key, the time it was made and the button's value
//     (signer.verify);
//   - the bot has not handled the click before (the inbox, by the trigger's
//     fresh ID);
//   - the post it names is the bot's, in that channel, and holds that
//     button key (checkPost).
//
// Anything else is answered with a 4xx and logged with the reason. A
// genuine click is handed to the bot, whose update of the post replaces the
// buttons.
func (a *Adapter) serveAction(h bot.Handler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var req model.PostActionIntegrationRequest
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			a.bodyError(w, r, err)
			return
		}
		for _, f := range [][2]string{{"user_id", req.UserId}, {"channel_id", req.ChannelId}, {"post_id", req.PostId}} {
			if f[1] == "" {
				a.bodyError(w, r, errMissing(f[0]))
				return
			}
		}
		ctx, cancel := a.handleCtx(r)
		defer cancel()
		fields := []string{"user_id", req.UserId, "post_id", req.PostId, "channel_id", req.ChannelId}
		refuse := func(status int, reason error) { a.reject(w, r, status, "button click", reason, fields...) }
		tr, err := a.checkTrigger(ctx, req.TriggerId, req.UserId)
		if err != nil {
			a.triggerFailed(w, r, "button click", err, fields...)
			return
		}
		b, err := a.signer.verify(req.ChannelId, req.UserId, req.Context)
		if err != nil {
			refuse(http.StatusForbidden, err)
			return
		}
		id, me, ok := a.firstTime(ctx, w, r, "button click", "click", tr, fields...)
		if !ok {
			return
		}
		if err := a.checkPost(ctx, &req, b, me); err != nil {
			if errors.As(err, new(errWrongPost)) {
				refuse(http.StatusForbidden, err)
			} else {
				a.failed(w, r, http.StatusBadGateway, "button click", err)
			}
			return
		}
		if b.previous {
			a.log.Info().Str("post_id", req.PostId).Time("made", b.issued).
				Msg("mattermost: a button signed with MELDBOT_SECRET_PREVIOUS was clicked")
		}
		p, err := a.userByID(ctx, req.UserId)
		if err != nil {
			a.unidentified(ctx, w, r, h, "button click", req.UserId, err)
			return
		}
		ev := bot.Action{ID: id, User: p.user, Ref: bot.Ref(req.PostId), Value: b.value}
		var notice string
		if err := attempt.HandleOrTell(ctx, h, ev, a.timeouts.retries, 0, func(_ context.Context, n string) { notice = n }); err != nil {
			a.log.Error().Err(err).Str("user", string(p.user.Email)).Msg("mattermost: handling a button click failed")
			writeJSON(w, model.PostActionIntegrationResponse{EphemeralText: notice})
			return
		}
		writeJSON(w, model.PostActionIntegrationResponse{})
	}
}

// errHandledBefore means the bot has handled a request with this trigger
// ID: it is the same request, sent again.
var errHandledBefore = errors.New("handled before: the same request sent again")

// firstTime names a request of kind ("command", "click") for the bot's
// inbox by its trigger, and makes sure the bot has not handled it before.
// When it has, or meldbot cannot tell, the request is answered (409, or a
// 5xx and a log line) and ok is false. It returns the request's identity
// and the bot account.
func (a *Adapter) firstTime(ctx context.Context, w http.ResponseWriter, r *http.Request, what, kind string, tr trigger, fields ...string) (id string, me person, ok bool) {
	me, err := a.self(ctx)
	if err != nil {
		a.failed(w, r, http.StatusBadGateway, what, err)
		return "", me, false
	}
	id = inbox.ID("mattermost", me.id, kind, tr.id)
	seen, err := inbox.Handled(ctx, a.marks, id)
	switch {
	case err != nil:
		a.failed(w, r, http.StatusInternalServerError, what, err)
		return "", me, false
	case seen:
		a.reject(w, r, http.StatusConflict, what, errHandledBefore, fields...)
		return "", me, false
	}
	return id, me, true
}

// errWrongPost is a click on a post its button cannot be on.
type errWrongPost string

func (e errWrongPost) Error() string { return string(e) }

// checkPost makes sure a click names a post its button can be on: the
// bot's, not deleted, in the channel the button was signed for, and holding
// the button's key. The post is fetched from Mattermost, as the click names
// it itself. A button of an earlier version of meldbot, which names no
// post, counts on a post of the bot's in its channel that holds no key
// either (one that version made and this one has not updated); one bound to
// the channel alone counts only for the person the channel is with.
func (a *Adapter) checkPost(ctx context.Context, req *model.PostActionIntegrationRequest, b button, me person) error {
	p, resp, err := a.api.GetPost(ctx, req.PostId, "")
	switch {
	case notFound(resp, err) || forbidden(resp, err):
		return errWrongPost("the post the click names is not there or not the bot's to see")
	case err != nil:
		return err
	}
	info := infoOf(p)
	switch {
	case p.UserId != me.id || p.DeleteAt != 0:
		return errWrongPost("the post the click names is not one of the bot's")
	case p.ChannelId != req.ChannelId:
		return errWrongPost("the post the click names is in another channel than its button was made for")
	case info.key != b.postKey:
		return errWrongPost("the post the click names does not hold its button: a click sent again with another post named in it")
	}
	a.posts.put(p.Id, info)
	if b.person {
		return nil
	}
	partner, err := a.dmPartner(ctx, req.ChannelId)
	if err != nil {
		return err
	}
	if partner != req.UserId {
		return errWrongPost("an earlier version's button, clicked by someone else than the person its channel is with")
	}
	return nil
}
