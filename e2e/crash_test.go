//go:build e2e

package e2e

import (
	"context"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/healstack/healstack/e2e/checks"
	"github.com/healstack/healstack/e2e/faults"
	"github.com/healstack/healstack/e2e/observe"
	"github.com/healstack/healstack/e2e/stack"
)

// The healer's promises after a crash (issue bounds, not tuning).
const (
	killWithin  = 2 * time.Second  // from the VPN's unhealthy event to the restart's kill
	startWithin = 30 * time.Second // from that kill to the VPN's start
)

var _ = Describe("A crash of the VPN", Stack, Fault, Crash, func() {
	BeforeEach(func(ctx SpecContext) { settle(ctx) }, NodeTimeout(recoveredWithin+settledFor+margin))

	DescribeTable("the healer's recovery",
		func(ctx SpecContext, f faults.Fault) {
			c := crash(ctx, f)
			Expect(c.kill.Sub(c.unhealthy)).To(BeNumerically("<=", killWithin),
				"the healer's restart should begin within %s of unhealthy", killWithin)
			Expect(c.start.Sub(c.kill)).To(BeNumerically("<=", startWithin),
				"the VPN should be started again within %s of the kill", startWithin)

			By("qBittorrent is restarted exactly once, after the VPN is healthy again")
			qbtStart := awaitEvent(ctx, c.healthy, stack.QBittorrent, "start", recoveredWithin)
			Consistently(func() []observe.Entry { return qbtRestarts(c.injected) }).
				WithContext(ctx).WithTimeout(2*healerInterval).WithPolling(poll).
				Should(HaveLen(1), "qBittorrent should be restarted exactly once")
			firstKill, _ := run.timeline.First(c.injected,
				observe.Engine(run.stack.Name(stack.QBittorrent), "kill"))
			Expect(firstKill.Time).To(BeTemporally(">", c.healthy),
				"qBittorrent's restart should begin only after the VPN is healthy")

			By("its traffic reaches the canary through the gateway again")
			back := trafficBack(ctx, qbtStart.Time)
			By("the healer logged both actions")
			logs, err := observe.LogsSince(ctx, run.stack.Docker, run.stack.Name(stack.Healer),
				c.injected)
			Expect(err).NotTo(HaveOccurred())
			for _, svc := range []string{stack.VPN, stack.QBittorrent} {
				Expect(logs).To(ContainSubstring(`msg="restarted container" container=`+
					run.stack.Name(svc)), "the healer should log %s's restart", svc)
			}
			recordFigure("unhealthy to kill", c.kill.Sub(c.unhealthy))
			recordFigure("unhealthy to start", c.start.Sub(c.unhealthy))
			recordFigure("crash to traffic back", back.Sub(c.injected))
		},
		Entry("the VPN, when its tunnel daemon is killed, should be restarted by the healer "+
			"within 2 s of turning unhealthy, and qBittorrent once after the VPN is healthy",
			faults.DaemonCrash, SpecTimeout(specWithin)),
		Entry("the VPN, when its daemon runs on with a dead tunnel, should be restarted by the "+
			"healer within 2 s of turning unhealthy, and qBittorrent once after the VPN is healthy",
			faults.TunnelDown, SpecTimeout(specWithin)),
	)

	It("the VPN's dependents, with HEALER_DEPENDENTS=false, should stay in a namespace "+
		"holding only lo after the VPN's restart (the negative control of the dependents "+
		"check)", func(ctx SpecContext) {
		restore := swapHealer(ctx, "HEALER_DEPENDENTS=false")
		c := crash(ctx, faults.DaemonCrash)
		Consistently(func(g Gomega) {
			s := sampleOf(ctx, stack.QBittorrent, false)
			g.Expect(s.Links).To(HaveEach(HaveField("Name", "lo")),
				"qBittorrent should hold only lo")
		}).WithContext(ctx).WithTimeout(2 * healerInterval).WithPolling(poll).Should(Succeed())
		Expect(qbtRestarts(c.injected)).To(BeEmpty(), "no healer should restart qBittorrent")

		By("the stack's own healer, back in place, brings qBittorrent back")
		restore(ctx)
		awaitEvent(ctx, c.healthy, stack.QBittorrent, "restart", recoveredWithin)
	}, SpecTimeout(specWithin))
})

// crashed holds the engine's times of one crash and recovery of the VPN.
type crashed struct {
	injected, unhealthy, kill, start, healthy time.Time
}

// crash injects a fault and follows the VPN through unhealthy, the healer's kill, its
// start and its health again, in the engine's events.
func crash(ctx SpecContext, f faults.Fault) crashed {
	c := crashed{injected: time.Now()}
	inject(ctx, f)
	c.unhealthy = awaitEvent(ctx, c.injected, stack.VPN, "health_status: unhealthy",
		unhealthyWithin).Time
	c.kill = awaitEvent(ctx, c.unhealthy, stack.VPN, "kill", killWithin+margin).Time
	c.start = awaitEvent(ctx, c.kill, stack.VPN, "start", startWithin+margin).Time
	c.healthy = awaitEvent(ctx, c.start, stack.VPN, "health_status: healthy",
		healthyWithin).Time
	return c
}

// qbtRestarts are qBittorrent's restart events since a time.
func qbtRestarts(since time.Time) []observe.Entry {
	var out []observe.Entry
	for _, e := range run.timeline.Since(since) {
		if observe.Engine(run.stack.Name(stack.QBittorrent), "restart")(e) {
			out = append(out, e)
		}
	}
	return out
}

// trafficBack waits for the stand-in's first connection through the gateway after a
// time and returns when the canary saw it.
func trafficBack(ctx context.Context, since time.Time) time.Time {
	var first time.Time
	Eventually(func(g Gomega) {
		conns := checks.To(checks.From(connectionsSince(ctx, stack.Canary, since),
			stack.GatewayPublicIP), stack.CanaryPublicIP, stack.TargetPort)
		g.Expect(conns).NotTo(BeEmpty(), "expected the stand-in's traffic via the gateway")
		first = conns[0].Time
	}).WithContext(ctx).WithTimeout(trafficWithin).WithPolling(poll).Should(Succeed())
	return first
}
