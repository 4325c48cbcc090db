package bottest

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"meldbot/bot"
)

// Delivery is a message as a person saw it arrive.
type Delivery struct {
	To      bot.Email
	Text    string
	Choices []string
	Update  bool
	// At is the harness clock's time when the message was delivered.
	At time.Time
	// Image and File are what the message carried besides its text.
	Image *bot.Image
	File  *bot.File
}

// Contains reports whether the text or a button label contains s.
func (d Delivery) Contains(s string) bool {
	if strings.Contains(d.Text, s) {
		return true
	}
	for _, c := range d.Choices {
		if strings.Contains(c, s) {
			return true
		}
	}
	return false
}

// Driver acts as people in a chat. The in-process Harness implements it, and
// so do the adapter tests, so one conversation script proves the same
// behaviour on every platform.
type Driver interface {
	// Type sends text as typed by who: "/incident …" is the slash command,
	// anything else a direct message to the bot.
	Type(who bot.User, text string) error
	// Click clicks the button labelled label on the latest message to who
	// that has buttons.
	Click(who bot.User, label string) error
	// Await waits for a message to who, delivered after the latest Type or
	// Click, that contains want.
	Await(who bot.User, want string) (Delivery, error)
}

// Run plays a conversation script against a driver. A script has one step
// per line:
//
//	sanne> /incident              Sanne types a line
//	sanne> [Verbale agressie]     Sanne clicks a button
//	  < Wanneer gebeurde het?     Sanne receives a message containing this
//	  karin< Nieuwe melding       Karin receives a message containing this
//	# a comment
//
// resolve turns the names in the script into users.
func Run(t testing.TB, d Driver, script string, resolve func(name string) bot.User) {
	t.Helper()
	var actor bot.User
	for n, raw := range strings.Split(script, "\n") {
		line := strings.TrimSpace(raw)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		where := fmt.Sprintf("script line %d: %s", n+1, line)
		if name, want, ok := strings.Cut(line, "<"); ok && !strings.Contains(name, ">") {
			who := actor
			if name = strings.TrimSpace(name); name != "" {
				who = resolve(name)
			}
			if _, err := d.Await(who, strings.TrimSpace(want)); err != nil {
				t.Fatalf("%s\n%v", where, err)
			}
			continue
		}
		name, input, ok := strings.Cut(line, ">")
		if !ok {
			t.Fatalf("%s: expected 'name> input' or '< expected text'", where)
		}
		actor = resolve(strings.TrimSpace(name))
		input = strings.TrimSpace(input)
		var err error
		if label, ok := strings.CutPrefix(input, "["); ok && strings.HasSuffix(label, "]") {
			err = d.Click(actor, strings.TrimSuffix(label, "]"))
		} else {
			err = d.Type(actor, input)
		}
		if err != nil {
			t.Fatalf("%s\n%v", where, err)
		}
	}
}

// FormatDeliveries renders deliveries for a failure message.
func FormatDeliveries(ds []Delivery) string {
	var b strings.Builder
	for _, d := range ds {
		kind := "→"
		if d.Update {
			kind = "↻"
		}
		fmt.Fprintf(&b, "  %s %s: %s", kind, d.To, strings.ReplaceAll(d.Text, "\n", "\n      "))
		if len(d.Choices) > 0 {
			fmt.Fprintf(&b, "\n      %q", d.Choices)
		}
		b.WriteString("\n")
	}
	return b.String()
}
