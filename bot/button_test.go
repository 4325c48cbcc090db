package bot

import "testing"

// Every button meldbot sends reads back as what it was made from; values
// sent by earlier versions, which are still in people's chats, read the
// same; anything else is unknown.
func TestButtonValuesReadBack(t *testing.T) {
	for _, b := range []button{
		{kind: startButton},
		{kind: answerButton, conv: "a1b2c3", question: "categories", key: "threat"},
		{kind: taskButton, task: "GIR-2026-0001/check_in/sanne.visser@voorbeeldrode.nl/1", action: "snooze=tomorrow"},
		{kind: checklistButton, item: "S2/publiekszaken"},
		{kind: uncheckButton, item: "S2/publiekszaken"},
		{kind: checkInOfferButton, number: "GIR-2026-0001", answer: "yes"},
		{kind: taskPageButton, page: 3},
	} {
		if got := parseButton(b.Value()); got != b {
			t.Errorf("%q reads back as %+v, want %+v", b.Value(), got, b)
		}
	}
	for value, want := range map[string]button{
		"t:GIR-2026-0001/first_care:ack": {kind: taskButton, task: "GIR-2026-0001/first_care", action: "ack"},
		"r:c1:when:now":                  {kind: answerButton, conv: "c1", question: "when", key: "now"},
		"c:GIR-2026-0003:no":             {kind: checkInOfferButton, number: "GIR-2026-0003", answer: "no"},
	} {
		if got := parseButton(value); got != want {
			t.Errorf("%q reads as %+v, want %+v", value, got, want)
		}
	}
	for _, value := range []string{"", "start:x", "r:c1:when", "t:nocolon", "o:", "u:", "c:GIR-2026-0001", "x:y", "🙂", "tl:0", "tl:x"} {
		if got := parseButton(value); got.kind != unknownButton {
			t.Errorf("%q reads as %+v", value, got)
		}
	}
}
