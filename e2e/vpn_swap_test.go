//go:build e2e

package e2e

import (
	"maps"
	"strings"
	"time"

	"github.com/moby/moby/api/types/container"
	"github.com/moby/moby/api/types/network"
	"github.com/moby/moby/client"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/healstack/healstack/e2e/faults"
	"github.com/healstack/healstack/e2e/stack"
)

// swapped is a copy of the stack's VPN that runs in its place.
type swapped struct {
	ID      string
	Started time.Time
}

// swapVPN stops the stack's VPN and starts a copy of it, with env changed, on the
// uplink network at the VPN's address (the gateway knows one peer, so the two can't run
// side by side). The copy shares the VPN's volumes, so it keeps its registration. At
// cleanup the copy goes and the VPN, then the whole stack, comes back.
func swapVPN(ctx SpecContext, env ...string) swapped {
	name := run.stack.Name(stack.VPN)
	orig, err := run.stack.Inspect(ctx, stack.VPN)
	Expect(err).NotTo(HaveOccurred())
	timeout := 5
	_, err = run.stack.Docker.ContainerStop(ctx, name, client.ContainerStopOptions{Timeout: &timeout})
	Expect(err).NotTo(HaveOccurred(), "stopping the stack's VPN")

	cfg, host := *orig.Config, *orig.HostConfig
	cfg.Env = replaceEnv(cfg.Env, env)
	// Out of the compose project: compose and the healer must not take it for the VPN.
	cfg.Labels = maps.Clone(cfg.Labels)
	maps.DeleteFunc(cfg.Labels, func(k, _ string) bool {
		return strings.HasPrefix(k, "com.docker.compose.")
	})
	created, err := run.stack.Docker.ContainerCreate(ctx, client.ContainerCreateOptions{
		Name: name + "-swap", Config: &cfg, HostConfig: &host,
		NetworkingConfig: uplinkOf(orig)})
	Expect(err).NotTo(HaveOccurred(), "creating the VPN's copy")
	DeferCleanup(func(ctx SpecContext) {
		_, err := run.stack.Docker.ContainerRemove(ctx, created.ID,
			client.ContainerRemoveOptions{Force: true})
		Expect(err).NotTo(HaveOccurred(), "removing the VPN's copy")
		startUnlessRunning(ctx)
		Expect(faults.Restore(ctx, run.faults)).To(Succeed())
	}, NodeTimeout(recoveredWithin+margin))
	_, err = run.stack.Docker.ContainerStart(ctx, created.ID, client.ContainerStartOptions{})
	Expect(err).NotTo(HaveOccurred(), "starting the VPN's copy")
	run.timeline.Note("spec", name+"-swap", "running in place of %s with %v", name, env)
	return swapped{ID: created.ID, Started: startedAt(ctx, created.ID)}
}

// uplinkOf attaches the copy to the VPN's uplink network at the VPN's address; the
// engine here (API 1.41) takes one network at creation, and the copy needs no other.
func uplinkOf(c container.InspectResponse) *network.NetworkingConfig {
	net := string(c.HostConfig.NetworkMode)
	ep, ok := c.NetworkSettings.Networks[net]
	Expect(ok).To(BeTrue(), "the VPN should be on its network %s", net)
	Expect(ep.IPAMConfig).NotTo(BeNil(), "the VPN's address on %s should be fixed", net)
	return &network.NetworkingConfig{EndpointsConfig: map[string]*network.EndpointSettings{
		net: {IPAMConfig: &network.EndpointIPAMConfig{IPv4Address: ep.IPAMConfig.IPv4Address}},
	}}
}

// replaceEnv sets KEY=VALUE pairs in an environment, replacing a key's earlier value.
func replaceEnv(base, changes []string) []string {
	out := make([]string, 0, len(base)+len(changes))
	for _, kv := range base {
		key, _, _ := strings.Cut(kv, "=")
		if !hasKey(changes, key) {
			out = append(out, kv)
		}
	}
	return append(out, changes...)
}

func hasKey(env []string, key string) bool {
	for _, kv := range env {
		if strings.HasPrefix(kv, key+"=") {
			return true
		}
	}
	return false
}

func startedAt(ctx SpecContext, id string) time.Time {
	res, err := run.stack.Docker.ContainerInspect(ctx, id, client.ContainerInspectOptions{})
	Expect(err).NotTo(HaveOccurred())
	t, err := time.Parse(time.RFC3339Nano, res.Container.State.StartedAt)
	Expect(err).NotTo(HaveOccurred(), "reading the start time")
	return t
}

// awaitHealthy waits for a container outside the project (no events are watched for
// it) to turn healthy and returns when its first passing probe began.
func awaitHealthy(ctx SpecContext, id string, within time.Duration) time.Time {
	var at time.Time
	Eventually(func(g Gomega) {
		res, err := run.stack.Docker.ContainerInspect(ctx, id, client.ContainerInspectOptions{})
		g.Expect(err).NotTo(HaveOccurred())
		h := res.Container.State.Health
		g.Expect(res.Container.State.Running).To(BeTrue(), "the container should keep running")
		g.Expect(h).NotTo(BeNil())
		g.Expect(h.Status).To(Equal(container.Healthy))
		for _, probe := range h.Log {
			if probe.ExitCode == 0 {
				at = probe.Start
				return
			}
		}
		g.Expect(h.Log).To(ContainElement(HaveField("ExitCode", 0)),
			"a passing probe should be in the health log")
	}).WithContext(ctx).WithTimeout(within).WithPolling(poll).Should(Succeed(),
		"the container should turn healthy within %s", within)
	return at
}
