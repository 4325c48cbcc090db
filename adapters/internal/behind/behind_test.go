package behind

import "testing"

// A catch-up that finishes after a newer one began does not clear the
// conversation: only the newer one does. Unknown makes every conversation
// behind until the next catch-up lists them.
func TestOnlyTheLatestCatchUpClearsAConversation(t *testing.T) {
	var s Set
	s.Add("D1", "D2")
	first := s.Current("D1")
	s.Add("D1") // meldbot was away again
	s.Done("D1", first)
	if !s.Is("D1") {
		t.Error("the older catch-up cleared D1")
	}
	s.Done("D1", s.Current("D1"))
	if s.Is("D1") || !s.Is("D2") {
		t.Errorf("after the newer catch-up: D1 behind %v, D2 behind %v; want false, true", s.Is("D1"), s.Is("D2"))
	}
	s.Unknown()
	if !s.Is("D9") {
		t.Error("while unknown, a conversation is not behind")
	}
	s.Add()
	if s.Is("D9") || !s.Is("D2") {
		t.Error("a new catch-up did not end the unknown, or forgot D2")
	}
}
