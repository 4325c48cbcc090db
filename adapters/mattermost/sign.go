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

// errForged means a button callback carried a context meldbot did not make.
var errForged = errors.New("button context is missing, malformed, or not signed by meldbot")

// signer makes and checks button contexts. A context is bound to the
// direct-message channel its post is in, so it cannot be replayed as a click
// in someone else's conversation.
type signer struct{ key []byte }

func (s signer) mac(channelID, value string) []byte {
	h := hmac.New(sha256.New, s.key)
	h.Write([]byte("meldbot/mattermost/button/v1\x00"))
	h.Write([]byte(channelID))
	h.Write([]byte{0})
	h.Write([]byte(value))
	return h.Sum(nil)
}

// context returns the integration context for a button with value.
func (s signer) context(channelID, value string) map[string]any {
	return map[string]any{
		ctxValue: value,
		ctxMAC:   base64.RawURLEncoding.EncodeToString(s.mac(channelID, value)),
	}
}

// verify returns the value of a context made by context for channelID, or
// errForged.
func (s signer) verify(channelID string, ctx map[string]any) (string, error) {
	value, ok1 := ctx[ctxValue].(string)
	enc, ok2 := ctx[ctxMAC].(string)
	if !ok1 || !ok2 || channelID == "" {
		return "", errForged
	}
	got, err := base64.RawURLEncoding.DecodeString(enc)
	if err != nil || !hmac.Equal(got, s.mac(channelID, value)) {
		return "", errForged
	}
	return value, nil
}
