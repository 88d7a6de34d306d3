package observe

import (
	"bufio"
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
)

// HealerMetrics reads the healer's /metrics from inside its own network namespace (the
// healer publishes no port), and returns the named samples that carry no labels.
func (r Reports) HealerMetrics(ctx context.Context, pid int, names ...string) (map[string]float64,
	error) {
	const target = "http://127.0.0.1:8080/metrics"
	status, body, err := r.Probe.Fetch(ctx, pid, http.MethodGet, target)
	if err != nil {
		return nil, err
	}
	if status != http.StatusOK {
		return nil, fmt.Errorf("reading %s: status %d", target, status)
	}
	return Gauges(body, names...)
}

// Gauges picks unlabelled samples out of Prometheus' text format; a name that is
// missing is an error, so a renamed series fails loudly instead of reading as zero.
func Gauges(text string, names ...string) (map[string]float64, error) {
	want := map[string]bool{}
	for _, n := range names {
		want[n] = true
	}
	out := map[string]float64{}
	sc := bufio.NewScanner(strings.NewReader(text))
	for sc.Scan() {
		name, value, ok := strings.Cut(sc.Text(), " ")
		if !ok || !want[name] {
			continue
		}
		v, err := strconv.ParseFloat(strings.Fields(value)[0], 64)
		if err != nil {
			return nil, fmt.Errorf("reading %s: %w", name, err)
		}
		out[name] = v
	}
	for _, n := range names {
		if _, ok := out[n]; !ok {
			return nil, fmt.Errorf("reading metrics: no sample %s", n)
		}
	}
	return out, nil
}
