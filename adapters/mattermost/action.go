package mattermost

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/mattermost/mattermost/server/public/model"

	"meldbot/adapters/internal/attempt"
	"meldbot/bot"
)

// serveAction receives a button click. Mattermost does not authenticate
// these requests, so the click counts only when its context carries
// meldbot's MAC over the channel of the post, the person who clicks and the
// button's value; anything else is answered 403 and logged. A genuine click
// is handed to the bot, whose update of the post replaces the buttons.
func (a *Adapter) serveAction(h bot.Handler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var req model.PostActionIntegrationRequest
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			a.bodyError(w, r, err)
			return
		}
		ctx, cancel := a.handleCtx(r)
		defer cancel()
		value, err := a.clickValue(ctx, &req)
		if err != nil {
			a.log.Warn().Err(err).Str("remote", r.RemoteAddr).Str("user_id", req.UserId).Str("post_id", req.PostId).
				Str("channel_id", req.ChannelId).Msg("mattermost: rejected a forged or altered button click")
			http.Error(w, http.StatusText(http.StatusForbidden), http.StatusForbidden)
			return
		}
		if req.PostId == "" {
			a.bodyError(w, r, errMissing("post_id"))
			return
		}
		p, err := a.userByID(ctx, req.UserId)
		if err != nil {
			a.log.Error().Err(err).Str("user_id", req.UserId).Msg("mattermost: button click from a person meldbot cannot identify")
			http.Error(w, "meldbot cannot see who you are: "+err.Error(), http.StatusBadGateway)
			return
		}
		a.posts.put(req.PostId, req.ChannelId)
		ev := bot.Action{User: p.user, Ref: bot.Ref(req.PostId), Value: value}
		var notice string
		if err := attempt.HandleOrTell(ctx, h, ev, a.timeouts.retries, 0, func(_ context.Context, n string) { notice = n }); err != nil {
			a.log.Error().Err(err).Str("user", p.user.Email).Msg("mattermost: handling a button click failed")
			writeJSON(w, model.PostActionIntegrationResponse{EphemeralText: notice})
			return
		}
		writeJSON(w, model.PostActionIntegrationResponse{})
	}
}

// clickValue returns the value of the button clicked, when the context is
// meldbot's for the channel and the person clicking. A context from before
// contexts named the person counts when the person is the one the direct
// channel is with.
func (a *Adapter) clickValue(ctx context.Context, req *model.PostActionIntegrationRequest) (string, error) {
	value, err := a.signer.verify(req.ChannelId, req.UserId, req.Context)
	if err == nil {
		return value, nil
	}
	value, err2 := a.signer.verifyChannelOnly(req.ChannelId, req.Context)
	if err2 != nil || req.UserId == "" {
		return "", err
	}
	partner, err2 := a.dmPartner(ctx, req.ChannelId)
	if err2 != nil {
		return "", fmt.Errorf("%w (checking who the channel is with: %v)", errForged, err2)
	}
	if partner != req.UserId {
		return "", err
	}
	return value, nil
}
