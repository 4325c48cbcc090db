package e2e

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/rs/zerolog"

	"meldbot/adapters/mattermost"
	"meldbot/bot"
	"meldbot/bot/bottest"
)

// TestAMessagePostedBeforeACrashShowsOnce sends, through the adapter, a
// message the outbox marks as possibly posted already (meldbot stopped
// between posting it and recording so). Tom sees it once: a repeat within
// seconds gets the first post back, and a post an earlier run made longer
// ago than Mattermost remembers pending post IDs is found in the channel
// by the key in its properties.
func TestAMessagePostedBeforeACrashShowsOnce(t *testing.T) {
	w := need(t)
	ctx := context.Background()
	meldbotBot := w.s.bots["meldbot"]
	a, err := mattermost.New(mattermost.Config{URL: w.mm.url, Token: meldbotBot.token, Teams: []string{w.s.team.Name},
		Listen: "127.0.0.1:0", CallbackURL: w.callbackURL(), Secret: []byte(w.secret),
		Marks: bot.BookmarksIn(bottest.NewMemStore()), Log: zerolog.New(zerolog.NewTestWriter(t))})
	if err != nil {
		t.Fatal(err)
	}
	start := w.d.position()
	run := strconv.FormatInt(time.Now().UnixNano(), 36)
	queued := time.Now()

	first := bot.Delivery{Key: "1-" + run, Queued: queued}
	reminder := bot.Message{Text: "Herinnering: nazorggesprek " + run, Choices: []bot.Choice{{Label: "Gedaan", Value: "t:1:done"}}}
	ref, err := a.Send(ctx, tom, reminder, first)
	if err != nil {
		t.Fatal(err)
	}
	first.Again = true
	if again, err := a.Send(ctx, tom, reminder, first); err != nil || again != ref {
		t.Errorf("the repeat gave %q, %v; want the first post %q", again, err, ref)
	}

	// A post an earlier run made, minutes ago: made here directly, with
	// the key meldbot puts in a post's properties and no pending ID.
	botClient := model.NewAPIv4Client(w.mm.url)
	botClient.SetToken(meldbotBot.token)
	ch, _, err := botClient.CreateDirectChannel(ctx, meldbotBot.user.Id, w.s.people[tom].mm.Id)
	if err != nil {
		t.Fatal(err)
	}
	second := bot.Delivery{Key: "2-" + run, Queued: queued, Again: true}
	earlier := &model.Post{ChannelId: ch.Id, Message: "Tweede herinnering " + run}
	earlier.AddProp("meldbot_delivery", second.Key)
	made, _, err := botClient.CreatePost(ctx, earlier)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := a.Send(ctx, tom, bot.Message{Text: "Tweede herinnering " + run}, second); err != nil || string(got) != made.Id {
		t.Errorf("the message posted by an earlier run gave %q, %v; want its post %q", got, err, made.Id)
	}

	// What Tom saw: each message once.
	third := bot.Delivery{Key: "3-" + run, Queued: time.Now(), Again: true}
	if _, err := a.Send(ctx, tom, bot.Message{Text: "Derde bericht " + run}, third); err != nil {
		t.Fatal(err)
	}
	if _, err := w.d.awaitFrom(meldbotBot.user.Id, tom, "Derde bericht "+run, 20*time.Second); err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{}
	for _, dl := range w.d.since(start) {
		if dl.To == tom && !dl.Update && strings.Contains(dl.Text, run) {
			seen[strings.TrimSuffix(dl.Text, " "+run)]++
		}
	}
	for _, text := range []string{"Herinnering: nazorggesprek", "Tweede herinnering", "Derde bericht"} {
		if seen[text] != 1 {
			t.Errorf("Tom saw %q %d times, want once (all: %v)", text, seen[text], seen)
		}
	}
}
