package admin

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
)

// Contact is how to reach the admin listener of a running meldbot: its URL
// and the admin token. meldbot writes it next to its data file at start,
// readable by its own user only, and removes it when it stops; `meldbot
// backup` reads it from there, so whoever may read the data file may back
// it up, and nobody else.
type Contact struct {
	URL   string `json:"url"`
	Token string `json:"token"`
}

// ContactFile is where the contact of the meldbot running on a data file
// is kept.
func ContactFile(dataPath string) string { return dataPath + ".admin.json" }

// NewToken returns a fresh random admin token.
func NewToken() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// URLFor returns the URL at which a listener on addr is reached from the
// same machine: an address on all interfaces is reached on loopback.
func URLFor(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "http://" + addr
	}
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, port)
}

// Save writes the contact to path, readable by its owner only.
func (c Contact) Save(path string) error {
	data, err := json.Marshal(c)
	if err != nil {
		return err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, data, 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// ErrNotRunning is returned when no meldbot with an admin listener runs on
// the data file.
var ErrNotRunning = errors.New("no meldbot with an admin listener runs on this data file")

// LoadContact reads the contact written by the meldbot running on the data
// file dataPath.
func LoadContact(dataPath string) (Contact, error) {
	var c Contact
	data, err := os.ReadFile(ContactFile(dataPath))
	if errors.Is(err, os.ErrNotExist) {
		return c, fmt.Errorf("%w (%s does not exist: start meldbot with its admin listener on)", ErrNotRunning, ContactFile(dataPath))
	}
	if err != nil {
		return c, err
	}
	if err := json.Unmarshal(data, &c); err != nil || c.URL == "" {
		return c, fmt.Errorf("%s is not meldbot's admin contact: %v", ContactFile(dataPath), err)
	}
	return c, nil
}

// Client asks a running meldbot through its admin listener.
type Client struct {
	Contact Contact
	HTTP    *http.Client
}

func (c Client) do(ctx context.Context, method, path string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, method, strings.TrimRight(c.Contact.URL, "/")+path, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+c.Contact.Token)
	hc := c.HTTP
	if hc == nil {
		hc = &http.Client{}
	}
	resp, err := hc.Do(req)
	var op *net.OpError
	if errors.As(err, &op) && op.Op == "dial" {
		return nil, fmt.Errorf("%w (%s does not answer: %v)", ErrNotRunning, c.Contact.URL, op.Err)
	}
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		defer resp.Body.Close()
		body, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
		var e struct{ Error string }
		if json.Unmarshal(body, &e) == nil && e.Error != "" {
			body = []byte(e.Error)
		}
		return nil, fmt.Errorf("%s %s: %s: %s", method, path, resp.Status, strings.TrimSpace(string(body)))
	}
	return resp, nil
}

// report asks for a report with a POST to path.
func (c Client) report(ctx context.Context, path string) (Report, error) {
	var r Report
	resp, err := c.do(ctx, http.MethodPost, path)
	if err != nil {
		return r, err
	}
	defer resp.Body.Close()
	return r, json.NewDecoder(resp.Body).Decode(&r)
}

// Backup has the running meldbot write a backup into its backup directory
// and check it.
func (c Client) Backup(ctx context.Context) (Report, error) { return c.report(ctx, "/backup") }

// Check has the running meldbot check its data file.
func (c Client) Check(ctx context.Context) (Report, error) { return c.report(ctx, "/check") }

// Download writes a consistent copy of the running meldbot's data file to
// w and returns the bytes written.
func (c Client) Download(ctx context.Context, w io.Writer) (int64, error) {
	resp, err := c.do(ctx, http.MethodGet, "/backup")
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	n, err := io.Copy(w, resp.Body)
	if err != nil {
		return n, fmt.Errorf("the download was cut short after %d bytes: %w", n, err)
	}
	return n, nil
}
