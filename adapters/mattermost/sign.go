package mattermost

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"strconv"
	"time"
)

// Keys of a button's integration context. Mattermost hands the context back
// untouched when the button is clicked, but it does not authenticate the
// request, so the context carries a MAC made with meldbot's secret.
const (
	ctxValue  = "v"
	ctxKey    = "k" // the post's button key (buttonKeyProp)
	ctxIssued = "t" // when the context was made, in Unix seconds
	ctxMAC    = "mac"
)

// The labels that start the MAC's input, one per format. A context is bound
// to the direct channel, the person the post is for, and the post (by its
// button key), and says when it was made. Contexts of earlier versions of
// meldbot name no post: those of v2 are bound to the channel and the
// person, those of v1 to the channel only.
const (
	macLabel        = "meldbot/mattermost/button/v3\x00"
	macLabelPerson  = "meldbot/mattermost/button/v2\x00"
	macLabelChannel = "meldbot/mattermost/button/v1\x00"
)

// errForged means a button callback carried a context that is missing or
// not of meldbot's making.
var errForged = errors.New("the button's context is missing or malformed: not one meldbot makes")

// errOtherSecret means a context of meldbot's form whose MAC no secret
// meldbot has matches: made with a secret it no longer has, or altered.
type errOtherSecret struct {
	issued time.Time // when the context says it was made; zero when it does not say
}

func (e errOtherSecret) Error() string {
	when := ""
	if !e.issued.IsZero() {
		when = " (made " + e.issued.UTC().Format(time.RFC3339) + ")"
	}
	return "the button" + when + " is signed with neither MELDBOT_SECRET nor MELDBOT_SECRET_PREVIOUS: " +
		"it was made before the secret was changed (set MELDBOT_SECRET_PREVIOUS to the secret of that time), or it was altered"
}

// signer makes and checks button contexts with meldbot's secret, and
// checks them also with the previous secret, so that buttons posted before
// the secret was changed keep working for a while.
type signer struct {
	key, previous []byte
}

// button is what a context that checks out says.
type button struct {
	value string
	// postKey is the button key of the post the context was made for;
	// empty for a context of an earlier version, which names no post.
	postKey string
	// issued is when the context was made; zero for earlier versions.
	issued time.Time
	// person is false for a v1 context, bound to the channel only: the
	// caller must make sure the click comes from the person the channel
	// is with.
	person bool
	// previous is set when the context is signed with the previous secret.
	previous bool
}

func mac(key []byte, label string, parts ...string) []byte {
	h := hmac.New(sha256.New, key)
	h.Write([]byte(label))
	for i, p := range parts {
		if i > 0 {
			h.Write([]byte{0})
		}
		h.Write([]byte(p))
	}
	return h.Sum(nil)
}

// context returns the integration context for a button with value on the
// post with button key postKey, in channelID, for the user with ID userID,
// made at issued.
func (s signer) context(channelID, userID, postKey string, issued time.Time, value string) map[string]any {
	t := strconv.FormatInt(issued.Unix(), 10)
	return map[string]any{
		ctxValue:  value,
		ctxKey:    postKey,
		ctxIssued: t,
		ctxMAC:    base64.RawURLEncoding.EncodeToString(mac(s.key, macLabel, channelID, userID, postKey, t, value)),
	}
}

// verify checks a context for a click by the user with ID userID in
// channelID, with meldbot's secret and then the previous one, in the
// current format and in those of earlier versions. It returns errForged for
// a context meldbot cannot have made, and errOtherSecret for one of its
// form that no secret it has signed.
func (s signer) verify(channelID, userID string, ctx map[string]any) (button, error) {
	value, ok1 := ctx[ctxValue].(string)
	enc, ok2 := ctx[ctxMAC].(string)
	got, err := base64.RawURLEncoding.DecodeString(enc)
	if !ok1 || !ok2 || err != nil || len(got) != sha256.Size || channelID == "" || userID == "" {
		return button{}, errForged
	}
	postKey, hasKey := ctx[ctxKey].(string)
	t, hasIssued := ctx[ctxIssued].(string)
	if hasKey != hasIssued || (hasKey && postKey == "") {
		return button{}, errForged
	}
	var b button
	var formats []func(key []byte) []byte
	if hasKey {
		sec, err := strconv.ParseInt(t, 10, 64)
		if err != nil || sec < 0 || sec > 1<<40 {
			return button{}, errForged
		}
		b = button{value: value, postKey: postKey, issued: time.Unix(sec, 0), person: true}
		formats = append(formats, func(key []byte) []byte { return mac(key, macLabel, channelID, userID, postKey, t, value) })
	} else {
		b = button{value: value}
		formats = append(formats,
			func(key []byte) []byte { return mac(key, macLabelPerson, channelID, userID, value) },
			func(key []byte) []byte { return mac(key, macLabelChannel, channelID, value) })
	}
	for _, previous := range []bool{false, true} {
		key := s.key
		if previous {
			key = s.previous
		}
		if len(key) == 0 {
			continue
		}
		for i, want := range formats {
			if hmac.Equal(got, want(key)) {
				b.previous = previous
				b.person = hasKey || i == 0
				return b, nil
			}
		}
	}
	return button{}, errOtherSecret{issued: b.issued}
}
