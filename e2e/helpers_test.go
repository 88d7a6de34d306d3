//go:build e2e

package e2e

import (
	"context"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/healstack/healstack/e2e/faults"
	"github.com/healstack/healstack/e2e/observe"
	"github.com/healstack/healstack/e2e/probe"
	"github.com/healstack/healstack/e2e/stack"
)

// pidOf returns a service's init PID, failing the spec if it is not running. The
// helpers take a plain context so that a soak cycle can pass its own deadline.
func pidOf(ctx context.Context, service string) int {
	pid, err := run.stack.PID(ctx, service)
	Expect(err).NotTo(HaveOccurred())
	return pid
}

func sampleOf(ctx SpecContext, service string, withRules bool) probe.Sample {
	s, err := run.probe.Sample(ctx, pidOf(ctx, service), withRules)
	Expect(err).NotTo(HaveOccurred(), "sampling %s's namespace", service)
	return s
}

// connectionsSince reads a canary's (or the LAN sink's) log from a time on.
func connectionsSince(ctx context.Context, service string,
	since time.Time) []observe.Connection {
	conns, err := run.reports.Connections(ctx, pidOf(ctx, service), since)
	Expect(err).NotTo(HaveOccurred(), "reading %s's connections", service)
	return conns
}

func counters(ctx SpecContext) map[string]observe.Counter {
	c, err := run.reports.Counters(ctx, pidOf(ctx, stack.VPN))
	Expect(err).NotTo(HaveOccurred(), "reading the stand-in's counters")
	return c
}

// rxBytes is what the gateway received from the run's VPN key.
func rxBytes(ctx SpecContext) int64 {
	peers, err := run.reports.Peers(ctx, pidOf(ctx, stack.Gateway))
	Expect(err).NotTo(HaveOccurred(), "reading the gateway's peers")
	for _, p := range peers {
		if p.PublicKey == run.stack.VPNPublicKey {
			return p.RxBytes
		}
	}
	Fail("the gateway does not know the VPN's key " + run.stack.VPNPublicKey)
	return 0
}

// settle waits until the stack is whole and the VPN has stayed healthy for longer than
// the healer's backoff reset.
func settle(ctx SpecContext) {
	By("waiting for a whole stack")
	Eventually(faults.Whole).WithContext(ctx).WithArguments(run.faults).
		WithTimeout(recoveredWithin).WithPolling(poll).
		Should(Succeed(), "the VPN should be healthy with qBittorrent in its namespace")
	Consistently(faults.Whole).WithContext(ctx).WithArguments(run.faults).
		WithTimeout(settledFor).WithPolling(poll).
		Should(Succeed(), "the stack should stay whole for %s", settledFor)
}

// inject applies a fault after registering its revert, so the stack is mended even
// when the spec fails half-way.
func inject(ctx SpecContext, f faults.Fault) {
	By("injecting " + f.Name)
	DeferCleanup(func(ctx SpecContext) {
		Expect(faults.Revert(ctx, run.faults, f)).To(Succeed(), "reverting %s", f.Name)
	}, NodeTimeout(f.RevertBound+10*time.Second))
	Expect(faults.Inject(ctx, run.faults, f)).To(Succeed())
}

// awaitEvent waits for an engine event of a service's container after a time.
func awaitEvent(ctx context.Context, since time.Time, service, action string,
	within time.Duration) observe.Entry {
	var found observe.Entry
	Eventually(func() bool {
		var ok bool
		found, ok = run.timeline.First(since, observe.Engine(run.stack.Name(service), action))
		return ok
	}).WithContext(ctx).WithTimeout(within).WithPolling(poll).
		Should(BeTrue(), "expected %q from %s within %s", action, service, within)
	return found
}

// noEventBetween fails if a service's container had the action in (from, to).
func noEventBetween(service, action string, from, to time.Time) {
	for _, e := range run.timeline.Since(from) {
		if e.Time.After(to) {
			return
		}
		Expect(observe.Engine(run.stack.Name(service), action)(e)).To(BeFalse(),
			"%s had %q at %s, before %s", service, action, e.Time.Format(time.RFC3339Nano),
			to.Format(time.RFC3339Nano))
	}
}
