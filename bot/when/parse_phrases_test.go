package when

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"
)

// Moments the phrases below are typed at, in Amsterdam.
var (
	fridayMorning = at(2026, 11, 27, 10, 0)  // Friday 27 November 2026, 10:00
	fridayNight   = at(2026, 11, 27, 2, 0)   // the night before, 02:00
	fridayLate    = at(2026, 11, 27, 22, 30) // Friday evening, 22:30
	sunday        = at(2026, 11, 29, 10, 0)  // Sunday 29 November 2026, 10:00
	// The clocks went forward at 02:00 on Sunday 29 March 2026: 02:30 did
	// not exist that night.
	springForward = at(2026, 3, 29, 10, 0)
	// Half an hour after the clocks went forward: 03:30 summer time.
	afterSpringForward = time.Date(2026, 3, 29, 1, 30, 0, 0, time.UTC).In(ams)
	// The clocks went back at 03:00 on Sunday 25 October 2026.
	fallBack = at(2026, 10, 25, 10, 0)
)

// outcome is what Parse should make of a phrase: a moment, two readings to
// choose from, or an error.
type outcome struct {
	moment   Moment
	readings []Moment
	err      error
}

func exactly(t time.Time) outcome { return outcome{moment: Moment{Time: t, Precision: Minute}} }
func about(t time.Time) outcome {
	return outcome{moment: Moment{Time: t, Precision: Minute, Approx: true}}
}
func during(t time.Time, p Part) outcome {
	return outcome{moment: Moment{Time: t, Precision: PartOfDay, Part: p}}
}
func onDay(t time.Time) outcome { return outcome{moment: Moment{Time: t, Precision: Day}} }
func either(a, b time.Time) outcome {
	return outcome{readings: []Moment{{Time: a, Precision: Minute}, {Time: b, Precision: Minute}}}
}
func aboutEither(a, b time.Time) outcome {
	return outcome{readings: []Moment{{Time: a, Precision: Minute, Approx: true}, {Time: b, Precision: Minute, Approx: true}}}
}
func refused(err error) outcome { return outcome{err: err} }

// Every phrase is read as the Dutch or English colleague who typed it means
// it, with the precision they gave it. A clock time that may be night or
// day is asked back when both readings have passed, never guessed.
func TestParseUnderstandsDutchAsPeopleTypeIt(t *testing.T) {
	nov := func(d, h, m int) time.Time { return at(2026, 11, d, h, m) }
	tests := []struct {
		in   string
		now  time.Time
		want outcome
	}{
		// The phrases of the issue, literally.
		{"om half drie", friday, either(nov(27, 2, 30), nov(27, 14, 30))},
		{"kwart over 9", friday, exactly(nov(27, 9, 15))}, // 21:15 has not come yet
		{"kwart over 9", fridayLate, either(nov(27, 9, 15), nov(27, 21, 15))},
		{"tien minuten geleden", friday, exactly(nov(27, 14, 50))},
		{"10 minuten geleden", friday, exactly(nov(27, 14, 50))},
		{"1 uur geleden", friday, exactly(nov(27, 14, 0))},
		{"twee uur geleden", friday, exactly(nov(27, 13, 0))},
		{"een uur geleden", friday, exactly(nov(27, 14, 0))},
		{"een half uur geleden", friday, exactly(nov(27, 14, 30))},
		{"gisterenmiddag", friday, during(nov(26, 14, 0), Afternoon)},
		{"eergisterenavond", friday, during(nov(25, 20, 0), Evening)},
		{"gisteren 3 uur 's middags", friday, exactly(nov(26, 15, 0))},
		{"gisteren om 3 uur", friday, either(nov(26, 3, 0), nov(26, 15, 0))},

		// Half, kwart, voor and over; hours in words or digits.
		{"gisteren tien voor half vier", friday, either(nov(26, 3, 20), nov(26, 15, 20))},
		{"tien voor half vier 's middags", friday, exactly(nov(26, 15, 20))},
		{"vijf over half twee 's middags", friday, exactly(nov(27, 13, 35))},
		{"gisteren vijf over half twee", friday, either(nov(26, 1, 35), nov(26, 13, 35))},
		{"kwart voor drie 's middags", friday, exactly(nov(27, 14, 45))},
		{"gisteren kwart voor drie", friday, either(nov(26, 2, 45), nov(26, 14, 45))},
		{"half 3 's middags", friday, exactly(nov(27, 14, 30))},
		{"gisteren half 3", friday, either(nov(26, 2, 30), nov(26, 14, 30))},
		{"half drie gisteren", friday, either(nov(26, 2, 30), nov(26, 14, 30))},
		{"kwart over 9 's ochtends", friday, exactly(nov(27, 9, 15))},
		{"kwart over negen 's avonds", friday, exactly(nov(26, 21, 15))},
		{"tien over drie 's nachts", friday, exactly(nov(27, 3, 10))},
		{"vijf voor twaalf 's ochtends", friday, exactly(nov(27, 11, 55))},
		{"tien voor 12 's avonds", friday, exactly(nov(26, 23, 50))},
		{"twintig over vier 's middags", friday, exactly(nov(26, 16, 20))},
		{"tien minuten over zes 's ochtends", friday, exactly(nov(27, 6, 10))},
		{"5 minuten voor half 9 's ochtends", friday, exactly(nov(27, 8, 25))},
		{"kwart over 14", friday, exactly(nov(27, 14, 15))},
		{"kwart voor 16", friday, exactly(nov(26, 15, 45))},
		{"half 14", friday, exactly(nov(27, 13, 30))},
		{"vanochtend om half negen", friday, exactly(nov(27, 8, 30))},
		{"vanmiddag om kwart over twee", friday, exactly(nov(27, 14, 15))},
		{"gisteravond om tien over half tien", friday, exactly(nov(26, 21, 40))},
		{"half een 's middags", friday, exactly(nov(27, 12, 30))},
		{"half 1 's nachts", friday, exactly(nov(27, 0, 30))},
		{"half twaalf 's nachts", friday, exactly(nov(26, 23, 30))},
		{"kwart voor één 's nachts", friday, exactly(nov(27, 0, 45))},
		{"vandaag om half drie", friday, either(nov(27, 2, 30), nov(27, 14, 30))},
		{"drie uur 's middags", friday, exactly(nov(27, 15, 0))},
		{"3 uur 's middags", friday, exactly(nov(27, 15, 0))},
		{"gisteren om drie uur", friday, either(nov(26, 3, 0), nov(26, 15, 0))},
		{"gisteren om 15 uur", friday, exactly(nov(26, 15, 0))},
		{"gisteren om vijftien uur", friday, exactly(nov(26, 15, 0))},
		{"gisteren 15u", friday, exactly(nov(26, 15, 0))},
		{"gisteren 15u30", friday, exactly(nov(26, 15, 30))},
		{"gisteren 15.30", friday, exactly(nov(26, 15, 30))},
		{"gisteren 15.30 uur", friday, exactly(nov(26, 15, 30))},
		{"gisteren 15h30", friday, exactly(nov(26, 15, 30))},
		{"gisteren 3:30 pm", friday, exactly(nov(26, 15, 30))},
		{"gisteren 3.30pm", friday, exactly(nov(26, 15, 30))},
		{"gisteren 3 p.m.", friday, exactly(nov(26, 15, 0))},
		{"gisteren 03:30", friday, exactly(nov(26, 3, 30))}, // a leading zero is the 24-hour clock
		{"gisteren 0:30", friday, exactly(nov(26, 0, 30))},
		{"gisteren om nul uur", friday, exactly(nov(26, 0, 0))},
		{"gisteren om twaalf uur", friday, either(nov(26, 0, 0), nov(26, 12, 0))},
		{"gisteren om 12 uur 's middags", friday, exactly(nov(26, 12, 0))},
		{"gisteren om 12 uur 's nachts", friday, exactly(nov(26, 0, 0))},
		{"om 13 uur", friday, exactly(nov(27, 13, 0))},
		{"om dertien uur", friday, exactly(nov(27, 13, 0))},
		{"om tweeëntwintig uur", friday, exactly(nov(26, 22, 0))},
		{"om drieën", friday, either(nov(27, 3, 0), nov(27, 15, 0))},
		{"gisteren om vieren", friday, either(nov(26, 4, 0), nov(26, 16, 0))},
		{"om een uur", friday, either(nov(27, 1, 0), nov(27, 13, 0))},
		{"om één uur", friday, either(nov(27, 1, 0), nov(27, 13, 0))},
		{"9 uur 's avonds", friday, exactly(nov(26, 21, 0))},
		{"12 uur 's middags", friday, exactly(nov(27, 12, 0))},
		{"om 9:15", friday, exactly(nov(27, 9, 15))},
		{"om 9:15", fridayLate, either(nov(27, 9, 15), nov(27, 21, 15))},
		{"om 14", friday, exactly(nov(27, 14, 0))},
		{"zondagavond 10 uur", friday, exactly(nov(22, 22, 0))},

		// English clock times.
		{"half past two", friday, either(nov(27, 2, 30), nov(27, 14, 30))},
		{"quarter to nine", friday, exactly(nov(27, 8, 45))},
		{"quarter to nine", fridayLate, either(nov(27, 8, 45), nov(27, 20, 45))},
		{"yesterday at a quarter past nine", friday, either(nov(26, 9, 15), nov(26, 21, 15))},
		{"yesterday at quarter past nine pm", friday, exactly(nov(26, 21, 15))},
		{"ten past three pm", friday, exactly(nov(26, 15, 10))},
		{"twenty to four in the afternoon", friday, exactly(nov(26, 15, 40))},
		{"five to six in the morning", friday, exactly(nov(27, 5, 55))},
		{"half nine yesterday", friday, either(nov(26, 9, 30), nov(26, 21, 30))}, // British: 9:30
		{"three o'clock in the afternoon", friday, exactly(nov(27, 15, 0))},
		{"yesterday at 3 o'clock", friday, either(nov(26, 3, 0), nov(26, 15, 0))},
		{"two thirty pm", friday, exactly(nov(27, 14, 30))},
		{"yesterday at nine fifteen am", friday, exactly(nov(26, 9, 15))},
		{"at noon", friday, exactly(nov(27, 12, 0))},
		{"at midnight", friday, exactly(nov(27, 0, 0))},
		{"yesterday at 9 in the evening", friday, exactly(nov(26, 21, 0))},
		{"yesterday afternoon at 3", friday, exactly(nov(26, 15, 0))},
		{"this morning at half past eight", friday, exactly(nov(27, 8, 30))},
		{"friday evening at 8", friday, exactly(nov(20, 20, 0))},
		{"last night at 11", friday, exactly(nov(26, 23, 0))},
		{"the day before yesterday at 4pm", friday, exactly(nov(25, 16, 0))},

		// Counting back, in Dutch.
		{"vijf minuten geleden", friday, exactly(nov(27, 14, 55))},
		{"twintig minuten geleden", friday, exactly(nov(27, 14, 40))},
		{"vijfentwintig minuten geleden", friday, exactly(nov(27, 14, 35))},
		{"vijfenveertig minuten geleden", friday, exactly(nov(27, 14, 15))},
		{"45 min geleden", friday, exactly(nov(27, 14, 15))},
		{"10min geleden", friday, exactly(nov(27, 14, 50))},
		{"2u geleden", friday, exactly(nov(27, 13, 0))},
		{"drie uur geleden", friday, exactly(nov(27, 12, 0))},
		{"3 uur geleden", friday, exactly(nov(27, 12, 0))},
		{"één uur geleden", friday, exactly(nov(27, 14, 0))},
		{"anderhalf uur geleden", friday, exactly(nov(27, 13, 30))},
		{"1,5 uur geleden", friday, exactly(nov(27, 13, 30))},
		{"twee en een half uur geleden", friday, exactly(nov(27, 12, 30))},
		{"tweeënhalf uur geleden", friday, exactly(nov(27, 12, 30))},
		{"half uur geleden", friday, exactly(nov(27, 14, 30))},
		{"een kwartier geleden", friday, exactly(nov(27, 14, 45))},
		{"drie kwartier geleden", friday, exactly(nov(27, 14, 15))},
		{"een uur en een kwartier geleden", friday, exactly(nov(27, 13, 45))},
		{"1 uur en 20 minuten geleden", friday, exactly(nov(27, 13, 40))},
		{"1u20 geleden", friday, exactly(nov(27, 13, 40))},
		{"pas vijf minuten geleden", friday, exactly(nov(27, 14, 55))},
		{"30 seconden geleden", friday, exactly(nov(27, 14, 59))},
		{"een paar minuten geleden", friday, about(nov(27, 14, 58))},
		{"enkele minuten geleden", friday, about(nov(27, 14, 57))},
		{"een paar uur geleden", friday, about(nov(27, 13, 0))},
		{"een uurtje geleden", friday, about(nov(27, 14, 0))},
		{"een half uurtje geleden", friday, about(nov(27, 14, 30))},
		{"een kwartiertje geleden", friday, about(nov(27, 14, 45))},
		{"ongeveer een uur geleden", friday, about(nov(27, 14, 0))},
		{"zo'n tien minuten geleden", friday, about(nov(27, 14, 50))},
		{"een minuut of tien geleden", friday, about(nov(27, 14, 50))},
		{"een uur of twee geleden", friday, about(nov(27, 13, 0))},
		{"ruim een uur geleden", friday, about(nov(27, 14, 0))},
		{"twee dagen geleden", friday, onDay(nov(25, 12, 0))},
		{"een week geleden", friday, onDay(nov(20, 12, 0))},

		// Counting back, in English.
		{"10 minutes ago", friday, exactly(nov(27, 14, 50))},
		{"twenty minutes ago", friday, exactly(nov(27, 14, 40))},
		{"twenty-five minutes ago", friday, exactly(nov(27, 14, 35))},
		{"2 hours ago", friday, exactly(nov(27, 13, 0))},
		{"2 hrs ago", friday, exactly(nov(27, 13, 0))},
		{"90 minutes ago", friday, exactly(nov(27, 13, 30))},
		{"1.5 hours ago", friday, exactly(nov(27, 13, 30))},
		{"half an hour ago", friday, exactly(nov(27, 14, 30))},
		{"an hour and a half ago", friday, exactly(nov(27, 13, 30))},
		{"two and a half hours ago", friday, exactly(nov(27, 12, 30))},
		{"a quarter of an hour ago", friday, exactly(nov(27, 14, 45))},
		{"a few minutes ago", friday, about(nov(27, 14, 57))},
		{"a couple of hours ago", friday, about(nov(27, 13, 0))},
		{"about 20 minutes ago", friday, about(nov(27, 14, 40))},
		{"3 days ago", friday, onDay(nov(24, 12, 0))},

		// A day and a part of it, in one word or two.
		{"gisterenochtend", friday, during(nov(26, 9, 0), Morning)},
		{"gistermorgen", friday, during(nov(26, 9, 0), Morning)},
		{"gisterenmorgen", friday, during(nov(26, 9, 0), Morning)},
		{"gistermiddag", friday, during(nov(26, 14, 0), Afternoon)},
		{"gisterenavond", friday, during(nov(26, 20, 0), Evening)},
		{"gisteren-avond", friday, during(nov(26, 20, 0), Evening)},
		{"gisteren avond", friday, during(nov(26, 20, 0), Evening)},
		{"gisterennacht", friday, during(nov(27, 3, 0), Night)}, // last night, like "vannacht"
		{"gisternacht", friday, during(nov(27, 3, 0), Night)},
		{"eergisterochtend", friday, during(nov(25, 9, 0), Morning)},
		{"eergisterenmiddag", friday, during(nov(25, 14, 0), Afternoon)},
		{"eergisteravond", friday, during(nov(25, 20, 0), Evening)},
		{"eergisternacht", friday, during(nov(26, 3, 0), Night)},
		{"vanmorgen", friday, during(nov(27, 9, 0), Morning)},
		{"vanavond", fridayLate, during(nov(27, 20, 0), Evening)},
		{"vannacht", friday, during(nov(27, 3, 0), Night)},
		{"maandagochtend", friday, during(nov(23, 9, 0), Morning)},
		{"maandagmorgen", friday, during(nov(23, 9, 0), Morning)},
		{"dinsdagmiddag", friday, during(nov(24, 14, 0), Afternoon)},
		{"woensdagavond", friday, during(nov(25, 20, 0), Evening)},
		{"vrijdagavond", friday, during(nov(20, 20, 0), Evening)}, // this evening has not begun
		{"zaterdagavond", friday, during(nov(21, 20, 0), Evening)},
		{"zondagochtend", friday, during(nov(22, 9, 0), Morning)},
		{"donderdagnacht", friday, during(nov(27, 3, 0), Night)}, // the night after Thursday
		{"zaterdagnacht", friday, during(nov(22, 3, 0), Night)},
		{"vrijdagnacht", friday, during(nov(21, 3, 0), Night)},
		{"maandagochtend om 9 uur", friday, exactly(nov(23, 9, 0))},
		{"dinsdagmiddag om half 3", friday, exactly(nov(24, 14, 30))},
		{"zaterdagavond om 11 uur", friday, exactly(nov(21, 23, 0))},
		{"zaterdagnacht om 2 uur", friday, exactly(nov(22, 2, 0))},
		{"zaterdagnacht om 11 uur", friday, exactly(nov(21, 23, 0))},
		{"vannacht om 11 uur", friday, exactly(nov(26, 23, 0))},
		{"vannacht om half drie", friday, exactly(nov(27, 2, 30))},
		{"gisteravond om half 1", friday, exactly(nov(27, 0, 30))},
		{"gisteravond om 12 uur", friday, exactly(nov(27, 0, 0))},
		{"gisterenmiddag om 2 uur", friday, exactly(nov(26, 14, 0))},
		{"eergisterenavond om 9 uur", friday, exactly(nov(25, 21, 0))},
		{"gisterochtend om kwart over 8", friday, exactly(nov(26, 8, 15))},
		{"yesterday morning", friday, during(nov(26, 9, 0), Morning)},
		{"yesterday afternoon", friday, during(nov(26, 14, 0), Afternoon)},
		{"last night", friday, during(nov(27, 3, 0), Night)},
		{"this evening", fridayLate, during(nov(27, 20, 0), Evening)},
		{"tonight", fridayLate, during(nov(27, 20, 0), Evening)},
		{"friday night", friday, during(nov(21, 3, 0), Night)},
		{"monday morning", friday, during(nov(23, 9, 0), Morning)},
		{"saturday evening", friday, during(nov(21, 20, 0), Evening)},

		// 's ochtends, 's middags, 's avonds, 's nachts, however typed.
		{"'s middags om 2 uur", friday, exactly(nov(27, 14, 0))},
		{"s middags om 2 uur", friday, exactly(nov(27, 14, 0))},
		{"smiddags om 2 uur", friday, exactly(nov(27, 14, 0))},
		{"'smiddags om 2 uur", friday, exactly(nov(27, 14, 0))},
		{"’s middags om 2 uur", friday, exactly(nov(27, 14, 0))},
		{"s'middags om 2 uur", friday, exactly(nov(27, 14, 0))},
		{"'s-middags om 2 uur", friday, exactly(nov(27, 14, 0))},
		{"middags om 2 uur", friday, exactly(nov(27, 14, 0))},
		{"om 8 uur 's avonds", friday, exactly(nov(26, 20, 0))},
		{"om 7 uur 's ochtends", friday, exactly(nov(27, 7, 0))},
		{"om 7 uur 's morgens", friday, exactly(nov(27, 7, 0))},
		{"om 3 uur 's nachts", friday, exactly(nov(27, 3, 0))},
		{"om 3 uur snachts", friday, exactly(nov(27, 3, 0))},
		{"5 uur 's ochtends", friday, exactly(nov(27, 5, 0))},
		{"6 uur 's middags", friday, exactly(nov(26, 18, 0))},
		{"'s avonds", friday, during(nov(26, 20, 0), Evening)},
		{"gisteren 's nachts", friday, during(nov(26, 3, 0), Night)}, // that date's night
		{"gisteren 's avonds om 10 uur", friday, exactly(nov(26, 22, 0))},
		{"gisteren om 11 uur 's nachts", friday, exactly(nov(26, 23, 0))},
		{"in de middag om 3 uur", friday, exactly(nov(27, 15, 0))},

		// Approximately.
		{"rond drie uur 's middags", friday, about(nov(27, 15, 0))},
		{"ongeveer 3 uur 's middags", friday, about(nov(27, 15, 0))},
		{"omstreeks 15:00", friday, about(nov(27, 15, 0))},
		{"rond 15.30", friday, about(nov(26, 15, 30))},
		{"een uur of drie 's middags", friday, about(nov(27, 15, 0))},
		{"een uur of drie", friday, aboutEither(nov(27, 3, 0), nov(27, 15, 0))},
		{"gisteren rond half drie", friday, aboutEither(nov(26, 2, 30), nov(26, 14, 30))},
		{"gisteren rond drieën 's middags", friday, about(nov(26, 15, 0))},
		{"gisteren tegen vijven", friday, aboutEither(nov(26, 5, 0), nov(26, 17, 0))},
		{"3 uur 's middags of zo", friday, about(nov(27, 15, 0))},
		{"net na drieën 's middags", friday, about(nov(27, 15, 0))},
		{"vlak voor half vier 's middags", friday, about(nov(26, 15, 30))},
		{"vanochtend rond 10 uur", friday, about(nov(27, 10, 0))},
		{"rond de middag", friday, about(nov(27, 12, 0))},
		{"tussen de middag", friday, about(nov(27, 12, 30))},
		{"around 3pm", friday, about(nov(27, 15, 0))},
		{"about 9 pm yesterday", friday, about(nov(26, 21, 0))},
		{"yesterday around 3ish", friday, aboutEither(nov(26, 3, 0), nov(26, 15, 0))},

		// Which readings fit: only those that have passed on the most
		// recent day one has, and that are less than a year old.
		{"om 3 uur", fridayMorning, exactly(nov(27, 3, 0))}, // 15:00 has not come yet
		{"om 3 uur", fridayNight, either(nov(26, 3, 0), nov(26, 15, 0))},
		{"om 3 uur", friday, either(nov(27, 3, 0), nov(27, 15, 0))},
		{"gisteren 3 uur", fridayMorning, either(nov(26, 3, 0), nov(26, 15, 0))},
		{"half drie", at(2026, 11, 27, 14, 0), exactly(nov(27, 2, 30))},
		{"12:30", friday, either(nov(27, 0, 30), nov(27, 12, 30))},
		{"00:30", friday, exactly(nov(27, 0, 30))},
		{"kwart over 12", at(2026, 11, 27, 11, 0), exactly(nov(27, 0, 15))},
		{"zaterdag half drie", sunday, either(nov(28, 2, 30), nov(28, 14, 30))},
		{"vrijdag 3 uur", fridayMorning, exactly(nov(27, 3, 0))},
		{"28-11 om 3 uur", sunday, either(nov(28, 3, 0), nov(28, 15, 0))},
		{"28 november om 3 uur 's middags", sunday, exactly(nov(28, 15, 0))},
		{"eergisteren om 4 uur", friday, either(nov(25, 4, 0), nov(25, 16, 0))},
		{"maandag om 9 uur", friday, either(nov(23, 9, 0), nov(23, 21, 0))},
		{"gisteren 9:15", friday, either(nov(26, 9, 15), nov(26, 21, 15))},
		{"gisteren 9.15 uur 's ochtends", friday, exactly(nov(26, 9, 15))},
		{"om 9:15 's avonds", fridayLate, exactly(nov(27, 21, 15))},
		{"om 9 uur", at(2026, 11, 27, 20, 30), exactly(nov(27, 9, 0))},
		{"27-11-2025 om 9 uur", fridayMorning, exactly(at(2025, 11, 27, 21, 0))}, // 09:00 is over a year ago

		// Around the change to and from summer time.
		{"vannacht om half drie", springForward, exactly(at(2026, 3, 29, 3, 30))}, // 02:30 did not exist
		{"om half vier", at(2026, 3, 29, 16, 0), either(at(2026, 3, 29, 3, 30), at(2026, 3, 29, 15, 30))},
		{"twee uur geleden", afterSpringForward, exactly(at(2026, 3, 29, 0, 30))},
		{"gisteravond om 11 uur", springForward, exactly(at(2026, 3, 28, 23, 0))},
		{"vannacht om 3 uur", fallBack, exactly(at(2026, 10, 25, 3, 0))},
		{"twee uur geleden", time.Date(2026, 10, 25, 2, 30, 0, 0, time.UTC).In(ams), exactly(time.Date(2026, 10, 25, 0, 30, 0, 0, time.UTC).In(ams))},

		// What is refused, and why.
		{"gisteren om 3 of 4 uur", friday, refused(ErrUnreadable)},
		{"kwart over 25", friday, refused(ErrUnreadable)},
		{"half 0", friday, refused(ErrUnreadable)},
		{"gisteren 25 uur", friday, refused(ErrUnreadable)},
		{"14:30pm", friday, refused(ErrUnreadable)},
		{"half drie 's avonds", friday, refused(ErrUnreadable)},
		{"8 uur 's nachts", friday, refused(ErrUnreadable)},
		{"3 uur 's ochtends 's avonds", friday, refused(ErrUnreadable)},
		{"tien minuten", friday, refused(ErrUnreadable)},
		{"geleden", friday, refused(ErrUnreadable)},
		{"over een uur", friday, refused(ErrUnreadable)},
		{"anderhalve dag geleden", friday, refused(ErrUnreadable)},
		{"een uur geleden en", friday, refused(ErrUnreadable)},
		{"morgen om half drie", friday, refused(ErrFuture)},
		{"tomorrow at half past two", friday, refused(ErrFuture)},
		{"vanmiddag om kwart voor vier", friday, refused(ErrFuture)},
		{"vanavond om 12 uur", fridayLate, refused(ErrFuture)},
		{"12-11-2025 om 3 uur", friday, refused(ErrTooOld)},
		{"500 dagen geleden", friday, refused(ErrTooOld)},
		{"10000000 uur geleden", friday, refused(ErrTooOld)},
	}
	if len(tests) < 150 {
		t.Fatalf("%d phrases; the table should keep at least 150", len(tests))
	}
	for _, tt := range tests {
		t.Run(tt.in+"@"+tt.now.Format("Mon 15:04"), func(t *testing.T) {
			got, err := Parse(tt.in, tt.now)
			var amb *Ambiguous
			switch {
			case tt.want.err != nil:
				if !errors.Is(err, tt.want.err) {
					t.Fatalf("Parse(%q) = %s, %v; want error %v", tt.in, show(got), err, tt.want.err)
				}
			case tt.want.readings != nil:
				if !errors.As(err, &amb) {
					t.Fatalf("Parse(%q) = %s, %v; want a choice between %s", tt.in, show(got), err, showAll(tt.want.readings))
				}
				if !sameMoments(amb.Readings, tt.want.readings) {
					t.Errorf("Parse(%q) offers %s, want %s", tt.in, showAll(amb.Readings), showAll(tt.want.readings))
				}
			default:
				if err != nil {
					t.Fatalf("Parse(%q) error: %v; want %s", tt.in, err, show(tt.want.moment))
				}
				if !sameMoment(got, tt.want.moment) {
					t.Errorf("Parse(%q) = %s, want %s", tt.in, show(got), show(tt.want.moment))
				}
			}
		})
	}
}

func sameMoment(a, b Moment) bool {
	return a.Time.Equal(b.Time) && a.Time.Location() == b.Time.Location() &&
		a.Precision == b.Precision && a.Part == b.Part && a.Approx == b.Approx
}

func sameMoments(a, b []Moment) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !sameMoment(a[i], b[i]) {
			return false
		}
	}
	return true
}

func show(m Moment) string {
	s := m.Time.Format("Mon 2 Jan 2006 15:04 MST") + " " + string(m.Precision)
	if m.Part != "" {
		s += " " + string(m.Part)
	}
	if m.Approx {
		s += " approx"
	}
	return s
}

func showAll(ms []Moment) string {
	var s []string
	for _, m := range ms {
		s = append(s, show(m))
	}
	return "[" + strings.Join(s, " | ") + "]"
}

// A moment stored before Approx existed reads back the same, and a moment
// that is not approximate is stored as before.
func TestMomentJSONStaysReadable(t *testing.T) {
	stored := `{"time":"2026-11-27T09:00:00+01:00","precision":"part_of_day","part":"morning"}`
	var m Moment
	if err := json.Unmarshal([]byte(stored), &m); err != nil {
		t.Fatal(err)
	}
	if !m.Time.Equal(at(2026, 11, 27, 9, 0)) || m.Precision != PartOfDay || m.Part != Morning || m.Approx {
		t.Errorf("stored moment reads as %+v", m)
	}
	out, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != stored {
		t.Errorf("stored as %s, want %s", out, stored)
	}
	out, _ = json.Marshal(Moment{Time: at(2026, 11, 27, 15, 0), Precision: Minute, Approx: true})
	if !strings.Contains(string(out), `"approx":true`) {
		t.Errorf("an approximate moment is stored as %s", out)
	}
}

// The caller can show what was understood and offer both readings as
// buttons: the error says which times are meant.
func TestAmbiguousNamesBothReadings(t *testing.T) {
	_, err := Parse("gisteren om 3 uur", friday)
	var amb *Ambiguous
	if !errors.As(err, &amb) {
		t.Fatalf("error %v, want *Ambiguous", err)
	}
	if got := err.Error(); !strings.Contains(got, "2026-11-26 03:00") || !strings.Contains(got, "2026-11-26 15:00") {
		t.Errorf("error text %q does not name both readings", got)
	}
	if errors.Is(err, ErrUnreadable) {
		t.Error("an ambiguous time is not an unreadable one")
	}
}
