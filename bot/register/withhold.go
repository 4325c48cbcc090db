package register

// Small numbers in overviews. Counts from 1 up to below the threshold show
// as "< 5"; what follows keeps them from being worked out from a total.
//
// A column of a table (or the aftercare line) whose counts add up to a
// total that is shown lets a reader subtract the counts shown from the
// total: what is left is the sum of the hidden ones. A hidden count can be
// worked out exactly when
//   - it is the only one hidden (the rest is its value), or
//   - what is left is as small as it can be (every hidden count 1, every
//     left-out count at the threshold) or, with nothing left out, as large
//     as it can be (every hidden count one below the threshold).
//
// As long as that is so, the smallest count still shown is left out as
// well ("×"); a count left out is at least the threshold, since a smaller
// one would show as "< 5". When every count of the column is hidden and
// the total still gives them away (five kinds once each), the whole column
// is left out. Counts that add up to more than the total (an incident of
// two kinds counts under both) or to a total that is itself hidden give
// nothing away and are shown as they are.

// withhold returns, for the counts of a column and the total they may add
// up to, which counts to leave out ("×") besides those shown as "< small".
// It returns nil when nothing is left out.
func (o Overview) withhold(cells []int, total int) []bool {
	if o.small == 0 || o.hidden(total) {
		return nil
	}
	sum, hidden := 0, 0
	for _, n := range cells {
		sum += n
		if o.hidden(n) {
			hidden++
		}
	}
	if sum != total || hidden == 0 {
		return nil
	}
	out := make([]bool, len(cells))
	left := 0     // counts left out
	rest := total // the sum of the hidden and left-out counts
	for _, n := range cells {
		if !o.hidden(n) {
			rest -= n
		}
	}
	for o.givenAway(hidden, left, rest) {
		next := -1
		for i, n := range cells {
			if n > 0 && !o.hidden(n) && !out[i] && (next < 0 || n < cells[next]) {
				next = i
			}
		}
		if next < 0 {
			for i := range out {
				out[i] = true
			}
			return out
		}
		out[next], left, rest = true, left+1, rest+cells[next]
	}
	if left == 0 {
		return nil
	}
	return out
}

// givenAway reports whether hidden counts (each from 1 to small-1) and left
// out counts (each at least small) that add up to rest pin a hidden count
// down to one value.
func (o Overview) givenAway(hidden, left, rest int) bool {
	if left == 0 {
		return hidden == 1 || rest == hidden || rest == hidden*(o.small-1)
	}
	return rest == hidden+left*o.small
}
