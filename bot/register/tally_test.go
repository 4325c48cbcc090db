package register

import (
	"fmt"
	"maps"
	"testing"
)

// A tally counts as a map does, past the values it looks through one by
// one as well.
func TestTallyCountsAsAMap(t *testing.T) {
	var tl tally[string]
	want := map[string]int{}
	for i := range 1000 {
		k := fmt.Sprintf("afdeling-%d", (i*7)%(tallyLinear+9))
		tl.add(k)
		want[k]++
	}
	got := map[string]int{}
	tl.into(got)
	if !maps.Equal(got, want) {
		t.Errorf("tally %v, want %v", got, want)
	}
}
