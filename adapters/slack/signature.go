package slack

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"
)

// maxRequestAge is how far a request's timestamp may lie from now; older
// requests are refused, so a recorded request cannot be replayed later.
const maxRequestAge = 5 * time.Minute

// verify checks Slack's signature of a request: X-Slack-Signature must be
// "v0=" and the hex HMAC-SHA256, keyed with the signing secret, of
// "v0:<X-Slack-Request-Timestamp>:<raw body>", and the timestamp must lie
// within maxRequestAge of now.
func verify(secret string, header http.Header, body []byte, now time.Time) error {
	ts, sig := header.Get("X-Slack-Request-Timestamp"), header.Get("X-Slack-Signature")
	if ts == "" || sig == "" {
		return errors.New("no X-Slack-Request-Timestamp or X-Slack-Signature header")
	}
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return fmt.Errorf("timestamp %q is not a number", ts)
	}
	if age := now.Sub(time.Unix(sec, 0)); age > maxRequestAge || age < -maxRequestAge {
		return fmt.Errorf("timestamp %s is %s away from now", ts, age.Round(time.Second))
	}
	if !hmac.Equal([]byte(sig), []byte(sign(secret, ts, body))) {
		return errors.New("signature does not match")
	}
	return nil
}

// sign returns Slack's signature of a request body sent at timestamp ts.
func sign(secret, ts string, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte("v0:" + ts + ":"))
	mac.Write(body)
	return "v0=" + hex.EncodeToString(mac.Sum(nil))
}
