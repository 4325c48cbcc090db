package bot_test

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"meldbot/bot/bottest"
)

// pathCase is one way through the report: what happened, how the contact
// was, and the answers that open or close questions further on.
type pathCase struct {
	categories string // typed: "1" verbal, "2" threat, "6, 7" physical and damage, "8" unsafe
	channel    string // in_person, phone, written; "" for an unsafe situation
	medium     string // for written contact
	elsewhere  bool   // the location is "Ergens anders"
	party      string // unknown, citizen, colleague
	police     string // will, done, undecided, no
	forOther   bool   // a guard reports for Tom
}

// expectedPath is the order of questions the report should ask in c,
// written out from the rules of the issue rather than from the form, so
// the test says what the form must do.
func expectedPath(c pathCase) []string {
	unsafe := c.categories == "8"
	remote := c.channel == "phone" || c.channel == "written"
	threatOrViolence := strings.Contains(c.categories, "2") || strings.Contains(c.categories, "6")
	damage := strings.Contains(c.categories, "7")
	p := []string{"categories"}
	if !unsafe {
		p = append(p, "channel")
		if c.channel == "written" {
			p = append(p, "medium")
			if c.medium != "letter" {
				p = append(p, "screenshot")
			}
		}
	}
	p = append(p, "when") // the department is known for Sanne and Tom
	if !remote {
		p = append(p, "location")
		if c.elsewhere {
			p = append(p, "location_text")
		}
	}
	p = append(p, "description")
	if !unsafe {
		p = append(p, "party")
		if c.party != "unknown" {
			p = append(p, "party_name")
		}
		if !remote {
			p = append(p, "party_count")
			if threatOrViolence {
				p = append(p, "weapon")
			}
			p = append(p, "injury")
		}
		p = append(p, "absence")
		if !remote && !damage {
			p = append(p, "damage")
		}
		p = append(p, "impact", "witnesses")
		if !remote && !c.forOther { // a guard reporting is the guard involved
			p = append(p, "security")
		}
	}
	p = append(p, "workplace")
	if !unsafe {
		p = append(p, "talk_now", "police")
		switch c.police {
		case "done":
			p = append(p, "police_ref")
		case "no":
			p = append(p, "melding")
		}
		if !c.forOther {
			p = append(p, "checkin")
		}
	}
	return p
}

// pathCases are every way through the report: each kind of incident by
// each channel and medium, for oneself and for a colleague, with the other
// answers that open questions turning in between.
func pathCases() []pathCase {
	var out []pathCase
	parties := []string{"unknown", "citizen", "colleague"}
	police := []string{"will", "done", "undecided", "no"}
	i := 0
	add := func(c pathCase) {
		c.elsewhere = i%2 == 1
		c.party, c.police = parties[i%len(parties)], police[i%len(police)]
		out = append(out, c)
		i++
	}
	for _, forOther := range []bool{false, true} {
		add(pathCase{categories: "8", forOther: forOther})
		for _, cats := range []string{"1", "2", "6, 7"} {
			add(pathCase{categories: cats, channel: "in_person", forOther: forOther})
			add(pathCase{categories: cats, channel: "phone", forOther: forOther})
			for _, m := range []string{"email", "phone", "social", "website", "letter"} {
				add(pathCase{categories: cats, channel: "written", medium: m, forOther: forOther})
			}
		}
	}
	return out
}

// The report asks only what fits the incident: contact by phone, in
// writing or online skips the questions that need a place and asks for the
// channel (and for a screenshot of what came online); an unsafe situation
// skips the other party and the consequences. Each path is walked as a
// conversation, and what is registered holds exactly its answers.
func TestReportAsksOnlyWhatFitsEveryPath(t *testing.T) {
	labels := map[string]string{
		"in_person": "[Persoonlijk]", "phone": "[Telefonisch]", "written": "[Schriftelijk of online]",
		"email": "[E-mail]", "social": "[Sociale media]", "website": "[Website of formulier]", "letter": "[Brief]",
		"unknown": "[Onbekend]", "citizen": "[Een bekende burger of klant]", "colleague": "[Een collega]",
		"will": "1", "done": "2", "undecided": "3", "no": "4",
	}
	for n, c := range pathCases() {
		t.Run(fmt.Sprintf("%d", n), func(t *testing.T) {
			h := bottest.New(t)
			who, start := "sanne", "/incident"
			if c.forOther {
				who, start = "ahmed", "/incident voor tom"
			}
			answers := map[string]string{"categories": c.categories, "channel": labels[c.channel],
				"party": labels[c.party], "police": labels[c.police], "screenshot": "[Ja]"}
			if c.medium == "phone" {
				answers["medium"] = "[Telefoon (sms, WhatsApp)]"
			} else {
				answers["medium"] = labels[c.medium]
			}
			if c.elsewhere {
				answers["location"] = "[Ergens anders]"
			}
			step(t, h, who, start)
			var asked []string
			for range 40 {
				id := h.Answer(t, who, answers, "summary")
				if id == "summary" {
					break
				}
				asked = append(asked, id)
			}
			want := expectedPath(c)
			if !slices.Equal(asked, want) {
				t.Fatalf("%+v asked\n  %v\nwant\n  %v", c, asked, want)
			}
			// What is registered is the answers on the path: the department
			// known beforehand, and a guard's own report involves a guard
			// when there was a place to step in.
			step(t, h, who, "[Versturen]", "GIR-2026-0001")
			registered := slices.Sorted(maps.Keys(storedIncident(t, h, "GIR-2026-0001").Report))
			wantKeys := append(slices.Clone(want), "department")
			if c.forOther && c.channel == "in_person" {
				wantKeys = append(wantKeys, "security")
			}
			slices.Sort(wantKeys)
			if !slices.Equal(registered, wantKeys) {
				t.Errorf("registered answers\n  %v\nwant\n  %v", registered, wantKeys)
			}
		})
	}
}

// The channel of written contact and whether there is a screenshot are
// columns of the export, after every column that was there before; so is
// whether the time was given as approximate.
func TestTheChannelAndScreenshotAreExported(t *testing.T) {
	h := bottest.New(t)
	h.Report(t, "sanne", map[string]string{"categories": "2", "channel": "[Schriftelijk of online]", "medium": "[Sociale media]",
		"screenshot": "[Ja]", "when": "rond 14:00"})
	step(t, h, "karin", "/incident export 2026-Q4 csv")
	head, rows := readCSV(t, exported(t, h, "karin").Data)
	for col, want := range map[string]string{"channel": "written", "medium": "social", "screenshot": "yes", "occurred_approx": "yes",
		"location": "", "injury": "", "party_count": ""} {
		if rows[0][col] != want {
			t.Errorf("%s = %q, want %q", col, rows[0][col], want)
		}
	}
	plain := strings.Join(head[:slices.Index(head, "reporter")], ",")
	// Added after purged, before the columns added later (docs/export.md:
	// new columns only ever at the end).
	if !strings.Contains(plain, ",purged,medium,screenshot,occurred_approx,care_given_at,care_given_minutes") {
		t.Errorf("the columns without personal data are %s", plain)
	}
}
