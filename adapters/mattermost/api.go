package mattermost

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/gorilla/websocket"
	"github.com/mattermost/mattermost/server/public/model"
)

// api is the part of the Mattermost REST API the adapter uses. *model.Client4
// implements it; tests substitute a fake.
type api interface {
	GetMe(ctx context.Context, etag string) (*model.User, *model.Response, error)
	GetUser(ctx context.Context, userID, etag string) (*model.User, *model.Response, error)
	GetUserByEmail(ctx context.Context, email, etag string) (*model.User, *model.Response, error)
	GetUserByUsername(ctx context.Context, username, etag string) (*model.User, *model.Response, error)
	CreateDirectChannel(ctx context.Context, userID1, userID2 string) (*model.Channel, *model.Response, error)
	CreatePost(ctx context.Context, post *model.Post) (*model.Post, *model.Response, error)
	PatchPost(ctx context.Context, postID string, patch *model.PostPatch) (*model.Post, *model.Response, error)
	GetPost(ctx context.Context, postID, etag string) (*model.Post, *model.Response, error)
	GetChannel(ctx context.Context, channelID, etag string) (*model.Channel, *model.Response, error)
	GetPostsSince(ctx context.Context, channelID string, since int64, collapsedThreads bool) (*model.PostList, *model.Response, error)
	GetChannelsForUserWithLastDeleteAt(ctx context.Context, userID string, lastDeleteAt int) ([]*model.Channel, *model.Response, error)
	UploadFile(ctx context.Context, data []byte, channelID, filename string) (*model.FileUploadResponse, *model.Response, error)
	GetTeam(ctx context.Context, teamID, etag string) (*model.Team, *model.Response, error)
	GetTeamByName(ctx context.Context, name, etag string) (*model.Team, *model.Response, error)
	ListCommands(ctx context.Context, teamID string, customOnly bool) ([]*model.Command, *model.Response, error)
	CreateCommand(ctx context.Context, cmd *model.Command) (*model.Command, *model.Response, error)
	UpdateCommand(ctx context.Context, cmd *model.Command) (*model.Command, *model.Response, error)
	GetClientConfig(ctx context.Context, etag string) (map[string]string, *model.Response, error)
}

var _ api = (*model.Client4)(nil)

// socket is one websocket connection to Mattermost. Events is closed when
// the connection ends; Err then tells why.
type socket interface {
	Events() <-chan *model.WebSocketEvent
	Responses() <-chan *model.WebSocketResponse
	PingTimeouts() <-chan bool
	Err() error
	Close()
}

// dialer opens a websocket connection and starts reading from it.
type dialer func(ctx context.Context) (socket, error)

// wsSocket adapts *model.WebSocketClient to socket.
type wsSocket struct{ c *model.WebSocketClient }

func (s wsSocket) Events() <-chan *model.WebSocketEvent       { return s.c.EventChannel }
func (s wsSocket) Responses() <-chan *model.WebSocketResponse { return s.c.ResponseChannel }
func (s wsSocket) PingTimeouts() <-chan bool                  { return s.c.PingTimeoutChannel }
func (s wsSocket) Close()                                     { s.c.Close() }

func (s wsSocket) Err() error {
	if s.c.ListenError != nil {
		return s.c.ListenError
	}
	return nil
}

// websocketDialer returns a dialer for the server at wsURL (ws:// or wss://).
func websocketDialer(wsURL, token string) dialer {
	return func(ctx context.Context) (socket, error) {
		d := *websocket.DefaultDialer
		d.HandshakeTimeout = 15 * time.Second
		type result struct {
			c   *model.WebSocketClient
			err error
		}
		done := make(chan result, 1)
		go func() {
			c, err := model.NewWebSocketClient4WithDialer(&d, wsURL, token)
			done <- result{c, err}
		}()
		select {
		case r := <-done:
			if r.err != nil {
				return nil, fmt.Errorf("connecting the websocket to %s: %w", wsURL, r.err)
			}
			r.c.Listen()
			return wsSocket{r.c}, nil
		case <-ctx.Done():
			go func() {
				if r := <-done; r.c != nil {
					r.c.Close()
				}
			}()
			return nil, ctx.Err()
		}
	}
}

// statusOf returns the HTTP status of a failed API call, or 0 when the
// server was not reached.
func statusOf(resp *model.Response, err error) int {
	if resp != nil && resp.StatusCode != 0 {
		return resp.StatusCode
	}
	var appErr *model.AppError
	if errors.As(err, &appErr) {
		return appErr.StatusCode
	}
	return 0
}

// forbidden reports whether a failed API call was refused for lack of
// permission.
func forbidden(resp *model.Response, err error) bool {
	return statusOf(resp, err) == http.StatusForbidden
}

// notFound reports whether a failed API call found nothing.
func notFound(resp *model.Response, err error) bool {
	return statusOf(resp, err) == http.StatusNotFound
}
