package console

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"meldbot/bot"
	"meldbot/bot/bottest"
	"meldbot/bot/locale"
	"meldbot/bot/outbox"
)

// driver plays conversation scripts through the console as a person at the
// terminal would: every action is a typed line, and what arrives is read
// back from the console's output.
type driver struct {
	t     *testing.T
	c     *Console
	h     *bottest.Harness
	out   *bytes.Buffer
	mark  int
	lines []string
}

// newDriver returns a driver on the sample organisation, the harness's
// clock at Friday 27 November 2026, 15:00. /tijd sets the clock and fires
// what is due then, all at once: how time is lived through moment by
// moment is the schedules package's, tested with the whole of meldbot in
// cmd/meldbot.
func newDriver(t *testing.T, opts ...func(*Options)) *driver {
	h := bottest.New(t)
	texts, err := locale.NewCatalog()
	if err != nil {
		t.Fatal(err)
	}
	out := &bytes.Buffer{}
	d := &driver{t: t, h: h, out: out}
	var dispatcher *outbox.Dispatcher
	o := Options{Echo: true, Clock: h.Clock,
		Settle: func(ctx context.Context) error { return dispatcher.Flush(ctx) },
		Travel: func(ctx context.Context, to time.Time) error {
			h.Clock.Set(to)
			if _, err := h.Bot.FireDue(ctx); err != nil {
				return err
			}
			return dispatcher.Flush(ctx)
		}}
	for _, f := range opts {
		f(&o)
	}
	c, err := New(strings.NewReader(""), out, h.Org, texts, o)
	if err != nil {
		t.Fatal(err)
	}
	d.c = c
	dispatcher = outbox.New(h.Store, d.c, h.Clock, zerolog.Nop())
	return d
}

func (d *driver) typeLine(line string) {
	d.mark = d.out.Len()
	d.c.line(context.Background(), d.h.Bot, line)
}

// since returns what the console printed for the latest line.
func (d *driver) since() string { return d.out.String()[d.mark:] }

// expect types a line and fails the test unless the console's answer
// contains every part of want.
func (d *driver) expect(line string, want ...string) string {
	d.t.Helper()
	d.typeLine(line)
	got := d.since()
	for _, w := range want {
		if !strings.Contains(got, w) {
			d.t.Errorf("%s: want %q in\n%s", line, w, got)
		}
	}
	return got
}

func (d *driver) Type(who bot.User, text string) error {
	d.typeLine(string("@") + string(who.Email) + " " + text)
	return nil
}

func (d *driver) Click(who bot.User, label string) error {
	d.typeLine(string("@") + string(who.Email) + " " + label)
	return nil
}

// Await parses the output since the last action into messages: a block
// starting "meldbot: " is for the person typing, "→ Name: " for Name.
func (d *driver) Await(who bot.User, want string) (bottest.Delivery, error) {
	me := d.c.me
	var got []bottest.Delivery
	for _, line := range strings.Split(d.out.String()[d.mark:], "\n") {
		switch {
		case strings.HasPrefix(line, "meldbot: "):
			got = append(got, bottest.Delivery{To: me.Email, Text: strings.TrimPrefix(line, "meldbot: ")})
		case strings.HasPrefix(line, "→ "):
			name, text, _ := strings.Cut(strings.TrimPrefix(line, "→ "), ": ")
			got = append(got, bottest.Delivery{To: d.h.User(name).Email, Text: text})
		case strings.HasPrefix(line, "   ") && len(got) > 0:
			got[len(got)-1].Text += "\n" + strings.TrimPrefix(line, "   ")
		}
	}
	for _, g := range got {
		if g.To == who.Email && strings.Contains(g.Text, strings.ReplaceAll(want, "*", "")) {
			return g, nil
		}
	}
	return bottest.Delivery{}, fmt.Errorf("no message to %s containing %q in:\n%s", who.Email, want, d.out.String()[d.mark:])
}

func TestReportScriptInConsole(t *testing.T) {
	d := newDriver(t)
	bottest.Run(t, d, bottest.ReportScript, d.h.User)
	// Others' messages are shown with their name.
	if !strings.Contains(d.out.String(), "→ Karin de Vries: 📋 Nieuwe melding GIR-2026-0001") {
		t.Errorf("coordinator notice not shown as '→ Karin de Vries: …':\n%s", d.out.String())
	}
}

func TestTypedNumberOrLabelClicksButton(t *testing.T) {
	d := newDriver(t)
	d.typeLine("/incident")
	if !strings.Contains(d.out.String(), "   10. Verder") {
		t.Fatalf("buttons not numbered:\n%s", d.out.String())
	}
	d.typeLine("6")
	if !strings.Contains(d.out.String()[d.mark:], "6. ✓ Fysiek geweld") {
		t.Errorf("typing 6 did not tick the sixth choice:\n%s", d.out.String()[d.mark:])
	}
	d.typeLine("verder")
	if !strings.Contains(d.out.String()[d.mark:], "Hoe was het contact?") {
		t.Errorf("typing the label did not click it:\n%s", d.out.String()[d.mark:])
	}
}

func TestSwitchingPeople(t *testing.T) {
	d := newDriver(t)
	for _, tt := range []struct{ line, want string }{
		{"/als karin", "Je bent nu Karin de Vries (coördinator agressie en geweld)."},
		{"/als peter", "Je bent nu Peter Bakker (afdelingsmanager, Publiekszaken)."},
		{"@ahmed.ouali@voorbeeldrode.nl", "Je bent nu Ahmed Ouali (beveiliger)."},
		{"/als beveiliger", "Je bent nu Ahmed Ouali (beveiliger)."},
		{"/als nieuw@voorbeeldrode.nl", "Je bent nu nieuw@voorbeeldrode.nl (medewerker)."},
		{"/als niemand", `Ik vind niemand met "niemand"`},
		{"/wie", "Tom Smit (medewerker, Openbare Ruimte) — tom.smit@voorbeeldrode.nl"},
		{"/onzin", "Onbekende opdracht: /onzin"},
	} {
		d.typeLine(tt.line)
		if got := d.out.String()[d.mark:]; !strings.Contains(got, tt.want) {
			t.Errorf("%s: want %q in\n%s", tt.line, tt.want, got)
		}
	}
	// "@name text" says the text as that person.
	d.typeLine("@tom help")
	if got := d.out.String()[d.mark:]; !strings.Contains(got, "Je bent nu Tom Smit") || !strings.Contains(got, "meldbot: Met meldbot meld je") {
		t.Errorf("@tom help:\n%s", got)
	}
}

func TestRunReadsPipedLinesUntilEnd(t *testing.T) {
	h := bottest.New(t)
	texts, _ := locale.NewCatalog()
	out := &bytes.Buffer{}
	var dispatcher *outbox.Dispatcher
	c, err := New(strings.NewReader("/incident\n/exit\n/incident help\n"), out, h.Org, texts, Options{
		Echo:   true,
		Settle: func(ctx context.Context) error { return dispatcher.Flush(ctx) },
	})
	if err != nil {
		t.Fatal(err)
	}
	dispatcher = outbox.New(h.Store, c, h.Clock, zerolog.Nop())
	if err := c.Run(context.Background(), h.Bot); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	if !strings.Contains(got, "Wat is er gebeurd?") {
		t.Errorf("first line not handled:\n%s", got)
	}
	if strings.Contains(got, "Wat je kunt typen") {
		t.Errorf("a line after /exit was handled:\n%s", got)
	}
}

// A chart or export sent in the chat is written to a file, readable by its
// owner only, and the console prints where; a second one does not
// overwrite the first.
func TestPicturesAndFilesAreWrittenToFiles(t *testing.T) {
	d := newDriver(t)
	bottest.SampleRegister(t, d.h.Store)
	d.c.opts.Files = filepath.Join(t.TempDir(), "bestanden")
	d.typeLine("@karin /incident overzicht 2026-Q3")
	chart := filepath.Join(d.c.opts.Files, "meldingen-2026-Q3.png")
	if !strings.Contains(d.out.String()[d.mark:], "[afbeelding bewaard: "+chart+"]") {
		t.Errorf("the chart's path is not shown:\n%s", d.out.String()[d.mark:])
	}
	if data, err := os.ReadFile(chart); err != nil || !bytes.HasPrefix(data, []byte("\x89PNG")) {
		t.Errorf("no PNG at %s: %v", chart, err)
	}
	d.typeLine("@karin /incident export 2026-Q3")
	d.typeLine("@karin /incident export 2026-Q3")
	out := d.out.String()
	for _, name := range []string{"meldingen-2026-Q3.xlsx", "meldingen-2026-Q3-2.xlsx"} {
		if want := "[bestand bewaard: " + filepath.Join(d.c.opts.Files, name) + "]"; !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	fi, err := os.Stat(filepath.Join(d.c.opts.Files, "meldingen-2026-Q3.xlsx"))
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("export file: %v %v", fi, err)
	}
	if dir, _ := os.Stat(d.c.opts.Files); dir.Mode().Perm() != 0o700 {
		t.Errorf("directory mode %v", dir.Mode().Perm())
	}
}

// A message left in the dispatcher by a run that was killed is delivered again
// when meldbot starts, possibly before the console reads its first line: the
// banner still comes first, once. An update held from that run does not
// land on a message of this run with the same number.
func TestMessagesFromAnEarlierRunComeAfterTheBanner(t *testing.T) {
	h := bottest.New(t)
	texts, _ := locale.NewCatalog()
	me := h.User("Sanne")
	earlier, err := New(strings.NewReader(""), &bytes.Buffer{}, h.Org, texts, Options{})
	if err != nil {
		t.Fatal(err)
	}
	held, _ := earlier.Send(context.Background(), me.Email, bot.Message{Text: "Wie was de andere partij?", Choices: []bot.Choice{{Label: "Onbekend"}}}, bot.Delivery{})

	out := &bytes.Buffer{}
	c, err := New(strings.NewReader(""), out, h.Org, texts, Options{})
	if err != nil {
		t.Fatal(err)
	}
	c.Send(context.Background(), me.Email, bot.Message{Text: "Wie was de andere partij?", Choices: []bot.Choice{{Label: "Onbekend"}}}, bot.Delivery{})
	if err := c.Update(context.Background(), held, bot.Message{Text: "Wie was de andere partij?", Choices: []bot.Choice{{Label: "Iets anders"}}}, bot.Delivery{}); err == nil {
		t.Error("an update from the earlier run landed on a message of this run")
	}
	if err := c.Run(context.Background(), h.Bot); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	if !strings.HasPrefix(got, "meldbot — lokale chat") || strings.Count(got, "meldbot — lokale chat") != 1 {
		t.Errorf("the banner is not shown once, first:\n%s", got)
	}
	if !strings.Contains(got, "meldbot: Wie was de andere partij?") || strings.Contains(got, "Iets anders") {
		t.Errorf("output:\n%s", got)
	}
}

// An export the console cannot save was never handed over: nothing of it
// is in the audit trail, and the message waits in the dispatcher. Once the
// directory can be written, the file is saved, shown and audited.
func TestAnExportThatCannotBeSavedLeavesNoAuditEntry(t *testing.T) {
	d := newDriver(t)
	bottest.SampleRegister(t, d.h.Store)
	dir := t.TempDir()
	blocker := filepath.Join(dir, "meldbot-files")
	if err := os.WriteFile(blocker, []byte("not a directory"), 0o600); err != nil {
		t.Fatal(err)
	}
	d.c.opts.Files = filepath.Join(blocker, "exports") // under a file: cannot be made, also not by root
	audit := func() (register, reads int) {
		err := d.h.Store.View(context.Background(), func(tx bot.Tx) error {
			reg, err := tx.AuditOf("")
			for _, e := range reg {
				if e.Action == bot.AuditExport {
					register++
				}
			}
			one, err2 := tx.AuditOf("GIR-2026-0105")
			for _, e := range one {
				if e.Action == bot.AuditRead && e.What == "export" {
					reads++
				}
			}
			return errors.Join(err, err2)
		})
		if err != nil {
			t.Fatal(err)
		}
		return register, reads
	}

	d.typeLine("@karin /incident export 2026-Q3")
	out := d.out.String()[d.mark:]
	if !strings.Contains(out, "meldingen-2026-Q3.xlsx kon niet worden bewaard") || strings.Contains(out, "Hier is de export") {
		t.Errorf("output:\n%s", out)
	}
	if register, reads := audit(); register+reads != 0 {
		t.Errorf("an export that was not saved is in the audit trail: %d register entries, %d reads", register, reads)
	}

	if err := os.Remove(blocker); err != nil {
		t.Fatal(err)
	}
	d.h.Clock.Advance(time.Minute)
	d.mark = d.out.Len()
	if err := d.c.opts.Settle(context.Background()); err != nil {
		t.Fatal(err)
	}
	out = d.out.String()[d.mark:]
	if !strings.Contains(out, "Hier is de export van Q3 2026") || !strings.Contains(out, "[bestand bewaard: "+filepath.Join(blocker, "exports", "meldingen-2026-Q3.xlsx")+"]") {
		t.Errorf("after the directory could be written:\n%s", out)
	}
	if register, reads := audit(); register != 1 || reads != 1 {
		t.Errorf("the saved export: %d register entries, %d reads; want 1 and 1", register, reads)
	}
}
