package bot_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"meldbot/bot"
	"meldbot/bot/bottest"
	"meldbot/bot/locale"
)

// fuzzPeople act in FuzzConversation: an employee, her manager, the
// coordinator, a guard, a colleague of another department, one in English.
var fuzzPeople = []string{"sanne", "peter", "karin", "ahmed", "tom", "alex"}

// FuzzConversation drives a script of typed texts, commands, buttons and
// the passing of time through Bot.Handle on a MemStore. A line is one step:
// its first byte picks the person, its second what they do — c: types
// /incident and the rest; b: clicks the button numbered by the rest on
// their latest message with buttons; r: clicks their latest click again;
// v: clicks the value numbered by the rest of any button sent to anyone so
// far; a: lets the rest in minutes pass (tasks fire); anything else: types
// the rest. Nothing panics, Handle
// never fails (the harness stops at an error), and every event is
// answered: its person gets a message, or the message they clicked is
// redrawn.
//
//	go test ./bot -run '^$' -fuzz FuzzConversation -fuzztime 1m
func FuzzConversation(f *testing.F) {
	for _, seed := range []string{
		// Sanne reports, answering every question, and sends it.
		"0c\n0b0\n0b8\n0b0\n0b0\n0b0\n0tEen klant schold me uit aan de balie.\n0b1\n0tklantnummer 1\n0b0\n0b1\n0b0\n0b0\n0b1\n0b0\n0b0\n0b1\n0b1\n0b1\n0b1\n0b3\n0b1\n0b0\n0b0",
		// … and the care that follows: Peter takes it up and records things, time passes.
		"0c\n0t1, 6\n0b0\n0tgisteren 9:15\n0b0\n0tIemand duwde me tegen de muur bij de balie.\n0b0\n0b0\n0b1\n0b1\n0b0\n0b0\n0b0\n0b0\n0tTom Smit\n0b1\n0b0\n0b0\n0b0\n0b0\n0b0\n1ctaken\n1b0\n1a90\n1ctaken\n1b1\n1b0\n1tPV-1\n2ctoon GIR-2026-0001\n2caudit GIR-2026-0001\n4b0\n0a5000",
		// A guard reports for Sanne; stop, back, help, another language.
		"3cvoor sanne\n3tterug\n3thelp\n3ctaal en\n3tstop\n3b0\n3cvoor onbekend\n5cmijn gegevens\n2coverzicht\n2cexport anoniem\n5v0\n1v3",
		// Everyone clicks buttons that were sent to others, or that belong
		// to an earlier state.
		"0c\n0t1\n0b0\n0b0\n0b0\n0b0\n0tEen klant schold me uit aan de balie.\n0b0\n0b0\n0b1\n0b1\n0b0\n0b0\n0b0\n0b1\n0b1\n0b1\n0b3\n0b1\n0b0\n0b0\n" +
			"1b0\n1r\n1r\n1v40\n1v41\n1v41\n1v42\n1v43\n2v44\n4v45\n5v46\n3v47\n0v48\n1v49\n2v50\n1v51\n0a3000\n1v52\n1v53\n0v54\n4v55",
		// Ban far ahead, a date in the past, a form stopped halfway.
		"0c\n0t2\n0b8\na60\n1ctaken\n1b1\n1b2\n1t10000 jaar\n1tgisteren\n1t3 maanden\n1cstop",
	} {
		f.Add(seed)
	}
	texts, err := locale.NewCatalog()
	if err != nil {
		f.Fatal(err)
	}
	org := bottest.SampleOrg(f)
	f.Fuzz(func(t *testing.T, script string) {
		h := bottest.New(t, bottest.WithOrg(org), bottest.WithCatalog(texts))
		lines := strings.Split(script, "\n")
		if len(lines) > 60 {
			lines = lines[:60]
		}
		clicked := map[string]bot.Action{} // per person, the latest click
		for _, line := range lines {
			if line == "" {
				continue
			}
			who := h.User(fuzzPeople[int(line[0])%len(fuzzPeople)])
			op, rest := byte(0), ""
			if len(line) > 1 {
				op, rest = line[1], line[2:]
			}
			n, _ := strconv.Atoi(strings.TrimSpace(rest))
			before := len(h.Chat.Sent())
			switch op {
			case 'a':
				h.Advance(time.Duration(min(max(n, 0), 10*24*60)) * time.Minute)
				continue
			case 'c':
				h.Handle(bot.Command{User: who, Args: rest})
			case 'b':
				ref, choices := latestButtons(h, string(who.Key()))
				if len(choices) == 0 {
					h.Handle(bot.Text{User: who, Body: rest})
					break
				}
				clicked[string(who.Key())] = bot.Action{User: who, Ref: ref, Value: choices[max(n, 0)%len(choices)].Value}
				h.Handle(clicked[string(who.Key())])
			case 'r':
				again, ok := clicked[string(who.Key())]
				if !ok {
					continue
				}
				h.Handle(again)
			case 'v':
				values := buttonValues(h)
				if len(values) == 0 {
					continue
				}
				h.Handle(bot.Action{User: who, Value: values[max(n, 0)%len(values)]})
			default:
				h.Handle(bot.Text{User: who, Body: rest})
			}
			answered := false
			for _, s := range h.Chat.Sent()[before:] {
				answered = answered || s.To == who.Key()
			}
			if !answered {
				t.Fatalf("%s: %q was not answered", who.Email, line)
			}
		}
	})
}

// latestButtons returns the latest message to who that has buttons, as it
// looks now, and its buttons.
func latestButtons(h *bottest.Harness, who string) (bot.Ref, []bot.Choice) {
	var ref bot.Ref
	var choices []bot.Choice
	for _, s := range h.Chat.Sent() {
		switch {
		case s.To != bot.Email(who):
		case !s.Update:
			ref, choices = s.Ref, s.Message.Choices
		case s.Ref == ref:
			choices = s.Message.Choices
		}
	}
	return ref, choices
}

// buttonValues returns the values of every button sent so far, once each.
func buttonValues(h *bottest.Harness) []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range h.Chat.Sent() {
		for _, c := range s.Message.Choices {
			if !seen[c.Value] {
				seen[c.Value] = true
				out = append(out, c.Value)
			}
		}
	}
	return out
}
