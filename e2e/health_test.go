//go:build e2e

package e2e

import (
	"time"

	. "github.com/onsi/ginkgo/v2"

	"github.com/healstack/healstack/e2e/faults"
	"github.com/healstack/healstack/e2e/stack"
)

var _ = Describe("The VPN's healthcheck", Stack, Fault, PIA, func() {
	BeforeEach(func(ctx SpecContext) { settle(ctx) }, NodeTimeout(recoveredWithin+settledFor+margin))

	// The healer restarts the VPN as soon as it is unhealthy, so "keeps running" is read
	// from the engine's events: no die between the fault and the unhealthy status.
	DescribeTable("faults of the tunnel",
		func(ctx SpecContext, f faults.Fault) {
			since := time.Now()
			inject(ctx, f)
			unhealthy := awaitEvent(ctx, since, stack.VPN, "health_status: unhealthy",
				unhealthyWithin)
			noEventBetween(stack.VPN, "die", since, unhealthy.Time)
			AddReportEntry("fault to unhealthy", unhealthy.Time.Sub(since).String())
		},
		Entry("the VPN, when the tunnel is brought down while wireguard-go runs, should turn "+
			"unhealthy while it keeps running", faults.TunnelDown, SpecTimeout(specWithin)),
		Entry("the VPN, when wireguard-go is killed, should turn unhealthy while it keeps "+
			"running", faults.DaemonCrash, SpecTimeout(specWithin)),
		Entry("the VPN, when wireguard-go hangs (SIGSTOP), should turn unhealthy while it "+
			"keeps running", faults.DaemonHang, SpecTimeout(specWithin)),
	)
})
