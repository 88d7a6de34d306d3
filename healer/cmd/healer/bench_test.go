package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/healstack/healstack/healer/config"
	"github.com/healstack/healstack/healer/internal/fakeengine"
	"github.com/healstack/healstack/internal/benchfile"
)

// BENCH_RESULTS names the results file the benchmarks write (make bench sets it).
var (
	benchMu      sync.Mutex
	benchResults = map[string]benchfile.Result{}
)

func TestMain(m *testing.M) {
	code := m.Run()
	if path := os.Getenv("BENCH_RESULTS"); path != "" && len(benchResults) > 0 {
		var results []benchfile.Result
		for _, name := range []string{"unhealthy-to-restart", "reconcile-1000"} {
			if r, ok := benchResults[name]; ok {
				results = append(results, r)
			}
		}
		if err := benchfile.Write(path, "make bench", results); err != nil {
			fmt.Fprintln(os.Stderr, err)
			code = 1
		}
	}
	os.Exit(code)
}

// keep records the trials of a benchmark's last (largest) run.
func keep(r benchfile.Result) {
	benchMu.Lock()
	defer benchMu.Unlock()
	benchResults[r.Name] = r
}

// BenchmarkUnhealthyToRestart times the whole path in one process: an unhealthy event
// on the fake engine's event stream, through the adapter and the decisions, to the
// restart request reaching the fake engine.
func BenchmarkUnhealthyToRestart(b *testing.B) {
	engine := fakeengine.New(b)
	vpn := engine.Add("vpn", fakeengine.Healthy,
		fakeengine.Labels(map[string]string{"autoheal": "true"}))
	arrived := make(chan time.Time, 1)
	engine.OnRequest(func(method, path string) {
		if method == "POST" && strings.HasSuffix(path, "/containers/"+vpn+"/restart") {
			arrived <- time.Now()
		}
	})
	startDaemon(b, engine, "HEALER_BACKOFF_INITIAL=0s", "HEALER_RESTART_BUDGET=1000000",
		"HEALER_DEPENDENTS=false", "AUTOHEAL_INTERVAL=3600")
	trials := make([]float64, 0, b.N)
	b.ResetTimer()
	for i := range b.N {
		// The fake's probes take 50 ms, like a real one: a probe that began before the
		// restart would be ignored as stale, so wait until one can begin after it.
		time.Sleep(60 * time.Millisecond)
		engine.SetHealth(vpn, "healthy")
		begin := time.Now()
		engine.SetHealth(vpn, "unhealthy")
		select {
		case at := <-arrived:
			trials = append(trials, float64(at.Sub(begin).Microseconds())/1000)
		case <-time.After(10 * time.Second):
			b.Fatalf("trial %d: no restart request within 10s", i)
		}
		waitRestarted(b, engine, vpn, i+1)
	}
	b.StopTimer()
	report(b, benchfile.NewResult("unhealthy-to-restart", "ms", "p99 < 50 ms",
		"in process: fake engine (httptest, recorded JSON) -> events stream -> docker "+
			"adapter -> decisions -> restart request timed at the fake's handler", trials))
}

// BenchmarkReconcile1000 times one full reconcile over 1,000 containers listed by the
// fake engine through the Docker adapter: the list request, decoding and the decisions.
func BenchmarkReconcile1000(b *testing.B) {
	engine := fakeengine.New(b)
	for i := range 1000 {
		labels := map[string]string{"autoheal": fmt.Sprint(i%2 == 0)}
		engine.Add(fmt.Sprintf("c%04d", i), fakeengine.Healthy, fakeengine.Labels(labels))
	}
	cfg, _, err := config.Load([]string{"DOCKER_HOST=" + engine.Host()})
	if err != nil {
		b.Fatal(err)
	}
	client, _, err := connect(b.Context(), cfg)
	if err != nil {
		b.Fatal(err)
	}
	defer client.Close()
	h := newHealer(cfg, client, slog.New(slog.NewTextHandler(io.Discard, nil)), nil, "")
	trials := make([]float64, 0, b.N)
	b.ResetTimer()
	for range b.N {
		begin := time.Now()
		if err := h.Reconcile(b.Context()); err != nil {
			b.Fatal(err)
		}
		trials = append(trials, float64(time.Since(begin).Microseconds())/1000)
	}
	b.StopTimer()
	h.Wait()
	report(b, benchfile.NewResult("reconcile-1000", "ms", "< 100 ms",
		"in process: Reconcile over 1,000 containers (half selected, all healthy) listed "+
			"by the fake engine over HTTP", trials))
}

func report(b *testing.B, r benchfile.Result) {
	b.ReportMetric(r.Summary.P50, "p50-ms")
	b.ReportMetric(r.Summary.P99, "p99-ms")
	keep(r)
}

// startDaemon runs the healer against the engine until the benchmark ends.
func startDaemon(b *testing.B, engine *fakeengine.Engine, extra ...string) {
	env := append([]string{"DOCKER_HOST=" + engine.Host(), "HEALER_LISTEN=127.0.0.1:0",
		"HEALER_LOG_LEVEL=" +
			map[bool]string{true: "debug", false: "error"}[os.Getenv("BENCH_DEBUG") != ""]},
		extra...)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() { done <- run(ctx, nil, env, benchLog(), benchLog()) }()
	b.Cleanup(func() {
		cancel()
		<-done
	})
	// The stream is open once the first reconcile has listed the containers.
	deadline := time.Now().Add(10 * time.Second)
	for !listed(engine) {
		if time.Now().After(deadline) {
			b.Fatal("healer did not start")
		}
		time.Sleep(time.Millisecond)
	}
}

func listed(engine *fakeengine.Engine) bool {
	var events, list bool
	for _, r := range engine.Requests() {
		events = events || strings.Contains(r, "/events")
		list = list || strings.Contains(r, "/containers/json")
	}
	return events && list
}

func waitRestarted(b *testing.B, engine *fakeengine.Engine, id string, n int) {
	deadline := time.Now().Add(10 * time.Second)
	for engine.Restarts(id) < n || engine.Health(id) != "starting" {
		if time.Now().After(deadline) {
			b.Fatalf("restart %d did not complete", n)
		}
		time.Sleep(100 * time.Microsecond)
	}
}

func benchLog() io.Writer {
	if os.Getenv("BENCH_DEBUG") != "" {
		return os.Stderr
	}
	return io.Discard
}
