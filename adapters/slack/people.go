package slack

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/slack-go/slack"

	"meldbot/bot"
)

// errUnidentified is returned (wrapped) by user for someone Slack gives
// meldbot no e-mail address for: an account without one, a guest or a
// person of another organisation (Slack Connect) whom users.info does not
// show. The bot knows people by address, so it cannot serve them.
var errUnidentified = errors.New("slack gives no e-mail address for this person")

// user returns the person behind a Slack user ID (users.info, remembered
// for userTTL). A person without an e-mail address cannot be served: the
// error wraps errUnidentified.
func (a *Adapter) user(ctx context.Context, id string) (bot.User, error) {
	if u, ok := a.users.get(id, a.now()); ok {
		return u, nil
	}
	var su *slack.User
	err := a.retry(ctx, "users.info", func() (err error) {
		su, err = a.api.GetUserInfoContext(ctx, id)
		return err
	})
	var refused slack.SlackErrorResponse
	if errors.As(err, &refused) && (refused.Err == "user_not_found" || refused.Err == "user_not_visible") {
		return bot.User{}, fmt.Errorf("slack: looking up user %s: %w (%s)", id, errUnidentified, refused.Err)
	}
	if err != nil {
		return bot.User{}, fmt.Errorf("slack: looking up user %s: %w", id, err)
	}
	return a.remember(su)
}

// remember caches a Slack user both ways and returns them as a person.
func (a *Adapter) remember(su *slack.User) (bot.User, error) {
	if su.Profile.Email == "" {
		return bot.User{}, fmt.Errorf("slack: user %s: %w (a guest or external account, or is the users:read.email scope missing?)", su.ID, errUnidentified)
	}
	u := bot.User{Email: bot.EmailOf(su.Profile.Email), Name: displayName(su)}
	now := a.now()
	a.users.put(su.ID, u, now)
	a.ids.put(string(u.Email), su.ID, now)
	return u, nil
}

func displayName(su *slack.User) string {
	for _, n := range []string{su.RealName, su.Profile.RealName, su.Profile.DisplayName, su.Name} {
		if n != "" {
			return n
		}
	}
	return su.ID
}

// userID returns the Slack user with an e-mail address
// (users.lookupByEmail, remembered for userTTL).
func (a *Adapter) userID(ctx context.Context, email string) (string, error) {
	email = string(bot.EmailOf(email))
	if id, ok := a.ids.get(email, a.now()); ok {
		return id, nil
	}
	var su *slack.User
	err := a.retry(ctx, "users.lookupByEmail", func() (err error) {
		su, err = a.api.GetUserByEmailContext(ctx, email)
		return err
	})
	var notFound slack.SlackErrorResponse
	if errors.As(err, &notFound) && notFound.Err == "users_not_found" {
		return "", fmt.Errorf("slack: %s: %w", email, bot.ErrNoSuchPerson)
	}
	if err != nil {
		return "", fmt.Errorf("slack: finding the Slack user for %s: %w", email, err)
	}
	if _, err := a.remember(su); err != nil {
		return "", err
	}
	// Slack may spell the address differently; remember the one asked for.
	a.ids.put(email, su.ID, a.now())
	return su.ID, nil
}

// dm returns the direct message channel between the bot and a Slack user
// (conversations.open, remembered for dmTTL). When Slack refuses to open it
// for good (see dmRefusals), the error wraps bot.ErrUndeliverable.
func (a *Adapter) dm(ctx context.Context, userID string) (string, error) {
	if ch, ok := a.dms.get(userID, a.now()); ok {
		return ch, nil
	}
	var ch *slack.Channel
	err := a.retry(ctx, "conversations.open", func() (err error) {
		ch, _, _, err = a.api.OpenConversationContext(ctx, &slack.OpenConversationParameters{Users: []string{userID}, ReturnIM: true})
		return err
	})
	if err != nil {
		return "", fmt.Errorf("slack: opening a direct message with %s: %w", userID, classify(err, dmRefusals))
	}
	a.dms.put(userID, ch.ID, a.now())
	return ch.ID, nil
}

// cache remembers values by key for ttl.
type cache[V any] struct {
	mu  sync.Mutex
	ttl time.Duration
	m   map[string]cached[V]
}

type cached[V any] struct {
	v  V
	at time.Time
}

func (c *cache[V]) get(key string, now time.Time) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[key]
	if !ok || now.Sub(e.at) > c.ttl {
		delete(c.m, key)
		var zero V
		return zero, false
	}
	return e.v, true
}

func (c *cache[V]) forget(key string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.m, key)
}

func (c *cache[V]) put(key string, v V, now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[string]cached[V]{}
	}
	c.m[key] = cached[V]{v: v, at: now}
}
