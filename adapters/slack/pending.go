package slack

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sync"
	"time"

	"meldbot/bot"
)

// Bounds of pendingUploads: the outbox tries a message again within minutes,
// so an entry older than a day belongs to a message it gave up on.
const (
	maxPending = 500
	pendingTTL = 24 * time.Hour
)

// pendingUploads remembers messages whose text was posted but one of whose
// files failed to upload, so that a retry of the same message posts the
// text and the files that went out once. It forgets an entry after
// pendingTTL, and the oldest entries beyond maxPending.
type pendingUploads struct {
	mu sync.Mutex
	m  map[string]partSent
}

// partSent is how far a message with files got: its post, how many of its
// files were uploaded, and when it was last tried.
type partSent struct {
	ref   bot.Ref
	files int
	at    time.Time
}

// uploadKey identifies a message with files across delivery attempts: by
// its bot.Delivery key, or, when the caller gave none, by its content.
func uploadKey(d bot.Delivery, channel string, m bot.Message) string {
	if k := d.Key; k != "" {
		return "delivery:" + k
	}
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00", channel, m.Text)
	for _, c := range m.Choices {
		fmt.Fprintf(h, "%s\x00%s\x00", c.Label, c.Value)
	}
	for _, f := range m.Attachments() {
		fmt.Fprintf(h, "%s\x00", f.Name)
		h.Write(f.Data)
	}
	return "content:" + hex.EncodeToString(h.Sum(nil))
}

func (p *pendingUploads) get(key string, now time.Time) (partSent, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	r, ok := p.m[key]
	if ok && now.Sub(r.at) > pendingTTL {
		delete(p.m, key)
		return partSent{}, false
	}
	return r, ok
}

func (p *pendingUploads) set(key string, r partSent, now time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.m == nil {
		p.m = map[string]partSent{}
	}
	r.at = now
	p.m[key] = r
	for k, e := range p.m {
		if now.Sub(e.at) > pendingTTL {
			delete(p.m, k)
		}
	}
	for len(p.m) > maxPending {
		oldest := ""
		for k, e := range p.m {
			if k != key && (oldest == "" || e.at.Before(p.m[oldest].at)) {
				oldest = k
			}
		}
		delete(p.m, oldest)
	}
}

func (p *pendingUploads) done(key string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	delete(p.m, key)
}
