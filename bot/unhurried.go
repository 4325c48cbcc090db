package bot

import "context"

// unhurriedKey marks a context as that of an unhurried change.
type unhurriedKey struct{}

// Unhurried returns a context for a change of the store that nobody is
// waiting on — the follow-up of a report already acknowledged, the record
// of a message already delivered. A store
// may commit the changes somebody waits for first, and hold an unhurried
// one back a little (storage holds it up to a second) while they come.
func Unhurried(ctx context.Context) context.Context {
	return context.WithValue(ctx, unhurriedKey{}, true)
}

// IsUnhurried reports whether ctx is that of an unhurried change
// (Unhurried).
func IsUnhurried(ctx context.Context) bool {
	v, _ := ctx.Value(unhurriedKey{}).(bool)
	return v
}
