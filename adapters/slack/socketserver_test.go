package slack

import (
	"encoding/json"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// socketServer plays Slack's side of Socket Mode, as slack-go's own tests
// do: on each connection it sends hello and pings, writes the envelopes a
// test gives it and reads the client's acknowledgements.
type socketServer struct {
	// hello is the first message on each connection; empty means the
	// usual one, of a single connection.
	hello string

	mu    sync.Mutex
	conn  *websocket.Conn // the latest connection
	wmu   sync.Mutex      // one writer at a time on conn
	conns int
	acks  map[string]json.RawMessage // envelope ID → acknowledged payload
}

func newSocketServer() *socketServer { return &socketServer{acks: map[string]json.RawMessage{}} }

const hello = `{"type":"hello","num_connections":1,"debug_info":{"host":"applink-test","build_number":1,"approximate_connection_time":18060},"connection_info":{"app_id":"A0MELDBOT"}}`

// serve runs one websocket connection until the client leaves it.
func (s *socketServer) serve(c *websocket.Conn) {
	first := hello
	if s.hello != "" {
		first = s.hello
	}
	s.wmu.Lock()
	err := c.WriteMessage(websocket.TextMessage, []byte(first))
	s.wmu.Unlock()
	if err != nil {
		return
	}
	s.mu.Lock()
	s.conn = c
	s.conns++
	s.mu.Unlock()

	stop := make(chan struct{})
	defer close(stop)
	go func() { // Slack pings; a client that hears none reconnects
		tick := time.NewTicker(5 * time.Second)
		defer tick.Stop()
		for {
			if c.WriteControl(websocket.PingMessage, []byte("ping"), time.Now().Add(time.Second)) != nil {
				return
			}
			select {
			case <-stop:
				return
			case <-tick.C:
			}
		}
	}()
	for {
		_, data, err := c.ReadMessage()
		if err != nil {
			return
		}
		var ack struct {
			EnvelopeID string          `json:"envelope_id"`
			Payload    json.RawMessage `json:"payload"`
		}
		if json.Unmarshal(data, &ack) == nil && ack.EnvelopeID != "" {
			s.mu.Lock()
			s.acks[ack.EnvelopeID] = ack.Payload
			s.mu.Unlock()
		}
	}
}

// connected waits until the client has opened n connections.
func (s *socketServer) connected(t *testing.T, n int) {
	t.Helper()
	if err := eventually(func() bool { s.mu.Lock(); defer s.mu.Unlock(); return s.conns >= n }); err != nil {
		t.Fatalf("the client did not open connection %d", n)
	}
}

// send writes an envelope on the latest connection.
func (s *socketServer) send(t *testing.T, envelope any) {
	t.Helper()
	s.connected(t, 1)
	data, err := json.Marshal(envelope)
	if err != nil {
		t.Fatal(err)
	}
	s.mu.Lock()
	c := s.conn
	s.mu.Unlock()
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if err := c.WriteMessage(websocket.TextMessage, data); err != nil {
		t.Fatalf("sending an envelope: %v", err)
	}
}

// acked returns the payload of an envelope's acknowledgement, once it came.
func (s *socketServer) acked(t *testing.T, envelopeID string) json.RawMessage {
	t.Helper()
	var p json.RawMessage
	err := eventually(func() bool {
		s.mu.Lock()
		defer s.mu.Unlock()
		var ok bool
		p, ok = s.acks[envelopeID]
		return ok
	})
	if err != nil {
		t.Fatalf("envelope %s was not acknowledged", envelopeID)
	}
	return p
}

// Envelopes as Slack sends them.

func slashEnvelope(envelopeID, userID, text string) map[string]any {
	return map[string]any{
		"envelope_id": envelopeID, "type": "slash_commands", "accepts_response_payload": true,
		"payload": map[string]any{
			"token": "verification-token", "team_id": "T0VBR", "team_domain": "voorbeeldrode",
			"channel_id": "C0ALGEMEEN", "channel_name": "algemeen", "user_id": userID, "user_name": "someone",
			"command": "/incident", "text": text, "api_app_id": "A0MELDBOT", "is_enterprise_install": "false",
			"response_url": "https://hooks.slack.com/commands/T0VBR/1/abc", "trigger_id": newTriggerID(),
		},
	}
}

// messageEvent is the message event inside an events_api envelope.
type messageEvent struct {
	User, Channel, ChannelType, Text, Subtype, BotID string
	TS                                               string // default: a new one
}

// eventTS numbers the messages of events given no ts.
var eventTS atomic.Int64

func eventsEnvelope(envelopeID, eventID string, retry int, m messageEvent) map[string]any {
	ts := m.TS
	if ts == "" {
		ts = fmt.Sprintf("1764252001.%06d", eventTS.Add(1))
	}
	ev := map[string]any{"type": "message", "channel": m.Channel, "channel_type": m.ChannelType, "text": m.Text,
		"ts": ts, "event_ts": ts}
	if m.User != "" {
		ev["user"] = m.User
	}
	if m.Subtype != "" {
		ev["subtype"] = m.Subtype
	}
	if m.BotID != "" {
		ev["bot_id"] = m.BotID
	}
	env := map[string]any{
		"envelope_id": envelopeID, "type": "events_api", "accepts_response_payload": false,
		"retry_attempt": retry, "retry_reason": "",
		"payload": map[string]any{
			"token": "verification-token", "team_id": "T0VBR", "api_app_id": "A0MELDBOT", "type": "event_callback",
			"event_id": eventID, "event_time": 1764252000, "event": ev,
		},
	}
	if retry > 0 {
		env["retry_reason"] = "timeout"
	}
	return env
}

// triggers numbers the trigger IDs of commands and clicks: Slack gives each
// one of its own.
var triggers atomic.Int64

func newTriggerID() string {
	n := triggers.Add(1)
	return fmt.Sprintf("%d.47445629121.%032x", 398738663015+n, n)
}

func clickEnvelope(envelopeID, userID string, m message, b shownButton) map[string]any {
	return map[string]any{
		"envelope_id": envelopeID, "type": "interactive", "accepts_response_payload": false,
		"payload": map[string]any{
			"type": "block_actions", "user": map[string]any{"id": userID, "team_id": "T0VBR"},
			"api_app_id": "A0MELDBOT", "token": "verification-token", "trigger_id": newTriggerID(),
			"team":         map[string]any{"id": "T0VBR", "domain": "voorbeeldrode"},
			"container":    map[string]any{"type": "message", "message_ts": m.TS, "channel_id": m.Channel, "is_ephemeral": false},
			"channel":      map[string]any{"id": m.Channel, "name": "directmessage"},
			"message":      map[string]any{"type": "message", "ts": m.TS, "text": m.Text, "user": botUserID},
			"response_url": "https://hooks.slack.com/actions/T0VBR/1/abc",
			"actions": []map[string]any{{
				"type": "button", "action_id": b.ActionID, "block_id": b.BlockID, "value": b.Value,
				"text": map[string]any{"type": "plain_text", "text": b.Label, "emoji": true}, "action_ts": "1764252001.000000",
			}},
		},
	}
}

// The identities the bot is given for the command, click or message in an
// envelope.

func commandID(env map[string]any) string {
	return "slack/T0VBR/command/" + env["payload"].(map[string]any)["trigger_id"].(string)
}

func clickID(env map[string]any) string {
	p := env["payload"].(map[string]any)
	return "slack/T0VBR/click/" + p["trigger_id"].(string) + "/" + p["actions"].([]map[string]any)[0]["action_ts"].(string)
}

func messageID(env map[string]any) string {
	ev := env["payload"].(map[string]any)["event"].(map[string]any)
	return "slack/T0VBR/msg/" + ev["channel"].(string) + "/" + ev["ts"].(string)
}
