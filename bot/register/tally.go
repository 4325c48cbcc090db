package register

// tally counts the values of a small set — the departments, locations,
// categories or measures of a period's rows — without hashing each value:
// a scan's rows share their strings, so comparing is mostly comparing
// pointers. Past tallyLinear distinct values it counts in a map.
type tally[K ~string] struct {
	keys   []K
	counts []int
	more   map[K]int
}

// tallyLinear is how many distinct values a tally looks through one by one.
const tallyLinear = 32

// add counts k once.
func (t *tally[K]) add(k K) {
	for i, key := range t.keys {
		if key == k {
			t.counts[i]++
			return
		}
	}
	if len(t.keys) < tallyLinear {
		t.keys = append(t.keys, k)
		t.counts = append(t.counts, 1)
		return
	}
	if t.more == nil {
		t.more = map[K]int{}
	}
	t.more[k]++
}

// into adds the counts to m, one entry per value counted.
func (t *tally[K]) into(m map[K]int) {
	for i, k := range t.keys {
		m[k] += t.counts[i]
	}
	for k, n := range t.more {
		m[k] += n
	}
}
