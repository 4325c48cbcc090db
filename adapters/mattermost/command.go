package mattermost

import (
	"context"
	"crypto/subtle"
	"net/http"
	"regexp"
	"strings"
	"sync"

	"github.com/mattermost/mattermost/server/public/model"

	"meldbot/adapters/internal/attempt"
	"meldbot/bot"
)

// tokenSet holds the tokens of the /incident commands meldbot accepts.
type tokenSet struct {
	mu     sync.RWMutex
	tokens [][]byte
}

func (s *tokenSet) add(t string) {
	t = strings.TrimSpace(t)
	if t == "" {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, have := range s.tokens {
		if string(have) == t {
			return
		}
	}
	s.tokens = append(s.tokens, []byte(t))
}

// valid compares t with every known token in constant time.
func (s *tokenSet) valid(t string) bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	ok := 0
	for _, have := range s.tokens {
		ok |= subtle.ConstantTimeCompare(have, []byte(t))
	}
	return ok == 1 && t != ""
}

func (s *tokenSet) empty() bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.tokens) == 0
}

// serveCommand receives /incident. It checks the command token and the
// trigger ID (signed by the server, for the person, recent), refuses with
// 409 a command the bot handled before (the same request sent again),
// resolves the person, hands the command to the bot and answers with the
// bot's short acknowledgement, shown only to the person; the conversation
// itself goes on in the direct message.
func (a *Adapter) serveCommand(h bot.Handler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if err := r.ParseForm(); err != nil {
			a.bodyError(w, r, err)
			return
		}
		token := r.PostForm.Get("token")
		if token == "" {
			token, _ = strings.CutPrefix(r.Header.Get("Authorization"), "Token ")
		}
		if !a.tokens.valid(token) {
			ev := a.log.Warn().Str("remote", r.RemoteAddr).Bool("token_given", token != "")
			if a.tokens.empty() {
				ev = ev.Str("hint", "no /incident command is registered; see the earlier log lines")
			}
			ev.Msg("mattermost: rejected a slash command with a wrong or missing token")
			http.Error(w, http.StatusText(http.StatusUnauthorized), http.StatusUnauthorized)
			return
		}
		userID := r.PostForm.Get("user_id")
		if userID == "" {
			a.bodyError(w, r, errMissing("user_id"))
			return
		}
		ctx, cancel := a.handleCtx(r)
		defer cancel()
		tr, err := a.checkTrigger(ctx, r.PostForm.Get("trigger_id"), userID)
		if err != nil {
			a.triggerFailed(w, r, "slash command", err, "user_id", userID)
			return
		}
		id, _, ok := a.firstTime(ctx, w, r, "slash command", "command", tr, "user_id", userID)
		if !ok {
			return
		}
		p, err := a.userByID(ctx, userID)
		if err != nil {
			a.unidentified(ctx, w, r, h, "slash command", userID, err)
			return
		}
		args := a.rewriteMentions(ctx, strings.TrimSpace(r.PostForm.Get("text")))
		ev := bot.Command{ID: id, User: p.user, Args: args}
		var notice string
		if err := attempt.HandleOrTell(ctx, h, ev, a.timeouts.retries, 0, func(_ context.Context, n string) { notice = n }); err != nil {
			a.log.Error().Err(err).Str("user", string(p.user.Email)).Msg("mattermost: handling a slash command failed")
			writeJSON(w, model.CommandResponse{ResponseType: model.CommandResponseTypeEphemeral, Text: notice})
			return
		}
		writeJSON(w, model.CommandResponse{ResponseType: model.CommandResponseTypeEphemeral, Text: h.CommandAck(ctx, p.user)})
	}
}

// mention is an @username as Mattermost allows them, with an optional
// trailing full stop that belongs to the sentence.
var mention = regexp.MustCompile(`(^|[\s(])@([a-zA-Z0-9][a-zA-Z0-9._-]*)`)

// rewriteMentions replaces each @username in a command's text by that
// person's e-mail address, the identity the bot knows. Names Mattermost does
// not know stay as they are.
func (a *Adapter) rewriteMentions(ctx context.Context, text string) string {
	return mention.ReplaceAllStringFunc(text, func(m string) string {
		sub := mention.FindStringSubmatch(m)
		lead, name := sub[1], sub[2]
		tries := []string{name}
		if trimmed := strings.TrimRight(name, ".-_"); trimmed != name && trimmed != "" {
			tries = append(tries, trimmed)
		}
		for _, try := range tries {
			if p, err := a.userByUsername(ctx, try); err == nil {
				return lead + string(p.user.Email) + name[len(try):]
			}
		}
		return m
	})
}

type errMissing string

func (e errMissing) Error() string { return "the request has no " + string(e) }
