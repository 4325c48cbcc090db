package bottest

import (
	"context"
	"fmt"
	"sync"

	"meldbot/bot"
)

// Sent is one message the bot delivered through a Chat.
type Sent struct {
	To      bot.Email // for an update, the original's recipient
	Ref     bot.Ref
	Update  bool
	Message bot.Message
}

// Chat is a bot.Chat that records every message. It can be told to fail,
// to test retries.
type Chat struct {
	mu    sync.Mutex
	sent  []Sent
	taken int                   // sent[:taken] were returned by Take
	refs  map[bot.Ref]bot.Email // message → recipient
	n     int
	// Fail, when set, is called before each delivery; a non-nil error
	// fails it.
	Fail func(to string, m bot.Message) error
}

var _ bot.Chat = (*Chat)(nil)

// Run does nothing until ctx is done: tests deliver events with Handle.
func (c *Chat) Run(ctx context.Context, h bot.Handler) error {
	<-ctx.Done()
	return nil
}

// Send records a direct message.
func (c *Chat) Send(ctx context.Context, to bot.Email, m bot.Message, _ bot.Delivery) (bot.Ref, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.Fail != nil {
		if err := c.Fail(string(to), m); err != nil {
			return "", err
		}
	}
	c.n++
	ref := bot.Ref(fmt.Sprintf("m%d", c.n))
	if c.refs == nil {
		c.refs = map[bot.Ref]bot.Email{}
	}
	c.refs[ref] = to
	c.sent = append(c.sent, Sent{To: to, Ref: ref, Message: m})
	return ref, nil
}

// Update records the replacement of a message; To is the recipient of the
// original.
func (c *Chat) Update(ctx context.Context, ref bot.Ref, m bot.Message, _ bot.Delivery) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	to, ok := c.refs[ref]
	if !ok {
		return fmt.Errorf("no message %s", ref)
	}
	if c.Fail != nil {
		if err := c.Fail(string(to), m); err != nil {
			return err
		}
	}
	c.sent = append(c.sent, Sent{To: bot.Email(to), Ref: ref, Update: true, Message: m})
	return nil
}

// recipient returns who a message was sent to.
func (c *Chat) recipient(ref bot.Ref) bot.Email {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.refs[ref]
}

// Sent returns everything delivered so far.
func (c *Chat) Sent() []Sent {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]Sent(nil), c.sent...)
}

// Take returns everything delivered since the last Take.
func (c *Chat) Take() []Sent {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := append([]Sent(nil), c.sent[c.taken:]...)
	c.taken = len(c.sent)
	return out
}
