package register

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

// Times sorted by their bytes come shortest first, as sorting them by
// comparison puts them: negative ones, ones that do not fit in a duration,
// many the same and few different.
func TestSortedDurationsAreShortestFirst(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 16))
	draws := []func() int64{
		func() int64 { return rng.Int64N(7 * 24 * 3600) },
		func() int64 { return rng.Int64N(4000) - 2000 },
		func() int64 { return []int64{0, 3600, 1<<40 + 5}[rng.IntN(3)] },
		func() int64 { return rng.Int64() - rng.Int64() },
		func() int64 {
			return []int64{math.MinInt64, math.MaxInt64, -1, 1, maxSeconds, maxSeconds + 1}[rng.IntN(6)]
		},
	}
	for _, n := range []int{0, 1, 255, 256, 1000, 70_000} {
		for i, draw := range draws {
			ss := make([]int64, n)
			for j := range ss {
				ss[j] = draw()
			}
			var want Durations
			for _, s := range ss {
				want = append(want, seconds(s))
			}
			slices.Sort(want)
			if got := sortedDurations(ss); !slices.Equal(got, want) {
				t.Errorf("%d times of draw %d come out of order", n, i)
			}
		}
	}
	if seconds(maxSeconds+1) != time.Duration(math.MaxInt64) || seconds(-maxSeconds-1) != time.Duration(math.MinInt64) {
		t.Error("times too long for a duration do not end at the longest and shortest")
	}
}
