//go:build e2e

package e2e

import (
	"regexp"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/moby/moby/client"

	"github.com/healstack/healstack/e2e/faults"
	"github.com/healstack/healstack/e2e/observe"
	"github.com/healstack/healstack/e2e/stack"
)

// lateSocket is how long the stand-in holds its socket back in the late-socket spec:
// well inside the 60 s the entrypoint waits, and longer than a healthy start takes.
const lateSocket = 15 * time.Second

var _ = onlyFor(stack.WARP, func() {
	Describe("The WARP client's start", Stack, Lifecycle, func() {
		BeforeEach(func(ctx SpecContext) { settle(ctx) },
			NodeTimeout(recoveredWithin+settledFor+margin))

		It("the VPN, restarted, should connect with its stored registration instead of "+
			"registering again", func(ctx SpecContext) {
			DeferCleanup(func(ctx SpecContext) {
				Expect(faults.Restore(ctx, run.faults)).To(Succeed())
			}, NodeTimeout(recoveredWithin+margin))
			since := time.Now()
			timeout := 5
			_, err := run.stack.Docker.ContainerRestart(ctx, run.stack.Name(stack.VPN),
				client.ContainerRestartOptions{Timeout: &timeout})
			Expect(err).NotTo(HaveOccurred())
			awaitEvent(ctx, since, stack.VPN, "health_status: healthy", healthyWithin)
			logs, err := observe.LogsSince(ctx, run.stack.Docker, run.stack.Name(stack.VPN), since)
			Expect(err).NotTo(HaveOccurred())
			Expect(logs).To(ContainSubstring("using the stored registration"))
			Expect(logs).NotTo(ContainSubstring("registering this device"))
		}, SpecTimeout(specWithin))

		It("the VPN, whose warp-svc opens its socket only after 15 s, should wait for it "+
			"and come up healthy", func(ctx SpecContext) {
			// The copy is outside the healer's project, and the healer leaves alone a
			// VPN that was stopped on purpose, so it needs no pausing.
			late := swapVPN(ctx, "WARP_STANDIN_SOCKET_DELAY="+lateSocket.String())
			healthyAt := awaitHealthy(ctx, late.ID, lateSocket+healthyWithin)
			logs, err := observe.Logs(ctx, run.stack.Docker, late.ID)
			Expect(err).NotTo(HaveOccurred())
			Expect(logs).To(ContainSubstring("holding the socket back"),
				"the stand-in should have held its socket back")
			waited := socketWait(logs)
			Expect(waited).To(BeNumerically(">=", lateSocket),
				"the entrypoint should have waited for the socket")
			Expect(logs).To(ContainSubstring("using the stored registration"),
				"a recreated VPN should reuse the registration in its volume")
			recordFigure("entrypoint waiting for the socket", waited)
			recordFigure("start to healthy", healthyAt.Sub(late.Started))
		}, SpecTimeout(lateSocket+specWithin))
	})
})

// socketWaitLine is the entrypoint's log line once warp-svc answers.
var socketWaitLine = regexp.MustCompile(`msg="warp-svc answers" waited=([0-9.]+s)`)

// socketWait reads how long the entrypoint waited for warp-svc's socket.
func socketWait(logs string) time.Duration {
	m := socketWaitLine.FindStringSubmatch(logs)
	Expect(m).NotTo(BeNil(), "the entrypoint should log how long it waited for the socket")
	d, err := time.ParseDuration(m[1])
	Expect(err).NotTo(HaveOccurred())
	return d
}
