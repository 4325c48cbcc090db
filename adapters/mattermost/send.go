package mattermost

import (
	"context"
	"errors"
	"fmt"
	"path"
	"strings"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"meldbot/bot"
)

// Send posts m in the direct-message channel between the bot and the person
// with e-mail address to, and returns the post's ID. Any failure is returned,
// so the outbox tries again later. When Mattermost refuses the person for
// good (nobody has the address, the account is deactivated, the bot may not
// see or message them), the error wraps bot.ErrUndeliverable, and the
// person and the channel are looked up afresh on the next try. A repeat of
// a message with the same bot.Delivery key returns the first post instead of
// making a second one: within 30 seconds by Mattermost's pending post ID,
// later because meldbot looks for it (sentBefore).
func (a *Adapter) Send(ctx context.Context, to bot.Email, m bot.Message, d bot.Delivery) (bot.Ref, error) {
	me, err := a.self(ctx)
	if err != nil {
		return "", err
	}
	var ref bot.Ref
	p, err := a.userByEmail(ctx, string(to))
	if err == nil {
		ref, err = a.sendTo(ctx, me, p, m, d)
	}
	if errors.Is(err, bot.ErrUndeliverable) && p.id != "" {
		// The account may be reactivated, or the address given to
		// someone else: look both up afresh next time.
		a.byEmail.forget(string(to))
		a.byEmail.forget(string(p.user.Email))
		a.dms.forget(p.id)
	}
	if err != nil {
		return "", fmt.Errorf("mattermost: sending to %s: %w", to, err)
	}
	return ref, nil
}

// sendTo posts m in the direct-message channel between the bot and p.
func (a *Adapter) sendTo(ctx context.Context, me, p person, m bot.Message, d bot.Delivery) (bot.Ref, error) {
	ch, err := a.directChannel(ctx, p.id)
	if err != nil {
		return "", err
	}
	if ref, ok := a.sentBefore(ctx, ch, me.id, d); ok {
		return ref, nil
	}
	post := &model.Post{ChannelId: ch, Message: markdown(m.Text), PendingPostId: pendingID(d, me.id)}
	key := newButtonKey()
	props := a.props(ch, p.id, key, m)
	if d.Key != "" {
		props[deliveryProp] = d.Key
	}
	post.SetProps(props)
	if post.FileIds, err = a.uploadAll(ctx, ch, m); err != nil {
		return "", err
	}
	created, resp, err := a.api.CreatePost(ctx, post)
	if err != nil {
		if forbidden(resp, err) {
			// The channel may be gone: open it afresh next time.
			a.dms.forget(p.id)
		}
		if a.refused(ctx, p.id, resp, err) {
			err = undeliverable(err)
		}
		return "", fmt.Errorf("posting in %s: %w", ch, err)
	}
	// A repeat within 30 seconds returns the first post, with its key.
	if info := infoOf(created); info.key != "" {
		key = info.key
	}
	a.posts.put(created.Id, postInfo{channel: ch, key: key})
	return bot.Ref(created.Id), nil
}

// deliveryProp is the post property that holds the bot.Delivery key, by
// which sentBefore finds a post made by an attempt whose outcome was lost.
const deliveryProp = "meldbot_delivery"

// lookBack is how long before a message was queued its post is looked for:
// meldbot's clock and the server's may differ a little.
const lookBack = 5 * time.Minute

// sentBefore finds the post an earlier attempt at this message made, when
// the dispatcher says one may have (bot.Delivery.Again): meldbot stopped
// between posting and recording it, longer ago than Mattermost remembers
// pending post IDs. A failed lookup is logged and the message posted: twice
// is better than never.
func (a *Adapter) sentBefore(ctx context.Context, ch, botID string, dl bot.Delivery) (bot.Ref, bool) {
	if !dl.Again || dl.Key == "" {
		return "", false
	}
	list, _, err := a.api.GetPostsSince(ctx, ch, dl.Queued.Add(-lookBack).UnixMilli(), false)
	if err != nil {
		a.log.Warn().Err(err).Str("channel", ch).Str("delivery", dl.Key).Msg("mattermost: could not check whether a message was posted before; posting it")
		return "", false
	}
	for _, p := range list.Posts {
		if p.UserId == botID && p.DeleteAt == 0 && p.GetProp(deliveryProp) == dl.Key {
			a.posts.put(p.Id, infoOf(p))
			return bot.Ref(p.Id), true
		}
	}
	return "", false
}

// pendingID is the post's pending ID, by which Mattermost recognises a
// repeated request for 30 seconds and answers it with the post it already
// made: a message the outbox sends again after a crash then shows once.
func pendingID(d bot.Delivery, botID string) string {
	key := d.Key
	if key == "" {
		return ""
	}
	return botID + ":meldbot-" + key
}

// Update rebuilds an earlier post from m: its text, its buttons (none when m
// has no choices) and its image. It never reuses what Mattermost returns for
// the post, which lacks the buttons' callbacks. The post keeps its button
// key (a post of an earlier version gets one). When the direct channel is
// archived, or closed to the bot because direct messages are restricted to
// team members, the error wraps bot.ErrUndeliverable.
func (a *Adapter) Update(ctx context.Context, ref bot.Ref, m bot.Message, d bot.Delivery) error {
	id := string(ref)
	info, err := a.postOf(ctx, id)
	if err != nil {
		return fmt.Errorf("mattermost: updating post %s: %w", id, err)
	}
	ch := info.channel
	to, err := a.dmPartner(ctx, ch)
	if err != nil {
		return fmt.Errorf("mattermost: updating post %s: %w", id, err)
	}
	if info.key == "" {
		info.key = newButtonKey()
	}
	msg := markdown(m.Text)
	props := a.props(ch, to, info.key, m)
	props[model.PostPropsFromBot] = "true" // a patch replaces all properties
	files, err := a.uploadAll(ctx, ch, m)
	if err != nil {
		return fmt.Errorf("mattermost: updating post %s: %w", id, err)
	}
	if _, _, err := a.api.PatchPost(ctx, id, &model.PostPatch{Message: &msg, Props: &props, FileIds: &files}); err != nil {
		if refusalIDs[errorID(err)] {
			err = undeliverable(err)
		}
		return fmt.Errorf("mattermost: updating post %s: %w", id, err)
	}
	a.posts.put(id, info)
	return nil
}

// uploadAll stores a message's image and file in channel and returns the
// file IDs to attach to its post.
func (a *Adapter) uploadAll(ctx context.Context, channelID string, m bot.Message) (model.StringArray, error) {
	ids := model.StringArray{}
	for _, f := range m.Attachments() {
		id, err := a.upload(ctx, channelID, f)
		if err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// upload stores a file in channel and returns its file ID.
func (a *Adapter) upload(ctx context.Context, channelID string, f bot.File) (string, error) {
	name := path.Base(strings.TrimSpace(f.Name))
	if name == "" || name == "." || name == "/" {
		name = "meldbot"
	}
	if f.ContentType == "image/png" && !strings.HasSuffix(strings.ToLower(name), ".png") {
		name += ".png"
	}
	res, _, err := a.api.UploadFile(ctx, f.Data, channelID, name)
	if err != nil {
		return "", fmt.Errorf("uploading %s: %w", name, err)
	}
	if len(res.FileInfos) == 0 {
		return "", fmt.Errorf("uploading %s: Mattermost stored no file", name)
	}
	return res.FileInfos[0].Id, nil
}
