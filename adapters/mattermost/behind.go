package mattermost

import "sync"

// behind knows the direct channels whose catch-up has not finished: it
// failed to fetch them, or met a message it could not yet hand to the bot.
// A live message in such a channel first catches the channel up, so it
// cannot move the read mark past messages that were never handled. While
// the list of channels itself could not be had, every channel counts as
// behind.
type behind struct {
	mu       sync.Mutex
	channels map[string]bool
	unlisted bool // the last attempt to list the channels failed
}

// listed records a successful listing: the channels that have posts after
// their mark, to be caught up.
func (b *behind) listed(channels []string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.unlisted = false
	b.channels = map[string]bool{}
	for _, c := range channels {
		b.channels[c] = true
	}
}

// unknown records a failed listing.
func (b *behind) unknown() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.unlisted = true
}

// done records that a channel is caught up.
func (b *behind) done(channel string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	delete(b.channels, channel)
}

// is reports whether a channel may hold messages not yet handled.
func (b *behind) is(channel string) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.unlisted || b.channels[channel]
}
