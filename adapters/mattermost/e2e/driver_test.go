package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"meldbot/bot"
	"meldbot/bot/bottest"
)

// driver acts as people in Mattermost through its API and watches, on each
// person's own websocket, what bots post to them. It implements
// bottest.Driver, so the shared conversation scripts run against the real
// server.
type driver struct {
	s       *seeded
	botID   string // the bot whose posts count as deliveries (meldbot)
	timeout time.Duration

	mu      sync.Mutex
	changed chan struct{} // closed and replaced on every new delivery
	log     []delivery
	mark    int                    // deliveries before the latest Type or Click
	buttons map[string]*model.Post // per person: the latest post with buttons
	acks    map[string]string      // per person: the latest slash-command response
	sockets []*model.WebSocketClient
}

// delivery is a bot's post or post update as a person saw it arrive.
type delivery struct {
	bottest.Delivery
	from string
	post *model.Post
	at   time.Time
}

var _ bottest.Driver = (*driver)(nil)

// newDriver connects a websocket for every seeded person.
func newDriver(ctx context.Context, url string, s *seeded, botID string) (*driver, error) {
	d := &driver{s: s, botID: botID, timeout: 20 * time.Second, changed: make(chan struct{}),
		buttons: map[string]*model.Post{}, acks: map[string]string{}}
	if err := d.connect(url); err != nil {
		d.close()
		return nil, err
	}
	return d, nil
}

// connect opens a websocket for every seeded person; after the server
// restarted, it replaces the connections that were lost.
func (d *driver) connect(url string) error {
	wsURL := "ws" + strings.TrimPrefix(url, "http")
	for email, a := range d.s.people {
		ws, err := model.NewWebSocketClient4(wsURL, a.client.AuthToken)
		if err != nil {
			return fmt.Errorf("websocket for %s: %w", email, err)
		}
		d.mu.Lock()
		d.sockets = append(d.sockets, ws)
		d.mu.Unlock()
		ws.Listen()
		hello := make(chan struct{})
		go d.watch(email, ws, hello)
		select {
		case <-hello:
		case <-time.After(15 * time.Second):
			return fmt.Errorf("no hello on the websocket of %s", email)
		}
	}
	return nil
}

func (d *driver) close() {
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, ws := range d.sockets {
		ws.Close()
	}
}

// watch records the posts and post updates bots make in a person's direct
// channels, draining every channel of the connection.
func (d *driver) watch(email string, ws *model.WebSocketClient, hello chan struct{}) {
	events, responses := ws.EventChannel, ws.ResponseChannel
	for events != nil {
		select {
		case ev, ok := <-events:
			if !ok {
				events = nil
				continue
			}
			at := time.Now()
			switch ev.EventType() {
			case model.WebsocketEventHello:
				close(hello)
			case model.WebsocketEventPosted, model.WebsocketEventPostEdited:
				var p model.Post
				raw, _ := ev.GetData()["post"].(string)
				if json.Unmarshal([]byte(raw), &p) != nil || p.GetProp(model.PostPropsFromBot) == nil {
					continue
				}
				d.record(email, &p, ev.EventType() == model.WebsocketEventPostEdited, at)
			}
		case _, ok := <-responses:
			if !ok {
				responses = nil
			}
		case <-ws.PingTimeoutChannel:
		}
	}
}

func (d *driver) record(email string, p *model.Post, update bool, at time.Time) {
	var labels []string
	for _, att := range p.Attachments() {
		for _, act := range att.Actions {
			labels = append(labels, act.Name)
		}
	}
	dl := delivery{Delivery: bottest.Delivery{To: bot.Email(email), Text: portable(p.Message), Choices: labels, Update: update},
		from: p.UserId, post: p, at: at}
	d.mu.Lock()
	defer d.mu.Unlock()
	d.log = append(d.log, dl)
	if p.UserId == d.botID {
		cur := d.buttons[email]
		switch {
		case !update && len(labels) > 0:
			d.buttons[email] = p
		case !update:
			delete(d.buttons, email)
		case cur != nil && cur.Id == p.Id && len(labels) == 0:
			delete(d.buttons, email)
		case cur != nil && cur.Id == p.Id:
			d.buttons[email] = p
		}
	}
	close(d.changed)
	d.changed = make(chan struct{})
}

// portable turns Mattermost Markdown back into the bot's own markup, so
// scripts written for every platform match: **bold** is *emphasis*, and a
// list item is a line starting with "• ".
func portable(md string) string {
	lines := strings.Split(md, "\n")
	for i, l := range lines {
		if rest, ok := strings.CutPrefix(l, "- "); ok {
			l = "• " + rest
		}
		lines[i] = strings.ReplaceAll(l, "**", "*")
	}
	return strings.Join(lines, "\n")
}

func (d *driver) account(who bot.User) (*account, error) {
	a, ok := d.s.people[string(who.Email)]
	if !ok {
		return nil, fmt.Errorf("%s has no Mattermost account in this test", who.Email)
	}
	return a, nil
}

// setMark makes Await look only at what arrives from now on.
func (d *driver) setMark() {
	d.mu.Lock()
	d.mark = len(d.log)
	d.mu.Unlock()
}

// Type posts text in the person's direct channel with the bot, or runs
// "/incident …" as a slash command in the team's Town Square.
func (d *driver) Type(who bot.User, text string) error {
	a, err := d.account(who)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), d.timeout)
	defer cancel()
	d.setMark()
	if _, ok := bottest.CutCommand(text); ok {
		resp, _, err := a.client.ExecuteCommandWithTeam(ctx, d.s.townSquare, d.s.team.Id, text)
		if err != nil {
			return fmt.Errorf("%s runs %q: %w", who.Email, text, err)
		}
		d.mu.Lock()
		d.acks[string(a.user.Email)] = resp.Text
		d.mu.Unlock()
		return nil
	}
	if _, _, err := a.client.CreatePost(ctx, &model.Post{ChannelId: a.dms[d.botID], Message: text}); err != nil {
		return fmt.Errorf("%s posts %q: %w", who.Email, text, err)
	}
	return nil
}

// Click clicks, through Mattermost, the button labelled label on the latest
// post with buttons the bot sent the person.
func (d *driver) Click(who bot.User, label string) error {
	a, err := d.account(who)
	if err != nil {
		return err
	}
	d.mu.Lock()
	p := d.buttons[string(a.user.Email)]
	d.mu.Unlock()
	if p == nil {
		return fmt.Errorf("%s has no post with buttons", who.Email)
	}
	var names []string
	for _, att := range p.Attachments() {
		for _, act := range att.Actions {
			names = append(names, act.Name)
			if strings.EqualFold(strings.TrimPrefix(act.Name, "✓ "), label) {
				ctx, cancel := context.WithTimeout(context.Background(), d.timeout)
				defer cancel()
				d.setMark()
				if _, err := a.client.DoPostAction(ctx, p.Id, act.Id); err != nil {
					return fmt.Errorf("%s clicks %q: %w", who.Email, label, err)
				}
				return nil
			}
		}
	}
	return fmt.Errorf("no button %q on the latest post to %s; buttons: %q", label, who.Email, names)
}

// Await waits until a post or update from the bot to the person, arrived
// after the latest Type or Click, contains want.
func (d *driver) Await(who bot.User, want string) (bottest.Delivery, error) {
	to := who.Email
	dl, err := d.awaitFrom(d.botID, string(to), want, d.timeout)
	return dl.Delivery, err
}

// awaitFrom waits for a delivery from bot user from to person to.
func (d *driver) awaitFrom(from, to, want string, timeout time.Duration) (delivery, error) {
	deadline := time.After(timeout)
	for {
		d.mu.Lock()
		for _, dl := range d.log[d.mark:] {
			if dl.from == from && dl.To == bot.Email(to) && dl.Contains(want) {
				d.mu.Unlock()
				return dl, nil
			}
		}
		changed := d.changed
		d.mu.Unlock()
		select {
		case <-changed:
		case <-deadline:
			return delivery{}, fmt.Errorf("no message to %s containing %q within %s; received:\n%s", to, want, timeout, d.received())
		}
	}
}

// received renders the deliveries since the mark, for failure messages.
func (d *driver) received() string {
	d.mu.Lock()
	defer d.mu.Unlock()
	var ds []bottest.Delivery
	for _, dl := range d.log[d.mark:] {
		ds = append(ds, dl.Delivery)
	}
	return bottest.FormatDeliveries(ds)
}

// since returns the deliveries from the bot after position n of the log.
func (d *driver) since(n int) []delivery {
	d.mu.Lock()
	defer d.mu.Unlock()
	var out []delivery
	for _, dl := range d.log[n:] {
		if dl.from == d.botID {
			out = append(out, dl)
		}
	}
	return out
}

// position is the current length of the log.
func (d *driver) position() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return len(d.log)
}

// ack returns the latest slash-command response shown to the person.
func (d *driver) ack(who bot.User) string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.acks[string(who.Email)]
}

// latestButtons returns the latest post with buttons to the person.
func (d *driver) latestButtons(who bot.User) *model.Post {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.buttons[string(who.Email)]
}

// postIn is a plain post in a channel.
func postIn(channelID, text string) *model.Post {
	return &model.Post{ChannelId: channelID, Message: text}
}
