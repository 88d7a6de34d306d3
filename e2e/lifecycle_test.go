//go:build e2e

package e2e

import (
	"strings"
	"time"

	"github.com/moby/moby/api/types/container"
	"github.com/moby/moby/client"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/healstack/healstack/e2e/faults"
	"github.com/healstack/healstack/e2e/observe"
	"github.com/healstack/healstack/e2e/stack"
)

var _ = Describe("The VPN container's lifecycle", Stack, Lifecycle, func() {
	It("the VPN, started without NET_ADMIN, should exit non-zero saying why",
		func(ctx SpecContext) {
			id := createVPNWithoutNetAdmin(ctx)
			_, err := run.stack.Docker.ContainerStart(ctx, id, client.ContainerStartOptions{})
			Expect(err).NotTo(HaveOccurred())
			wait := run.stack.Docker.ContainerWait(ctx, id,
				client.ContainerWaitOptions{Condition: container.WaitConditionNotRunning})
			var exit container.WaitResponse
			Eventually(wait.Result).WithContext(ctx).WithTimeout(healthyWithin).
				Should(Receive(&exit), "the VPN should exit")
			Expect(exit.StatusCode).NotTo(BeZero(), "the exit status")
			logs, err := observe.Logs(ctx, run.stack.Docker, id)
			Expect(err).NotTo(HaveOccurred())
			Expect(logs).To(ContainSubstring("NET_ADMIN"), "the log should say what is missing")
			Expect(logs).NotTo(ContainSubstring("kill switch installed"))
		}, SpecTimeout(specWithin))

	When("the stack is whole", func() {
		BeforeEach(func(ctx SpecContext) { settle(ctx) },
			NodeTimeout(recoveredWithin+settledFor+margin))

		It("the VPN, killed and started over "+staleFilesOf(flavour)+", should start "+
			"and turn healthy", func(ctx SpecContext) {
			inject(ctx, faults.StaleFiles)
			since := time.Now()
			_, err := run.stack.Docker.ContainerKill(ctx, run.stack.Name(stack.VPN),
				client.ContainerKillOptions{Signal: "KILL"})
			Expect(err).NotTo(HaveOccurred())
			awaitEvent(ctx, since, stack.VPN, "die", unhealthyWithin)
			startUnlessRunning(ctx)
			awaitEvent(ctx, since, stack.VPN, "health_status: healthy", healthyWithin)
			logs, err := observe.LogsSince(ctx, run.stack.Docker, run.stack.Name(stack.VPN), since)
			Expect(err).NotTo(HaveOccurred())
			Expect(logs).To(ContainSubstring("removing stale file"),
				"the start after the kill should have cleared the planted files")
		}, SpecTimeout(specWithin))

		It("the VPN, sent TERM, should stop within a second", func(ctx SpecContext) {
			DeferCleanup(func(ctx SpecContext) {
				startUnlessRunning(ctx)
				Expect(faults.Restore(ctx, run.faults)).To(Succeed())
			}, NodeTimeout(recoveredWithin+margin))
			grace := 10 // seconds before the engine would send KILL
			begin := time.Now()
			_, err := run.stack.Docker.ContainerStop(ctx, run.stack.Name(stack.VPN),
				client.ContainerStopOptions{Timeout: &grace})
			took := time.Since(begin)
			Expect(err).NotTo(HaveOccurred())
			recordFigure("TERM to stopped", took)
			Expect(took).To(BeNumerically("<", termStopWithin))
			c, err := run.stack.Inspect(ctx, stack.VPN)
			Expect(err).NotTo(HaveOccurred())
			Expect(c.State.ExitCode).NotTo(Equal(137), "the VPN should exit on TERM, not be killed")
		}, SpecTimeout(specWithin))
	})
})

// staleFilesOf words what a killed daemon of the flavour leaves behind.
func staleFilesOf(f stack.Flavour) string {
	if f.Provider == stack.WARP.Provider {
		return "warp-svc's stale socket"
	}
	return "a stale pid file and socket"
}

// createVPNWithoutNetAdmin creates the VPN image as a lone container: the run's
// configuration and /dev/net/tun, but no NET_ADMIN and no network.
func createVPNWithoutNetAdmin(ctx SpecContext) string {
	init := true
	res, err := run.stack.Docker.ContainerCreate(ctx, client.ContainerCreateOptions{
		Name: run.stack.Name("vpn-no-net-admin"),
		Config: &container.Config{
			Image:  run.stack.Flavour.Image(envOr("IMAGE_TAG", "dev")),
			Env:    []string{"LAN_SUBNETS=" + stack.LANSubnet},
			Labels: map[string]string{"io.healstack.e2e": "true"},
		},
		HostConfig: &container.HostConfig{
			NetworkMode: "none",
			Init:        &init,
			Binds:       []string{run.stack.Dir() + "/vpn:/config:ro"},
			Resources: container.Resources{Devices: []container.DeviceMapping{{
				PathOnHost: "/dev/net/tun", PathInContainer: "/dev/net/tun",
				CgroupPermissions: "rwm"}}},
		},
	})
	Expect(err).NotTo(HaveOccurred(), "creating the VPN without NET_ADMIN")
	DeferCleanup(func(ctx SpecContext) {
		_, err := run.stack.Docker.ContainerRemove(ctx, res.ID,
			client.ContainerRemoveOptions{Force: true})
		Expect(err).NotTo(HaveOccurred())
	}, NodeTimeout(time.Minute))
	return res.ID
}

// startUnlessRunning starts the VPN again; its restart policy may have done so first.
func startUnlessRunning(ctx SpecContext) {
	Eventually(func() error {
		c, err := run.stack.Inspect(ctx, stack.VPN)
		if err != nil || c.State.Running {
			return err
		}
		_, err = run.stack.Docker.ContainerStart(ctx, run.stack.Name(stack.VPN),
			client.ContainerStartOptions{})
		if err != nil && strings.Contains(err.Error(), "already") {
			return nil
		}
		return err
	}).WithContext(ctx).WithTimeout(healthyWithin).WithPolling(poll).Should(Succeed())
}
