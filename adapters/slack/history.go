package slack

import (
	"context"

	"github.com/slack-go/slack"
)

// historyPage is how many messages one conversations.history call asks for.
const historyPage = 100

// history reads a conversation's messages after params.Oldest, newest first,
// a page at a time with rate limits waited out, and calls yield with each
// until it returns false or maxPages pages were read. complete reports
// whether it read to the end.
func (a *Adapter) history(ctx context.Context, params slack.GetConversationHistoryParameters, maxPages int, yield func(slack.Message) bool) (complete bool, err error) {
	params.Limit = historyPage
	for range maxPages {
		var page *slack.GetConversationHistoryResponse
		err := a.retry(ctx, "conversations.history", func() (err error) {
			page, err = a.api.GetConversationHistoryContext(ctx, &params)
			return err
		})
		if err != nil {
			return false, err
		}
		for _, m := range page.Messages {
			if !yield(m) {
				return false, nil
			}
		}
		if !page.HasMore || page.ResponseMetaData.NextCursor == "" {
			return true, nil
		}
		params.Cursor = page.ResponseMetaData.NextCursor
	}
	return false, nil
}
