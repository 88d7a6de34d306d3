package checks

import (
	"fmt"
	"slices"
	"time"

	"github.com/healstack/healstack/e2e/observe"
)

// Count is how many engine events of a container begin with action in [from, to).
func Count(entries []observe.Entry, container, action string, from, to time.Time) int {
	match := observe.Engine(container, action)
	n := 0
	for _, e := range entries {
		if match(e) && !e.Time.Before(from) && e.Time.Before(to) {
			n++
		}
	}
	return n
}

// Growth bounds how much a gauge of a long-running process may rise over a soak.
type Growth struct {
	// Window is how many readings at each end are compared (their medians), so that one
	// reading taken mid-garbage-collection decides nothing.
	Window int
	// Allowance is the rise accepted between the two medians.
	Allowance float64
}

// Check fails if the median of the last readings exceeds the median of the first ones
// by more than the allowance. With fewer than two windows of readings it compares the
// first reading with the last.
func (g Growth) Check(readings []float64) error {
	if len(readings) < 2 {
		return nil
	}
	w := max(1, min(g.Window, len(readings)/2))
	head, tail := median(readings[:w]), median(readings[len(readings)-w:])
	if tail-head > g.Allowance {
		return fmt.Errorf("rose from %.0f (median of the first %d) to %.0f (median of the "+
			"last %d), more than the %.0f allowed", head, w, tail, w, g.Allowance)
	}
	return nil
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
