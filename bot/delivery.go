package bot

import (
	"time"
)

// Delivery is what the outbox tells a Chat about the message it asks it to
// send or update. A platform that can recognise a repeated request or find its own
// messages uses it, so a message whose delivery was cut short by a crash is
// not shown twice.
type Delivery struct {
	// Key identifies the message: the same each time the Dispatcher tries
	// it again, also after a restart, and different between messages,
	// even identical ones.
	Key string
	// Queued is when the message was put in the outbox.
	Queued time.Time
	// Again is set when an earlier attempt may have reached the platform:
	// it failed without a clear answer, or meldbot stopped before it could
	// record the outcome. A Chat that can look for a message it posted
	// with Key since Queued returns that one instead of posting a second.
	Again bool
}
