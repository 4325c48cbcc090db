package bot

import "context"

// deliveryKey is the context key under which the Dispatcher passes
// DeliveryKey to a Chat.
type deliveryKey struct{}

// WithDeliveryKey returns a context that carries key, the identity of one
// outgoing message.
func WithDeliveryKey(ctx context.Context, key string) context.Context {
	return context.WithValue(ctx, deliveryKey{}, key)
}

// DeliveryKey returns the identity of the message a Chat is asked to send,
// or "" when the caller gave none. The Dispatcher gives every message a key
// that stays the same each time it tries that message again, also after a
// restart, and differs between messages, even identical ones. A platform
// that can recognise a repeated request (Mattermost's pending post ID, say)
// uses it, so a message whose delivery was cut short by a crash is not
// shown twice.
func DeliveryKey(ctx context.Context) string {
	k, _ := ctx.Value(deliveryKey{}).(string)
	return k
}
