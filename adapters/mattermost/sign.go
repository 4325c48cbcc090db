package mattermost

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
)

// Keys of a button's integration context. Mattermost hands the context back
// untouched when the button is clicked, but it does not authenticate the
// request, so the context carries a MAC made with meldbot's secret.
const (
	ctxValue = "v"
	ctxMAC   = "mac"
)

// The labels that start the MAC's input. A context is bound to the direct
// channel and the person the post is for; contexts made before meldbot bound
// them to the person are bound to the channel only.
const (
	macLabel        = "meldbot/mattermost/button/v2\x00"
	macLabelChannel = "meldbot/mattermost/button/v1\x00"
)

// errForged means a button callback carried a context meldbot did not make
// for that channel and person.
var errForged = errors.New("button context is missing, malformed, or not signed by meldbot for this channel and person")

// signer makes and checks button contexts. A context is bound to the
// direct-message channel its post is in and to the person the post is for,
// so a captured callback can be replayed neither in someone else's
// conversation nor as a click by anyone else.
type signer struct{ key []byte }

func (s signer) mac(label string, parts ...string) []byte {
	h := hmac.New(sha256.New, s.key)
	h.Write([]byte(label))
	for i, p := range parts {
		if i > 0 {
			h.Write([]byte{0})
		}
		h.Write([]byte(p))
	}
	return h.Sum(nil)
}

// context returns the integration context for a button with value, on a
// post in channelID for the user with ID userID.
func (s signer) context(channelID, userID, value string) map[string]any {
	return map[string]any{
		ctxValue: value,
		ctxMAC:   base64.RawURLEncoding.EncodeToString(s.mac(macLabel, channelID, userID, value)),
	}
}

// verify returns the value of a context that context made for channelID
// and userID, or errForged.
func (s signer) verify(channelID, userID string, ctx map[string]any) (string, error) {
	if userID == "" {
		return "", errForged
	}
	return s.check(ctx, macLabel, channelID, userID)
}

// verifyChannelOnly returns the value of a context made before contexts
// named the person, bound to channelID alone, or errForged. The caller must
// still make sure the click comes from the person the channel is with.
func (s signer) verifyChannelOnly(channelID string, ctx map[string]any) (string, error) {
	return s.check(ctx, macLabelChannel, channelID)
}

func (s signer) check(ctx map[string]any, label string, parts ...string) (string, error) {
	value, ok1 := ctx[ctxValue].(string)
	enc, ok2 := ctx[ctxMAC].(string)
	if !ok1 || !ok2 || parts[0] == "" {
		return "", errForged
	}
	got, err := base64.RawURLEncoding.DecodeString(enc)
	if err != nil || !hmac.Equal(got, s.mac(label, append(parts, value)...)) {
		return "", errForged
	}
	return value, nil
}
