package mattermost

import (
	"context"
	"crypto/ecdsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Mattermost gives every slash command and every button click a trigger ID:
// a fresh ID, the user's ID and the time, signed with the server's own key
// (its AsymmetricSigningKey), whose public half the server publishes in its
// client configuration. The trigger ID is the only part of these requests
// the server vouches for: checked, it shows the request comes from the
// server, for that person, now; its fresh ID tells one click or command
// from another, so a request sent again is known (see the inbox).

// triggerMaxAge is how far a trigger ID's time may lie from meldbot's
// clock. Mattermost calls meldbot the moment a person clicks; the margin is
// for clocks that are not quite in step. Well within the time the inbox
// remembers events, so a request older than this cannot be sent again
// after the inbox forgot it.
const triggerMaxAge = time.Hour

// keyRefetch is how soon after fetching the server's key meldbot fetches
// it again when a trigger ID does not check out with it (the key changed).
const keyRefetch = time.Minute

// trigger is a trigger ID taken apart.
type trigger struct {
	id     string // the fresh ID, unique per command or click
	userID string
	at     time.Time
}

// errTrigger is a trigger ID that does not show the request comes from the
// server, for this person, now.
type errTrigger string

func (e errTrigger) Error() string { return string(e) }

// errNoServerKey means meldbot could not fetch the server's key to check a
// trigger ID with: the request is not refused for it, but not handled
// either.
var errNoServerKey = errors.New("cannot fetch Mattermost's signing key (AsymmetricSigningPublicKey) to check the request")

// parseTrigger takes a trigger ID apart: base64 of
// "<id>:<user ID>:<milliseconds>:<base64 signature>".
func parseTrigger(s string) (trigger, []byte, []byte, error) {
	raw, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		return trigger{}, nil, nil, errTrigger("the trigger ID is not Mattermost's: not base64")
	}
	parts := strings.Split(string(raw), ":")
	if len(parts) != 4 || parts[0] == "" || parts[1] == "" {
		return trigger{}, nil, nil, errTrigger("the trigger ID is not Mattermost's: not four parts")
	}
	ms, err := strconv.ParseInt(parts[2], 10, 64)
	if err != nil {
		return trigger{}, nil, nil, errTrigger("the trigger ID is not Mattermost's: no time")
	}
	sig, err := base64.StdEncoding.DecodeString(parts[3])
	if err != nil {
		return trigger{}, nil, nil, errTrigger("the trigger ID is not Mattermost's: no signature")
	}
	signed := []byte(strings.Join(parts[:3], ":") + ":")
	return trigger{id: parts[0], userID: parts[1], at: time.UnixMilli(ms)}, signed, sig, nil
}

// serverKey is the server's public signing key, fetched when first needed
// and again when a trigger ID does not check out and the key is older than
// keyRefetch.
type serverKey struct {
	mu      sync.Mutex
	key     *ecdsa.PublicKey
	absent  bool // the server publishes no key
	fetched time.Time
}

// checkTrigger checks the trigger ID of a request by the user with ID
// userID: signed by the server, for that user, made within triggerMaxAge of
// now. It returns the trigger, errTrigger when it does not check out, or
// errNoServerKey.
func (a *Adapter) checkTrigger(ctx context.Context, s, userID string) (trigger, error) {
	if s == "" {
		return trigger{}, errTrigger("the request has no trigger ID")
	}
	tr, signed, sig, err := parseTrigger(s)
	if err != nil {
		return trigger{}, err
	}
	if tr.userID != userID {
		return trigger{}, errTrigger("the trigger ID was made for another person")
	}
	if age := a.now().Sub(tr.at); age > triggerMaxAge || age < -triggerMaxAge {
		return trigger{}, errTrigger(fmt.Sprintf("the trigger ID was made %s ago by Mattermost's clock: "+
			"a request sent again, or the clocks of Mattermost and meldbot differ", age.Round(time.Second)))
	}
	sum := sha256.Sum256(signed)
	for again := false; ; again = true {
		key, err := a.signingKey(ctx, again)
		switch {
		case err != nil:
			return trigger{}, err
		case key == nil:
			return tr, nil // the server publishes no key: see signingKey
		case ecdsa.VerifyASN1(key, sum[:], sig):
			return tr, nil
		case again:
			return trigger{}, errTrigger("the trigger ID is not signed by this Mattermost server")
		}
	}
}

// signingKey returns the server's public signing key; with fresh, a key
// fetched longer than keyRefetch ago is fetched again. A server that
// publishes no key (none does since Mattermost 5) gets a warning once, and
// its requests are checked without it.
func (a *Adapter) signingKey(ctx context.Context, fresh bool) (*ecdsa.PublicKey, error) {
	k := &a.serverKey
	k.mu.Lock()
	defer k.mu.Unlock()
	known := k.key != nil || k.absent
	if known && (!fresh || a.now().Sub(k.fetched) < keyRefetch) {
		return k.key, nil
	}
	cfg, _, err := a.api.GetClientConfig(ctx, "")
	if err != nil {
		if known {
			return k.key, nil
		}
		return nil, fmt.Errorf("%w: %w", errNoServerKey, err)
	}
	k.fetched = a.now()
	enc := cfg["AsymmetricSigningPublicKey"]
	if enc == "" {
		if !k.absent {
			a.log.Warn().Msg("mattermost: the server publishes no signing key (AsymmetricSigningPublicKey); " +
				"slash commands and clicks are checked without it")
		}
		k.key, k.absent = nil, true
		return nil, nil
	}
	der, err := base64.StdEncoding.DecodeString(enc)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", errNoServerKey, err)
	}
	pub, err := x509.ParsePKIXPublicKey(der)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", errNoServerKey, err)
	}
	ec, ok := pub.(*ecdsa.PublicKey)
	if !ok {
		return nil, fmt.Errorf("%w: a %T, not an ECDSA key", errNoServerKey, pub)
	}
	k.key, k.absent = ec, false
	return ec, nil
}
