package slack

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/slack-go/slack"
)

// webAPI is the part of slack-go's Web API client the adapter uses.
type webAPI interface {
	AuthTestContext(ctx context.Context) (*slack.AuthTestResponse, error)
	GetUserInfoContext(ctx context.Context, user string, options ...slack.GetUserInfoOption) (*slack.User, error)
	GetUserByEmailContext(ctx context.Context, email string) (*slack.User, error)
	OpenConversationContext(ctx context.Context, params *slack.OpenConversationParameters) (*slack.Channel, bool, bool, error)
	GetConversationHistoryContext(ctx context.Context, params *slack.GetConversationHistoryParameters) (*slack.GetConversationHistoryResponse, error)
	PostMessageContext(ctx context.Context, channelID string, options ...slack.MsgOption) (string, string, error)
	UpdateMessageContext(ctx context.Context, channelID, timestamp string, options ...slack.MsgOption) (string, string, string, error)
	UploadFileContext(ctx context.Context, params slack.UploadFileParameters) (*slack.FileSummary, error)
}

var _ webAPI = (*slack.Client)(nil)

// maxRateLimitWaits is how often one call waits out a rate limit before it
// gives up and returns the error; the outbox then retries it later, so a
// message is delayed, never dropped.
const maxRateLimitWaits = 5

// retry calls f, and when Slack answers that the app is rate limited, waits
// the time Slack asks for (respecting ctx) and calls f again.
func (a *Adapter) retry(ctx context.Context, method string, f func() error) error {
	for waits := 0; ; waits++ {
		err := f()
		var limited *slack.RateLimitedError
		if !errors.As(err, &limited) {
			return err
		}
		if !mayWait(ctx) {
			return fmt.Errorf("%s: rate limited, not waiting: %w", method, err)
		}
		if waits == maxRateLimitWaits {
			return fmt.Errorf("%s: still rate limited after %d waits: %w", method, waits, err)
		}
		wait := max(limited.RetryAfter, time.Second)
		a.log.Warn().Str("method", method).Dur("retry_after", wait).Msg("slack: rate limited, waiting")
		if err := a.sleep(ctx, wait); err != nil {
			return fmt.Errorf("%s: waiting out a rate limit: %w", method, err)
		}
	}
}

// sleep waits for d or until ctx is done.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// noWaiting is the context key that tells retry not to wait out a rate
// limit.
type noWaiting struct{}

// withoutWaiting returns a context in which a rate-limited call returns its
// error at once instead of waiting: for work a person is waiting for.
func withoutWaiting(ctx context.Context) context.Context {
	return context.WithValue(ctx, noWaiting{}, true)
}

// mayWait reports whether calls under ctx may wait out a rate limit.
func mayWait(ctx context.Context) bool { return ctx.Value(noWaiting{}) == nil }
