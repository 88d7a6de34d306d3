// Package benchfile writes benchmark results files: the raw trials, their summary, and
// the date, machine and method, so that a figure quoted in the README can be traced to
// the run that produced it and rerun.
package benchfile

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"
)

// Result is one measured quantity.
type Result struct {
	Name    string    `json:"name"`
	Unit    string    `json:"unit"`
	Target  string    `json:"target,omitempty"`
	Method  string    `json:"method"`
	Summary Summary   `json:"summary"`
	Trials  []float64 `json:"trials"`
}

// Summary condenses the trials.
type Summary struct {
	N    int     `json:"n"`
	P50  float64 `json:"p50"`
	P95  float64 `json:"p95"`
	P99  float64 `json:"p99"`
	Max  float64 `json:"max"`
	Mean float64 `json:"mean"`
}

// File is a whole results file.
type File struct {
	Date    string   `json:"date"`
	Machine Machine  `json:"machine"`
	Command string   `json:"command"`
	Results []Result `json:"results"`
}

// Machine says where the figures were measured.
type Machine struct {
	CPU    string `json:"cpu"`
	Cores  int    `json:"cores"`
	Memory string `json:"memory"`
	Kernel string `json:"kernel"`
	Go     string `json:"go"`
}

// Summarize computes nearest-rank percentiles of the trials.
func Summarize(trials []float64) Summary {
	if len(trials) == 0 {
		return Summary{}
	}
	sorted := slices.Sorted(slices.Values(trials))
	var sum float64
	for _, v := range sorted {
		sum += v
	}
	return Summary{N: len(sorted), P50: rank(sorted, 50), P95: rank(sorted, 95),
		P99: rank(sorted, 99), Max: sorted[len(sorted)-1], Mean: sum / float64(len(sorted))}
}

func rank(sorted []float64, p float64) float64 {
	i := int(math.Ceil(p/100*float64(len(sorted)))) - 1
	return sorted[max(i, 0)]
}

// NewResult summarises trials into a Result.
func NewResult(name, unit, target, method string, trials []float64) Result {
	return Result{Name: name, Unit: unit, Target: target, Method: method,
		Summary: Summarize(trials), Trials: trials}
}

// Write stamps the file with the date and machine and writes it as indented JSON.
func Write(path, command string, results []Result) error {
	f := File{Date: time.Now().UTC().Format(time.RFC3339), Machine: ThisMachine(),
		Command: command, Results: results}
	data, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return fmt.Errorf("encoding results: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("writing results: %w", err)
	}
	if err := os.WriteFile(path, append(data, '\n'), 0o644); err != nil {
		return fmt.Errorf("writing results: %w", err)
	}
	return nil
}

// ThisMachine reads what the figures depend on.
func ThisMachine() Machine {
	return Machine{CPU: procField("/proc/cpuinfo", "model name"), Cores: runtime.NumCPU(),
		Memory: procField("/proc/meminfo", "MemTotal"), Kernel: kernel(),
		Go: runtime.Version()}
}

func procField(path, key string) string {
	data, err := os.ReadFile(path)
	if err != nil {
		return "unknown"
	}
	for _, line := range strings.Split(string(data), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == key {
			return strings.TrimSpace(v)
		}
	}
	return "unknown"
}

func kernel() string {
	data, err := os.ReadFile("/proc/sys/kernel/osrelease")
	if err != nil {
		return "unknown"
	}
	return strings.TrimSpace(string(data))
}
