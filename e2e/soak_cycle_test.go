//go:build e2e

package e2e

import (
	"context"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/healstack/healstack/e2e/checks"
	"github.com/healstack/healstack/e2e/faults"
	"github.com/healstack/healstack/e2e/soakreport"
	"github.com/healstack/healstack/e2e/stack"
)

// soakCycle crashes the VPN's daemon once, follows the recovery through the engine's
// events and the canary, keeps the stack whole for the period, then counts what the
// healer did in the cycle and reads its /metrics. The cycle has its own deadline.
func soakCycle(spec SpecContext, n int, deps []string) soakreport.Cycle {
	ctx, cancel := context.WithTimeout(spec, soakCycleWithin(soak.period))
	defer cancel()
	c := soakreport.Cycle{N: n, Injected: time.Now()}
	Expect(faults.Inject(ctx, run.faults, faults.DaemonCrash)).To(Succeed())
	c.Unhealthy = awaitEvent(ctx, c.Injected, stack.VPN, "health_status: unhealthy",
		unhealthyWithin).Time
	c.Kill = awaitEvent(ctx, c.Unhealthy, stack.VPN, "kill", killWithin+margin).Time
	start := awaitEvent(ctx, c.Kill, stack.VPN, "start", startWithin+margin).Time
	c.Healthy = awaitEvent(ctx, start, stack.VPN, "health_status: healthy", healthyWithin).Time
	var last time.Time
	for _, dep := range deps {
		last = later(last, awaitEvent(ctx, c.Healthy, dep, "start", recoveredWithin).Time)
	}
	c.TrafficBack = trafficBack(ctx, last)

	Consistently(faults.Whole).WithContext(ctx).WithArguments(run.faults).
		WithTimeout(soak.period).WithPolling(poll).
		Should(Succeed(), "cycle %d: the stack should stay whole for %s", n, soak.period)
	c.End = time.Now()
	countRestarts(&c, deps)
	readHealer(ctx, &c)
	GinkgoWriter.Printf("soak cycle %d: unhealthy +%.2fs, kill +%.2fs, healthy +%.2fs, "+
		"traffic +%.2fs, healer %.1f MiB, %.0f goroutines\n", n,
		c.Unhealthy.Sub(c.Injected).Seconds(), c.Kill.Sub(c.Injected).Seconds(),
		c.Healthy.Sub(c.Injected).Seconds(), c.TrafficBack.Sub(c.Injected).Seconds(),
		c.ResidentBytes/(1<<20), c.Goroutines)
	return c
}

// countRestarts asserts, from the engine's events of the whole cycle, one unhealthy
// turn, one VPN restart and one restart of each dependent: a second would be a loop.
func countRestarts(c *soakreport.Cycle, deps []string) {
	entries := run.timeline.Since(c.Injected)
	count := func(svc, action string) int {
		return checks.Count(entries, run.stack.Name(svc), action, c.Injected, c.End)
	}
	Expect(count(stack.VPN, "health_status: unhealthy")).To(Equal(1),
		"cycle %d: the VPN should turn unhealthy once", c.N)
	c.VPNRestarts = count(stack.VPN, "restart")
	Expect(c.VPNRestarts).To(Equal(1), "cycle %d: the VPN should be restarted once", c.N)
	for _, dep := range deps {
		n := count(dep, "restart")
		Expect(n).To(Equal(1), "cycle %d: %s should be restarted once", c.N, dep)
		c.DependentRestarts += n
	}
}

// readHealer reads the healer's resident memory and goroutines from its /metrics.
func readHealer(ctx context.Context, c *soakreport.Cycle) {
	const rss, gr = "process_resident_memory_bytes", "go_goroutines"
	m, err := run.reports.HealerMetrics(ctx, pidOf(ctx, stack.Healer), rss, gr)
	Expect(err).NotTo(HaveOccurred(), "cycle %d: reading the healer's /metrics", c.N)
	c.ResidentBytes, c.Goroutines = m[rss], m[gr]
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
