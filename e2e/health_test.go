//go:build e2e

package e2e

import (
	"time"

	. "github.com/onsi/ginkgo/v2"

	"github.com/healstack/healstack/e2e/faults"
	"github.com/healstack/healstack/e2e/stack"
)

var _ = Describe("The VPN's healthcheck", Stack, Fault, func() {
	BeforeEach(func(ctx SpecContext) { settle(ctx) }, NodeTimeout(recoveredWithin+settledFor+margin))

	// The healer restarts the VPN as soon as it is unhealthy, so "keeps running" is read
	// from the engine's events: no die between the fault and the unhealthy status.
	DescribeTable("faults of the tunnel", append([]any{faultTurnsUnhealthy},
		tunnelFaultEntries(flavour)...)...)
})

func faultTurnsUnhealthy(ctx SpecContext, f faults.Fault) {
	since := time.Now()
	inject(ctx, f)
	unhealthy := awaitEvent(ctx, since, stack.VPN, "health_status: unhealthy", unhealthyWithin)
	noEventBetween(stack.VPN, "die", since, unhealthy.Time)
	recordFigure("fault to unhealthy", unhealthy.Time.Sub(since))
}

// tunnelFaultEntries names each fault after the flavour's daemon; WARP adds the crash
// users meet most, a `pkill warp-svc`.
func tunnelFaultEntries(f stack.Flavour) []any {
	d := f.Daemon
	entries := []any{
		Entry("the VPN, when the tunnel is brought down while "+d+" runs, should turn "+
			"unhealthy while it keeps running", faults.TunnelDown, SpecTimeout(specWithin)),
		Entry("the VPN, when "+d+" is killed, should turn unhealthy while it keeps running",
			faults.DaemonCrash, SpecTimeout(specWithin)),
		Entry("the VPN, when "+d+" hangs (SIGSTOP), should turn unhealthy while it keeps "+
			"running", faults.DaemonHang, SpecTimeout(specWithin)),
	}
	if f.Provider == stack.WARP.Provider {
		entries = append(entries, Entry("the VPN, when `pkill warp-svc` ends the daemon, "+
			"should turn unhealthy while it keeps running", faults.DaemonPkill,
			SpecTimeout(specWithin)))
	}
	return entries
}
