package form_test

import (
	"strings"
	"testing"
	"time"

	"meldbot/bot/form"
)

var staff = []form.Person{
	{Key: "ahmed.ouali@voorbeeldrode.nl", Name: "Ahmed Ouali"},
	{Key: "fatima.elamrani@voorbeeldrode.nl", Name: "Fatima El Amrani"},
	{Key: "karin.devries@voorbeeldrode.nl", Name: "Karin de Vries"},
	{Key: "els.vandijk@voorbeeldrode.nl", Name: "Els van Dijk"},
	{Key: "jan.willems@voorbeeldrode.nl", Name: "Jan Willems"},
	{Key: "jan.bos@voorbeeldrode.nl", Name: "Jan Bos"},
	{Key: "tom.smit@voorbeeldrode.nl", Name: "Tom Smit"},
}

// Names typed as colleagues type them are split and matched: a full name
// or address is recognised at once, a first name or a distinctive part of
// a name is a candidate to confirm, and anyone else stays as typed.
func TestMatchNames(t *testing.T) {
	for _, c := range []struct {
		text string
		want string // per mention: typed → settled person, ? candidates, or = as typed
	}{
		{"Fatima en Ahmed", "Fatima?Fatima El Amrani | Ahmed?Ahmed Ouali"},
		{"Tom Smit, een bezoeker", "Tom Smit→Tom Smit | een bezoeker=een bezoeker"},
		{"tom smit van de balie ernaast", "tom smit van de balie ernaast→Tom Smit"},
		{"ahmed.ouali@voorbeeldrode.nl", "ahmed.ouali@voorbeeldrode.nl→Ahmed Ouali"},
		{"Ouali & mevrouw De Vries", "Ouali?Ahmed Ouali | mevrouw De Vries?Karin de Vries"},
		{"Jan", "Jan?Jan Willems,Jan Bos"},
		{"Amrani", "Amrani?Fatima El Amrani"},
		{"iemand van de bank", "iemand van de bank=iemand van de bank"}, // "van" tells nobody apart
		{"Dijk\nde beveiliger", "Dijk?Els van Dijk | de beveiliger=de beveiliger"},
	} {
		var got []string
		for _, m := range form.MatchNames(c.text, staff) {
			switch {
			case m.Settled && m.Person != nil:
				got = append(got, m.Typed+"→"+m.Person.Name)
			case m.Settled:
				got = append(got, m.Typed+"="+m.Shown())
			default:
				var names []string
				for _, p := range m.Candidates {
					names = append(names, p.Name)
				}
				got = append(got, m.Typed+"?"+strings.Join(names, ","))
			}
		}
		if g := strings.Join(got, " | "); g != c.want {
			t.Errorf("MatchNames(%q) = %s, want %s", c.text, g, c.want)
		}
	}
}

// At a Names question, what cannot be settled at once becomes a follow-up
// question per name: confirmed with a button, corrected by typing another
// name, or kept as typed with "nee".
func TestNamesAreConfirmedOneByOne(t *testing.T) {
	witnesses := form.Step[answers]{Kind: form.Names}
	ctx := form.Context{People: staff, Now: now}
	r := witnesses.Read("Fatima, Jan en een bezoeker", ctx)
	if r.Pending == nil || r.Pending.Open().Typed != "Fatima" {
		t.Fatalf("reading = %+v, want a question about Fatima", r)
	}
	p := *r.Pending
	if a, ok := p.Choose(form.Yes); !ok || a != nil || p.Open().Typed != "Jan" {
		t.Fatalf("after yes: %v %v, open %+v", a, ok, p.Open())
	}
	// Typed at the question about Jan: his surname settles him.
	r = witnesses.ReadPending(p, "Bos", ctx)
	if r.Answer == nil || r.Answer.Text != "Fatima El Amrani, Jan Bos, een bezoeker" ||
		strings.Join(r.Answer.People, " ") != "fatima.elamrani@voorbeeldrode.nl jan.bos@voorbeeldrode.nl" {
		t.Fatalf("answer = %+v", r.Answer)
	}
	// "nee" keeps the name as typed: someone from outside.
	r = witnesses.Read("Ahmed", ctx)
	r = witnesses.ReadPending(*r.Pending, "nee", ctx)
	if r.Answer == nil || r.Answer.Text != "Ahmed" || len(r.Answer.People) != 0 {
		t.Errorf("after nee: %+v", r)
	}
	// Full names need no question at all.
	if r := witnesses.Read("Tom Smit en Karin de Vries", ctx); r.Answer == nil || len(r.Answer.People) != 2 {
		t.Errorf("full names: %+v", r)
	}
}

// A clock time without a part of the day is asked about; the answer may be
// a button, its number, or the part of the day typed.
func TestAnAmbiguousTimeIsAskedAbout(t *testing.T) {
	when := form.Step[answers]{Kind: form.Moment}
	ctx := form.Context{Now: now}
	r := when.Read("gisteren om half drie", ctx)
	if r.Pending == nil || len(r.Pending.Readings) != 2 {
		t.Fatalf("reading = %+v, want two readings", r)
	}
	opts := []form.Option{{Key: form.ReadingKey(0), Label: "02:30"}, {Key: form.ReadingKey(1), Label: "14:30"}}
	for typed, want := range map[string]string{"2": "14:30", "14:30": "14:30", "'s nachts": "02:30", "s middags": "14:30"} {
		r := when.ReadPending(*r.Pending, typed, form.Context{Options: opts, Now: now})
		if r.Answer == nil || r.Answer.Moment.Time.Format("15:04") != want || r.Answer.Moment.Time.Day() != 26 {
			t.Errorf("%q at the question: %+v, want 26 November %s", typed, r, want)
		}
	}
	// Another moment altogether is read as a new answer.
	if r := when.ReadPending(*r.Pending, "vanochtend", form.Context{Options: opts, Now: now}); r.Answer == nil ||
		r.Answer.Moment.Time.Day() != 27 {
		t.Errorf("a new moment at the question: %+v", r)
	}
}

// A Long text over the limit is kept up to it, cut between words, and the
// rest follows in the next message, until "klaar" or a message that fits.
func TestALongTextSpansMessages(t *testing.T) {
	s := form.Step[answers]{Kind: form.FreeText, MinLen: 10, Long: true, MaxLen: 60}
	ctx := form.Context{Limit: 25, Now: time.Now()}
	r := s.Read("Een klant werd boos aan de balie en sloeg op het glas.", ctx)
	if r.Pending == nil || r.Pending.Text != "Een klant werd boos aan" {
		t.Fatalf("first message: %+v", r)
	}
	r = s.ReadPending(*r.Pending, "de balie en sloeg op het glas.", ctx)
	if r.Pending == nil || r.Pending.Text != "Een klant werd boos aan de balie en sloeg op het" {
		t.Fatalf("second message: %+v", r.Pending)
	}
	if r := s.ReadPending(*r.Pending, "glas.", ctx); r.Answer == nil || r.Answer.Text != "Een klant werd boos aan de balie en sloeg op het glas." {
		t.Errorf("last message: %+v", r)
	}
	if r := s.ReadPending(*r.Pending, "klaar", ctx); r.Answer == nil || r.Answer.Text != "Een klant werd boos aan de balie en sloeg op het" {
		t.Errorf("klaar: %+v", r)
	}
	// The whole answer stops at MaxLen.
	long := strings.Repeat("woord ", 30)
	r = s.Read(long, ctx)
	for r.Pending != nil {
		r = s.ReadPending(*r.Pending, long, ctx)
	}
	if n := len([]rune(r.Answer.Text)); n > 60 || n < 50 {
		t.Errorf("a text beyond MaxLen kept %d characters", n)
	}
	if r.Dropped == "" || !strings.HasPrefix(r.Dropped, "woord") {
		t.Errorf("the part past MaxLen is not told: Dropped = %q", r.Dropped)
	}
}
