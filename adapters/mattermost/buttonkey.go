package mattermost

import (
	"context"
	"crypto/rand"
	"encoding/base64"

	"github.com/mattermost/mattermost/server/public/model"
)

// A post's buttons are signed before the post exists, so before it has an
// ID to bind them to. Instead each post with buttons gets a button key: a
// random value, kept as a property of the post (buttonKeyProp) and named in
// every button's signed context. A click counts only on the post that holds
// its button's key, in the channel its button was signed for; a click sent
// again with another post named in it is refused. An update of the post
// keeps its key, so a button clicked just before the update arrived still
// counts.

// buttonKeyProp is the post property that holds the post's button key.
// Only the bot (and administrators) can change the properties of the bot's
// posts.
const buttonKeyProp = "meldbot_buttons"

// newButtonKey returns a fresh button key.
func newButtonKey() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b) // never fails (crypto/rand)
	return base64.RawURLEncoding.EncodeToString(b)
}

// postInfo is what the adapter knows of a post the bot made.
type postInfo struct {
	channel string
	key     string // its button key; empty for a post of an earlier version
}

func infoOf(p *model.Post) postInfo {
	key, _ := p.GetProp(buttonKeyProp).(string)
	return postInfo{channel: p.ChannelId, key: key}
}

// postOf returns the channel and button key of a post the bot made,
// fetching it when the adapter does not know it.
func (a *Adapter) postOf(ctx context.Context, postID string) (postInfo, error) {
	if info, ok := a.posts.get(postID); ok {
		return info, nil
	}
	p, _, err := a.api.GetPost(ctx, postID, "")
	if err != nil {
		return postInfo{}, err
	}
	info := infoOf(p)
	a.posts.put(postID, info)
	return info, nil
}
