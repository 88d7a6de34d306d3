//go:build e2e

package e2e

import (
	"time"

	"github.com/moby/moby/client"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/healstack/healstack/e2e/checks"
	"github.com/healstack/healstack/e2e/faults"
	"github.com/healstack/healstack/e2e/observe"
	"github.com/healstack/healstack/e2e/stack"
)

// minSamples is the fewest samples a measured restart may rest on.
const minSamples = 20

var _ = Describe("Isolation during a restart", Stack, Fault, Isolation, RestartIsolation, func() {
	BeforeEach(func(ctx SpecContext) { settle(ctx) }, NodeTimeout(recoveredWithin+settledFor+margin))

	It("qBittorrent, while the VPN is killed and restarted, should sit only in the VPN's "+
		"live kill-switched namespace or in one holding only lo, and the canary should see "+
		"no address but the gateway's", func(ctx SpecContext) {
		ref := reference(ctx)

		By("first the negative control: with the kill switch off, both probes see it")
		killSwitchOffControl(ctx, ref)
		settle(ctx)

		By("then the measured phase, from a time after the kill switch is back")
		ref = reference(ctx)
		from := time.Now()
		s := startSampler(ctx)
		DeferCleanup(func() { s.finish() })
		c := crash(ctx, faults.DaemonCrash)
		done := awaitEvent(ctx, c.healthy, stack.QBittorrent, "restart", recoveredWithin)
		Eventually(s.count).WithArguments(done.Time).WithContext(ctx).
			WithTimeout(time.Second).WithPolling(sampleEvery).Should(BeNumerically(">=", 2),
			"the sampler should look again after qBittorrent's restart")
		samples := s.finish()

		Expect(len(samples)).To(BeNumerically(">=", minSamples), "too few samples")
		Expect(checks.MaxGap(samples)).To(BeNumerically("<=", maxSampleGap),
			"a gap between samples exceeds %s (slowest sample took %s)", maxSampleGap,
			slowest(samples))
		Expect(checks.RestartIsolation(samples, ref)).To(BeEmpty())
		Expect(checks.Rejoined(samples, ref)).To(Succeed())
		others := notFrom(connectionsSince(ctx, stack.Canary, from), stack.GatewayPublicIP)
		Expect(others).To(BeEmpty(), "the canary saw an address other than the gateway's")

		recordValue("samples", float64(len(samples)), "count")
		recordFigure("largest gap between samples", checks.MaxGap(samples))
		recordFigure("sampled span", samples[len(samples)-1].At.Sub(samples[0].At))
		recordFigure("slowest sample", slowest(samples))
	}, SpecTimeout(2*specWithin))
})

// reference reads the VPN's kill switch while the stack is whole: the rules every later
// sample behind the mark must show.
func reference(ctx SpecContext) checks.Reference {
	v := sampleOf(ctx, stack.VPN, true)
	Expect(checks.KillSwitchIntact(v)).To(Succeed())
	Expect(checks.DropsByDefault(v.RulesV4)).To(Succeed())
	Expect(checks.DropsByDefault(v.RulesV6)).To(Succeed())
	return checks.Reference{NetNS: v.NetNS, V4: v.RulesV4, V6: v.RulesV6}
}

// killSwitchOffControl holds the healer, swaps the kill switch for accept-all, and
// expects the sampler's check to flag it and the canary to record the stand-in's
// direct connection; then puts both back and closes the leak window.
func killSwitchOffControl(ctx SpecContext, ref checks.Reference) {
	healer := run.stack.Name(stack.Healer)
	pid := pidOf(ctx, stack.VPN)
	window := checks.Window{From: time.Now()}
	_, err := run.stack.Docker.ContainerPause(ctx, healer, client.ContainerPauseOptions{})
	Expect(err).NotTo(HaveOccurred(), "pausing the healer")
	restored := false
	restore := func(ctx SpecContext) {
		if restored {
			return
		}
		restored = true
		Expect(run.probe.KillSwitch(ctx, pid, true)).To(Succeed(), "restoring the kill switch")
		_, err := run.stack.Docker.ContainerUnpause(ctx, healer, client.ContainerUnpauseOptions{})
		Expect(err).NotTo(HaveOccurred(), "unpausing the healer")
		window.To = time.Now()
		run.leakWindows = append(run.leakWindows, window)
		run.timeline.Note("spec", "leak-window", "closed after %s", window.To.Sub(window.From))
	}
	DeferCleanup(restore, NodeTimeout(time.Minute))

	Expect(run.probe.KillSwitch(ctx, pid, false)).To(Succeed(), "turning the kill switch off")
	Expect(checks.RestartIsolation([]checks.NSSample{newSampler(ctx).take(ctx)}, ref)).
		NotTo(BeEmpty(), "the sampler should flag a rule set other than the kill switch")
	Eventually(func(g Gomega) {
		conns := checks.From(connectionsSince(ctx, stack.Canary, window.From), stack.VPNUplinkIP)
		g.Expect(conns).NotTo(BeEmpty(), "expected the stand-in's direct connection")
	}).WithContext(ctx).WithTimeout(trafficWithin).WithPolling(poll).Should(Succeed())
	restore(ctx)
}

// count is how many samples were taken after a time.
func (s *sampler) count(after time.Time) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, x := range s.samples {
		if x.At.After(after) {
			n++
		}
	}
	return n
}

// notFrom keeps the connections whose source is not addr.
func notFrom(conns []observe.Connection, addr string) []observe.Connection {
	var out []observe.Connection
	for _, c := range conns {
		if c.Source != addr {
			out = append(out, c)
		}
	}
	return out
}

func slowest(samples []checks.NSSample) time.Duration {
	var d time.Duration
	for _, s := range samples {
		d = max(d, s.Took)
	}
	return d
}
