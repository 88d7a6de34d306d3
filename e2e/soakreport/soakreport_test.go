package soakreport

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var t0 = time.Date(2026, 12, 3, 19, 0, 0, 0, time.UTC)

// cycle builds a cycle whose phases come the given seconds after its crash.
func cycle(n int, unhealthy, kill, healthy, back float64) Cycle {
	at := func(s float64) time.Time { return t0.Add(time.Duration(s * float64(time.Second))) }
	return Cycle{N: n, Injected: t0, Unhealthy: at(unhealthy), Kill: at(kill),
		Healthy: at(healthy), TrafficBack: at(back), End: at(back + 20), VPNRestarts: 1,
		DependentRestarts: 1, ResidentBytes: 12 * mib, Goroutines: 14}
}

func seconds(ss ...float64) []time.Duration {
	out := make([]time.Duration, len(ss))
	for i, s := range ss {
		out[i] = time.Duration(s * float64(time.Second))
	}
	return out
}

func TestSummarize(t *testing.T) {
	cases := []struct {
		name string
		in   []time.Duration
		want Summary
	}{
		{"nearest rank - five cycles, p95 is the largest", seconds(5, 1, 4, 2, 3),
			Summary{P50: 3 * time.Second, P95: 5 * time.Second, Max: 5 * time.Second}},
		{"nearest rank - twenty cycles, p95 is the 19th", seconds(20, 19, 18, 17, 16, 15, 14,
			13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1),
			Summary{P50: 10 * time.Second, P95: 19 * time.Second, Max: 20 * time.Second}},
		{"one cycle - every figure is that cycle", seconds(2),
			Summary{P50: 2 * time.Second, P95: 2 * time.Second, Max: 2 * time.Second}},
		{"no cycles - zero", nil, Summary{}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := Summarize(tc.in); got != tc.want {
				t.Errorf("Summarize = %+v, want %+v", got, tc.want)
			}
		})
	}
}

func TestSummarizeLeavesItsInputAlone(t *testing.T) {
	in := seconds(3, 1, 2)
	Summarize(in)
	if in[0] != 3*time.Second {
		t.Errorf("input reordered: %v", in)
	}
}

func report() Report {
	return Report{Flavour: "WARP", Planned: 5, Period: 20 * time.Second, Cycles: []Cycle{
		cycle(1, 2.5, 2.6, 6.0, 7.25), cycle(2, 3.5, 3.6, 7.0, 8.0)}}
}

func TestMarkdown(t *testing.T) {
	md := Markdown(report())
	for _, want := range []string{
		"## Soak: 2 of 5 cycles on the WARP flavour",
		"| unhealthy | 2.50 | 3.50 | 3.50 |",
		"| traffic back | 7.25 | 8.00 | 8.00 |",
		"| 1 | 2.50 | 2.60 | 6.00 | 7.25 | 1 | 1 | 12.0 | 14 |",
		"from 12.0 MiB after cycle 1 to 12.0 MiB after cycle 2",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q:\n%s", want, md)
		}
	}
}

func TestWriteLeavesTableChartAndCycles(t *testing.T) {
	f := FilesIn(filepath.Join(t.TempDir(), "e2e"))
	if err := Write(f, report()); err != nil {
		t.Fatalf("Write: %v", err)
	}
	png, err := os.ReadFile(f.Chart)
	if err != nil || !bytes.HasPrefix(png, []byte("\x89PNG")) {
		t.Errorf("chart - want a PNG: %v", err)
	}
	for _, path := range []string{f.Markdown, f.JSON} {
		if info, err := os.Stat(path); err != nil || info.Size() == 0 {
			t.Errorf("%s - want a non-empty file: %v", path, err)
		}
	}
}

func TestAppendSummary(t *testing.T) {
	path := filepath.Join(t.TempDir(), "summary.md")
	if err := os.WriteFile(path, []byte("# earlier step\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := AppendSummary(path, report()); err != nil {
		t.Fatalf("AppendSummary: %v", err)
	}
	got, _ := os.ReadFile(path)
	if !strings.HasPrefix(string(got), "# earlier step\n## Soak:") {
		t.Errorf("summary - appended after the earlier step: %q", got[:40])
	}
	if err := AppendSummary("", report()); err != nil {
		t.Errorf("no summary file - nothing to do: %v", err)
	}
}
