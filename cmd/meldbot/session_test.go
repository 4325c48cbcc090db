package main

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"meldbot/bot/bottest"
)

// consoleSession runs meldbot's console in this process on a fresh data
// file, its clock started at start and standing still but for /tijd, and
// returns what it printed for the lines typed.
func consoleSession(t *testing.T, start string, lines ...string) string {
	t.Helper()
	for _, env := range []string{"MELDBOT_MATTERMOST_URL", "MELDBOT_SLACK_BOT_TOKEN", "MELDBOT_CONFIG", "MELDBOT_DATA", "MELDBOT_LOG_LEVEL"} {
		t.Setenv(env, "")
	}
	saved := wall
	wall = bottest.NewClock(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	t.Cleanup(func() { wall = saved })
	var stdout, stderr bytes.Buffer
	in := strings.NewReader(strings.Join(lines, "\n") + "\n")
	args := []string{"--data", t.TempDir() + "/meldbot.db", "--now", start}
	if code := run(args, in, &stdout, &stderr); code != 0 {
		t.Fatalf("meldbot %v: exit %d\n%s\n%s", args, code, stderr.String(), stdout.String())
	}
	if stderr.Len() > 0 {
		t.Errorf("meldbot logged:\n%s", stderr.String())
	}
	return stdout.String()
}

// arrival is a message as the console showed it: to whom (a first name),
// when (the heading it came under while the clock travelled; zero for
// messages in reply to a line), its text and the line typed before it.
type arrival struct {
	to   string
	at   time.Time
	text string
	line string
}

var (
	echoLine = regexp.MustCompile(`^(\pL+)> (.*)$`)
	heading  = regexp.MustCompile(`^── \pL+ (\d+) (\pL+) (\d{4}), (\d\d):(\d\d) ──$`)
	months   = map[string]time.Month{"jan": 1, "feb": 2, "mrt": 3, "apr": 4, "mei": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "okt": 10, "nov": 11, "dec": 12}
)

// arrivals reads a piped console session back into the messages shown.
func arrivals(t *testing.T, out string) []arrival {
	t.Helper()
	var got []arrival
	var typist, line string
	var at time.Time
	for _, l := range strings.Split(out, "\n") {
		if m := echoLine.FindStringSubmatch(l); m != nil {
			typist, line, at = m[1], m[2], time.Time{}
			continue
		}
		if m := heading.FindStringSubmatch(l); m != nil {
			d, _ := strconv.Atoi(m[1])
			y, _ := strconv.Atoi(m[3])
			h, _ := strconv.Atoi(m[4])
			mi, _ := strconv.Atoi(m[5])
			at = time.Date(y, months[m[2]], d, h, mi, 0, 0, bottest.Amsterdam)
			continue
		}
		switch {
		case strings.HasPrefix(l, "meldbot: "):
			got = append(got, arrival{to: typist, at: at, text: strings.TrimPrefix(l, "meldbot: "), line: line})
		case strings.HasPrefix(l, "→ "):
			name, text, _ := strings.Cut(strings.TrimPrefix(l, "→ "), ": ")
			first, _, _ := strings.Cut(name, " ")
			got = append(got, arrival{to: first, at: at, text: text, line: line})
		case strings.HasPrefix(l, "   ") && len(got) > 0:
			got[len(got)-1].text += "\n" + strings.TrimPrefix(l, "   ")
		}
	}
	return got
}

// find returns the messages to who that contain every part.
func find(all []arrival, who string, parts ...string) []arrival {
	var out []arrival
	for _, a := range all {
		ok := a.to == who
		for _, p := range parts {
			ok = ok && strings.Contains(a.text, p)
		}
		if ok {
			out = append(out, a)
		}
	}
	return out
}
