package mattermost

import (
	"encoding/json"
	"net/http"

	"github.com/mattermost/mattermost/server/public/model"

	"meldbot/bot"
)

// serveAction receives a button click. Mattermost does not authenticate
// these requests, so the click counts only when its context carries
// meldbot's MAC for the channel of the post; anything else is answered 403
// and logged. A genuine click is handed to the bot, whose update of the post
// replaces the buttons.
func (a *Adapter) serveAction(h bot.Handler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var req model.PostActionIntegrationRequest
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			a.bodyError(w, r, err)
			return
		}
		value, err := a.signer.verify(req.ChannelId, req.Context)
		if err != nil {
			a.log.Warn().Err(err).Str("remote", r.RemoteAddr).Str("user_id", req.UserId).Str("post_id", req.PostId).
				Str("channel_id", req.ChannelId).Msg("mattermost: rejected a forged or altered button click")
			http.Error(w, http.StatusText(http.StatusForbidden), http.StatusForbidden)
			return
		}
		for field, v := range map[string]string{"user_id": req.UserId, "post_id": req.PostId} {
			if v == "" {
				a.bodyError(w, r, errMissing(field))
				return
			}
		}
		ctx, cancel := a.handleCtx(r)
		defer cancel()
		p, err := a.userByID(ctx, req.UserId)
		if err != nil {
			a.log.Error().Err(err).Str("user_id", req.UserId).Msg("mattermost: button click from a person meldbot cannot identify")
			http.Error(w, "meldbot cannot see who you are: "+err.Error(), http.StatusBadGateway)
			return
		}
		a.posts.put(req.PostId, req.ChannelId)
		if err := h.Handle(ctx, bot.Action{User: p.user, Ref: bot.Ref(req.PostId), Value: value}); err != nil {
			a.log.Error().Err(err).Str("user", p.user.Email).Msg("mattermost: handling a button click failed")
			http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
			return
		}
		writeJSON(w, model.PostActionIntegrationResponse{})
	}
}
