//go:build e2e

package e2e

import (
	"net/http"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/moby/moby/client"

	"github.com/healstack/healstack/e2e/checks"
	"github.com/healstack/healstack/e2e/faults"
	"github.com/healstack/healstack/e2e/stack"
)

var _ = Describe("The VPN's isolation", Stack, Isolation, func() {
	BeforeEach(func(ctx SpecContext) { settle(ctx) }, NodeTimeout(recoveredWithin+settledFor+margin))

	It("the stand-in's traffic should reach the canary from the gateway while the "+
		"gateway's received bytes for the VPN grow", func(ctx SpecContext) {
		since := time.Now()
		before := rxBytes(ctx)
		Eventually(func(g Gomega) {
			conns := connectionsSince(ctx, stack.Canary, since)
			tunnelled := checks.To(checks.From(conns, stack.GatewayPublicIP),
				stack.CanaryPublicIP, stack.TargetPort)
			g.Expect(tunnelled).NotTo(BeEmpty(), "expected the stand-in's connections via the gateway")
			g.Expect(rxBytes(ctx)).To(BeNumerically(">", before), "expected the gateway's rx to grow")
			g.Expect(counters(ctx)["tunnel"].Successes).To(BeNumerically(">", 0))
		}).WithContext(ctx).WithTimeout(trafficWithin).WithPolling(poll).Should(Succeed())
	}, SpecTimeout(specWithin))

	It("the stand-in's direct and LAN attempts should never arrive while the kill "+
		"switch is on", func(ctx SpecContext) {
		since := time.Now()
		start := counters(ctx)
		Consistently(func(g Gomega) {
			g.Expect(checks.From(connectionsSince(ctx, stack.Canary, since), stack.VPNUplinkIP)).
				To(BeEmpty(), "the canary saw the VPN's own address")
			g.Expect(connectionsSince(ctx, stack.LANSink, since)).
				To(BeEmpty(), "the LAN sink saw a new connection")
		}).WithContext(ctx).WithTimeout(quietFor).WithPolling(poll).Should(Succeed())

		end := counters(ctx)
		for _, target := range []string{"direct", "lan"} {
			Expect(end[target].Attempts).To(BeNumerically(">", start[target].Attempts),
				"the stand-in should have kept trying %s", target)
			Expect(end[target].Successes).To(Equal(start[target].Successes),
				"no %s attempt should have connected", target)
		}
	}, SpecTimeout(specWithin))

	It("the leak probes, with the kill switch off, should see the direct and LAN "+
		"attempts arrive", NegativeControl, func(ctx SpecContext) {
		pauseHealer(ctx)
		window := openLeakWindow()
		inject(ctx, faults.KillSwitchOff)
		Eventually(func(g Gomega) {
			conns := connectionsSince(ctx, stack.Canary, window.From)
			g.Expect(checks.To(checks.From(conns, stack.VPNUplinkIP), stack.CanaryLeakIP,
				stack.TargetPort)).NotTo(BeEmpty(), "expected the direct attempt to arrive")
			g.Expect(connectionsSince(ctx, stack.LANSink, window.From)).NotTo(BeEmpty(),
				"expected the LAN attempt to arrive")
		}).WithContext(ctx).WithTimeout(trafficWithin).WithPolling(poll).Should(Succeed())
		Expect(sampleOf(ctx, stack.VPN, true).RulesV4).NotTo(ContainSubstring(":OUTPUT DROP"),
			"the sampler should see a rule set other than the kill switch")
	}, SpecTimeout(specWithin))

	It("the WebUI should answer through the proxy on the LAN", func(ctx SpecContext) {
		Eventually(func(g Gomega) {
			status, body, err := run.probe.Fetch(ctx, pidOf(ctx, stack.Proxy), http.MethodGet,
				"http://127.0.0.1:80/")
			g.Expect(err).NotTo(HaveOccurred())
			g.Expect(status).To(Equal(http.StatusOK))
			g.Expect(body).To(ContainSubstring("qBittorrent WebUI"))
		}).WithContext(ctx).WithTimeout(trafficWithin).WithPolling(poll).Should(Succeed())
	}, SpecTimeout(specWithin))
})

// pauseHealer freezes the healer for the rest of the spec, so that it does not
// restart the VPN while a negative control holds it unhealthy on purpose.
func pauseHealer(ctx SpecContext) {
	name := run.stack.Name(stack.Healer)
	_, err := run.stack.Docker.ContainerPause(ctx, name, client.ContainerPauseOptions{})
	Expect(err).NotTo(HaveOccurred(), "pausing the healer")
	run.timeline.Note("spec", name, "paused")
	DeferCleanup(func(ctx SpecContext) {
		_, err := run.stack.Docker.ContainerUnpause(ctx, name, client.ContainerUnpauseOptions{})
		Expect(err).NotTo(HaveOccurred(), "unpausing the healer")
		run.timeline.Note("spec", name, "unpaused")
	}, NodeTimeout(time.Minute))
}

// openLeakWindow starts a stretch in which leaks are expected; it closes once the
// spec's later cleanups (the kill switch's revert) have run.
func openLeakWindow() *checks.Window {
	w := &checks.Window{From: time.Now()}
	DeferCleanup(func() {
		w.To = time.Now()
		run.leakWindows = append(run.leakWindows, *w)
		run.timeline.Note("spec", "leak-window", "closed after %s", w.To.Sub(w.From))
	})
	return w
}
