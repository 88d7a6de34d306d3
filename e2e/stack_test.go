//go:build e2e

package e2e

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/healstack/healstack/e2e/checks"
	"github.com/healstack/healstack/e2e/stack"
)

var _ = Describe("The test stack", Stack, func() {
	It("the stack, brought up from the two compose files, should run every service "+
		"with qBittorrent inside the healthy VPN's kill-switched namespace", func(ctx SpecContext) {
		settle(ctx)
		for _, svc := range []string{stack.VPN, stack.QBittorrent, stack.Proxy, stack.Healer,
			stack.Gateway, stack.Canary, stack.LANSink, stack.NSProbe} {
			c, err := run.stack.Inspect(ctx, svc)
			Expect(err).NotTo(HaveOccurred())
			Expect(c.State.Running).To(BeTrue(), "%s should be running", svc)
			Expect(c.Config.Labels).To(HaveKeyWithValue("io.healstack.e2e", "true"))
		}

		vpn := sampleOf(ctx, stack.VPN, true)
		Expect(checks.KillSwitchIntact(vpn)).To(Succeed())
		Expect(checks.DropsByDefault(vpn.RulesV4)).To(Succeed())
		Expect(checks.DropsByDefault(vpn.RulesV6)).To(Succeed())
		Expect(checks.HasLink(vpn, run.stack.Flavour.Tunnel)).To(BeTrue(),
			"the tunnel %s should be up", run.stack.Flavour.Tunnel)
		Expect(sampleOf(ctx, stack.QBittorrent, false).NetNS).To(Equal(vpn.NetNS),
			"qBittorrent should share the VPN's network namespace")
		recordValue("probe sample with rules", vpn.TookMS, "ms")
	}, SpecTimeout(specWithin))
})
