package register

import (
	"slices"
	"time"
)

// sortedDurations returns the durations of whole seconds ss, shortest
// first. ss is sorted in place by its bytes (a radix sort), which for the
// tens of thousands of times a year holds takes a fraction of comparing
// them; the bytes all times share are skipped.
func sortedDurations(ss []int64) Durations {
	if len(ss) == 0 {
		return nil
	}
	if len(ss) < 256 {
		slices.Sort(ss)
	} else {
		radixSort(ss)
	}
	ds := make(Durations, len(ss))
	for i, s := range ss {
		ds[i] = seconds(s)
	}
	return ds
}

// seconds returns s seconds as a duration, as time.Time.Sub does: the
// longest or shortest duration when it does not fit.
func seconds(s int64) time.Duration {
	switch {
	case s > maxSeconds:
		return maxDuration
	case s < -maxSeconds:
		return minDuration
	}
	return time.Duration(s) * time.Second
}

const (
	maxDuration = time.Duration(1<<63 - 1)
	minDuration = time.Duration(-1 << 63)
	maxSeconds  = int64(maxDuration / time.Second)
)

// radixSort sorts ss in place, a byte at a time from the lowest, of
// their distance from the smallest: only as many bytes as the longest
// distance has.
func radixSort(ss []int64) {
	lo, hi := slices.Min(ss), slices.Max(ss)
	span := uint64(hi) - uint64(lo) // fits: hi ≥ lo
	digits := 0
	for ; span > 0; span >>= 8 {
		digits++
	}
	var counts [8][256]int
	for _, s := range ss {
		k := uint64(s) - uint64(lo)
		for d := range digits {
			counts[d][byte(k>>(8*d))]++
		}
	}
	from, to := ss, make([]int64, len(ss))
	for d := range digits {
		c := &counts[d]
		at := 0
		for b := range c {
			c[b], at = at, at+c[b]
		}
		for _, s := range from {
			b := byte((uint64(s) - uint64(lo)) >> (8 * d))
			to[c[b]] = s
			c[b]++
		}
		from, to = to, from
	}
	if digits%2 == 1 {
		copy(ss, from)
	}
}
