package slack

import (
	"bytes"
	"context"
	"errors"
	"fmt"

	"github.com/slack-go/slack"

	"meldbot/bot"
)

// Send delivers m as a direct message from the bot to the Slack user with
// e-mail address to, and returns a reference "channel/ts" to it. An image
// or file is uploaded into the same conversation after the text. Posts are paced
// per conversation and rate limits are waited out; any other failure is
// returned, for the outbox to retry. When Slack refuses the person for good
// (no account with the address, a deactivated account, a conversation that
// cannot be opened or is gone), the error wraps bot.ErrUndeliverable, and
// the person and conversation are looked up afresh on the next try.
func (a *Adapter) Send(ctx context.Context, to bot.Email, m bot.Message, d bot.Delivery) (bot.Ref, error) {
	uid, err := a.userID(ctx, string(to))
	if err != nil {
		return "", err
	}
	r, err := a.sendTo(ctx, uid, m, d)
	if errors.Is(err, bot.ErrUndeliverable) {
		a.ids.forget(string(to))
		a.dms.forget(uid)
	}
	return r, err
}

// sendTo delivers m in the direct conversation with a Slack user.
func (a *Adapter) sendTo(ctx context.Context, uid string, m bot.Message, d bot.Delivery) (bot.Ref, error) {
	channel, err := a.dm(ctx, uid)
	if err != nil {
		return "", err
	}
	files := m.Attachments()
	if len(files) == 0 {
		return a.post(ctx, channel, m, d)
	}
	// The text, and some files, may have gone out in an earlier attempt
	// whose next upload failed: they are not sent twice.
	key := uploadKey(d, channel, m)
	sent, posted := a.pending.get(key, a.now())
	if !posted && (m.Text != "" || len(m.Choices) > 0) {
		if sent.ref, err = a.post(ctx, channel, m, d); err != nil {
			return "", err
		}
	}
	for ; sent.files < len(files); sent.files++ {
		if err := a.upload(ctx, channel, files[sent.files]); err != nil {
			a.pending.set(key, sent, a.now())
			return "", err
		}
	}
	a.pending.done(key)
	return sent.ref, nil
}

// post sends text and buttons to a channel, marked with the message's
// delivery key; a message an earlier attempt posted is not posted again.
func (a *Adapter) post(ctx context.Context, channel string, m bot.Message, d bot.Delivery) (bot.Ref, error) {
	text, blocks := render(m)
	if text == "" {
		return "", errors.New("slack: refusing to post an empty message")
	}
	if r, ok := a.sentBefore(ctx, channel, d); ok {
		return r, nil
	}
	if err := a.paced(ctx, channel); err != nil {
		return "", err
	}
	opts := append([]slack.MsgOption{slack.MsgOptionText(text, false), slack.MsgOptionBlocks(blocks...)}, deliveryMetadata(d)...)
	var ts string
	err := a.retry(ctx, "chat.postMessage", func() (err error) {
		_, ts, err = a.api.PostMessageContext(ctx, channel, opts...)
		return err
	})
	if err != nil {
		return "", fmt.Errorf("slack: posting to %s: %w", channel, classify(err, conversationRefusals))
	}
	return ref(channel, ts), nil
}

// paced waits until a post to channel keeps within Slack's limit.
func (a *Adapter) paced(ctx context.Context, channel string) error {
	wait := a.pace.reserve(channel, a.now())
	if wait <= 0 {
		return nil
	}
	a.log.Debug().Str("channel", channel).Dur("wait", wait).Msg("slack: pacing posts")
	if err := a.sleep(ctx, wait); err != nil {
		return fmt.Errorf("slack: pacing posts to %s: %w", channel, err)
	}
	return nil
}

// upload puts a file into a conversation (files.getUploadURLExternal, the
// upload itself, files.completeUploadExternal).
func (a *Adapter) upload(ctx context.Context, channel string, f bot.File) error {
	if len(f.Data) == 0 {
		return errors.New("slack: refusing to upload an empty file")
	}
	name := f.Name
	if name == "" {
		name = "meldbot"
	}
	if err := a.paced(ctx, channel); err != nil {
		return err
	}
	err := a.retry(ctx, "files.uploadV2", func() error {
		_, err := a.api.UploadFileContext(ctx, slack.UploadFileParameters{
			Reader:   bytes.NewReader(f.Data),
			FileSize: len(f.Data),
			Filename: name,
			Title:    name,
			Channel:  channel,
		})
		return err
	})
	if err != nil {
		return fmt.Errorf("slack: uploading %s to %s: %w", name, channel, err)
	}
	return nil
}

// Update replaces the text and buttons of a message sent earlier; a message
// without choices loses its buttons. Images and files are not changed. When
// the conversation is gone or archived, the error wraps
// bot.ErrUndeliverable.
func (a *Adapter) Update(ctx context.Context, r bot.Ref, m bot.Message, _ bot.Delivery) error {
	channel, ts, ok := splitRef(r)
	if !ok {
		return fmt.Errorf("slack: %q is not a message reference", r)
	}
	text, blocks := render(m)
	if text == "" {
		return errors.New("slack: refusing to empty a message")
	}
	err := a.retry(ctx, "chat.update", func() error {
		_, _, _, err := a.api.UpdateMessageContext(ctx, channel, ts, slack.MsgOptionText(text, false), slack.MsgOptionBlocks(blocks...))
		return err
	})
	if err != nil {
		return fmt.Errorf("slack: updating %s: %w", r, classify(err, conversationRefusals))
	}
	return nil
}
