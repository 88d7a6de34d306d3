//go:build e2e

package e2e

import (
	"fmt"
	"os"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/healstack/healstack/e2e/checks"
	"github.com/healstack/healstack/e2e/faults"
	"github.com/healstack/healstack/e2e/soakreport"
	"github.com/healstack/healstack/e2e/stack"
)

// The healer's own figures must not grow cycle over cycle. Each bound compares the
// median of the first fifth of the cycles (at least two) with that of the last fifth, read
// at the same point of every cycle: after the quiet period, with nothing in flight.
const (
	// An idle healer runs a fixed set of goroutines (event stream, reconcile timer,
	// listener, one queue per notification sink); the scrape's own connection and a
	// reconcile that happens to be running may add a few. A leak of one per crash adds
	// a fifth of the cycles: 20 over 100.
	goroutineAllowance = 4
	// The garbage collector lets the heap reach twice the live set before collecting and
	// hands freed pages back to the kernel only lazily, so resident memory drifts by a few
	// MiB with no leak at all. 8 MiB over 100 crashes is 80 KiB per crash.
	residentAllowance = 8 << 20
)

var _ = onlyIf(soakHere(), func() {
	Describe("The stack under repeated crashes", Stack, Fault, Isolation, Soak, func() {
		BeforeEach(func(ctx SpecContext) { settle(ctx) },
			NodeTimeout(recoveredWithin+settledFor+margin))

		It(fmt.Sprintf("the VPN, its daemon killed %d times with %s of health between, "+
			"should each time turn unhealthy and be restarted once, its dependents once "+
			"each, with nothing leaked and the healer's memory and goroutines flat",
			soak.cycles, soak.period), func(ctx SpecContext) {
			Expect(soakErr).NotTo(HaveOccurred(), "reading the soak's settings")
			soakAll(ctx)
		}, SpecTimeout(soakWithin(soak.cycles, soak.period)))
	})
})

// soakAll runs the cycles, rewriting the report after each one, then checks what only
// the whole soak shows: leaks since it began and the healer's growth.
func soakAll(ctx SpecContext) {
	deps := dependentsOf(ctx)
	Expect(deps).NotTo(BeEmpty(), "the VPN should have a dependent to restart")
	began := time.Now()
	r := &soakreport.Report{Flavour: flavour.Title, Planned: soak.cycles, Period: soak.period}
	files := soakreport.FilesIn(run.results)
	DeferCleanup(func() {
		Expect(soakreport.AppendSummary(os.Getenv("GITHUB_STEP_SUMMARY"), *r)).To(Succeed())
		GinkgoWriter.Printf("soak report: %s, %s\n", files.Markdown, files.Chart)
	})
	DeferCleanup(func(ctx SpecContext) {
		Expect(faults.Revert(ctx, run.faults, faults.DaemonCrash)).To(Succeed())
	}, NodeTimeout(faults.DaemonCrash.RevertBound+margin))

	for i := 1; i <= soak.cycles; i++ {
		By(fmt.Sprintf("cycle %d of %d", i, soak.cycles))
		r.Cycles = append(r.Cycles, soakCycle(ctx, i, deps))
		Expect(soakreport.Write(files, *r)).To(Succeed(), "writing the soak's report")
	}

	By("no connection leaked since the soak began")
	canary := connectionsSince(ctx, stack.Canary, began)
	Expect(notFrom(canary, stack.GatewayPublicIP)).To(BeEmpty(),
		"the canary saw an address other than the gateway's")
	Expect(connectionsSince(ctx, stack.LANSink, began)).To(BeEmpty(),
		"the LAN sink saw a connection")

	By("the healer's memory and goroutines did not grow")
	window := max(2, soak.cycles/5)
	Expect(checks.Growth{Window: window, Allowance: goroutineAllowance}.
		Check(readings(r.Cycles, goroutines))).To(Succeed(), "the healer's goroutines")
	Expect(checks.Growth{Window: window, Allowance: residentAllowance}.
		Check(readings(r.Cycles, resident))).To(Succeed(), "the healer's resident memory")
}

func goroutines(c soakreport.Cycle) float64 { return c.Goroutines }
func resident(c soakreport.Cycle) float64   { return c.ResidentBytes }

func readings(cycles []soakreport.Cycle, of func(soakreport.Cycle) float64) []float64 {
	out := make([]float64, len(cycles))
	for i, c := range cycles {
		out[i] = of(c)
	}
	return out
}

// dependentsOf lists the services that run in the VPN's network namespace, as the engine
// records it (container:<ID>), rather than trusting the compose file's intent.
func dependentsOf(ctx SpecContext) []string {
	vpn, err := run.stack.Inspect(ctx, stack.VPN)
	Expect(err).NotTo(HaveOccurred())
	var deps []string
	for _, svc := range stack.Services {
		c, err := run.stack.Inspect(ctx, svc)
		Expect(err).NotTo(HaveOccurred())
		if string(c.HostConfig.NetworkMode) == "container:"+vpn.ID {
			deps = append(deps, svc)
		}
	}
	return deps
}

// onlyIf declares specs only when a run's settings call for them.
func onlyIf(declare bool, specs func()) bool {
	if declare {
		specs()
	}
	return true
}
