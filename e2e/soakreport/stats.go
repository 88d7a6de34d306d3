package soakreport

import (
	"math"
	"slices"
	"time"
)

// Summary is a phase's distribution over the cycles.
type Summary struct {
	P50, P95, Max time.Duration
}

// Summarize takes percentiles by nearest rank: each is a time some cycle really took,
// which keeps the table honest for the handful of cycles make e2e runs.
func Summarize(ds []time.Duration) Summary {
	if len(ds) == 0 {
		return Summary{}
	}
	sorted := slices.Clone(ds)
	slices.Sort(sorted)
	return Summary{P50: rank(sorted, 0.50), P95: rank(sorted, 0.95), Max: sorted[len(sorted)-1]}
}

// rank is the smallest value with at least p of the values at or below it.
func rank(sorted []time.Duration, p float64) time.Duration {
	i := int(math.Ceil(p*float64(len(sorted)))) - 1
	return sorted[max(i, 0)]
}

// PhaseSummary summarizes one phase over the cycles.
func PhaseSummary(p Phase, cycles []Cycle) Summary {
	ds := make([]time.Duration, len(cycles))
	for i, c := range cycles {
		ds[i] = p.Took(c)
	}
	return Summarize(ds)
}
