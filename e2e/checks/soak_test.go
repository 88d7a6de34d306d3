package checks

import (
	"strings"
	"testing"
	"time"

	"github.com/healstack/healstack/e2e/observe"
)

func TestCount(t *testing.T) {
	ev := func(s int, subject, what string) observe.Entry {
		return observe.Entry{Time: t0.Add(time.Duration(s) * time.Second), Source: "engine",
			Subject: subject, What: what}
	}
	entries := []observe.Entry{
		ev(1, "vpn", "kill"), ev(2, "vpn", "restart"), ev(3, "qbt", "restart"),
		ev(10, "vpn", "restart"), {Time: t0.Add(4 * time.Second), Source: "spec",
			Subject: "vpn", What: "restart"},
	}
	from, to := t0, t0.Add(10*time.Second)
	if n := Count(entries, "vpn", "restart", from, to); n != 1 {
		t.Errorf("restarts in the window - the one at its end belongs to the next: got %d", n)
	}
	if n := Count(entries, "qbt", "restart", from, to); n != 1 {
		t.Errorf("restarts of another container - counted apart: got %d", n)
	}
}

func TestGrowth(t *testing.T) {
	cases := []struct {
		name     string
		readings []float64
		want     string
	}{
		{"flat - noise inside the allowance", []float64{10, 12, 11, 10, 13, 11}, ""},
		{"flat - one high reading at the end", []float64{10, 10, 10, 10, 10, 40}, ""},
		{"leak - a steady rise", []float64{10, 12, 14, 16, 18, 20}, "rose from 12"},
		{"short run - first against last", []float64{10, 20}, "rose from 10"},
		{"one reading - nothing to compare", []float64{10}, ""},
	}
	g := Growth{Window: 3, Allowance: 4}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := g.Check(tc.readings)
			if tc.want == "" && err != nil || tc.want != "" &&
				(err == nil || !strings.Contains(err.Error(), tc.want)) {
				t.Errorf("Check = %v, want %q", err, tc.want)
			}
		})
	}
}
