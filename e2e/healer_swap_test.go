//go:build e2e

package e2e

import (
	"maps"
	"strings"
	"time"

	"github.com/moby/moby/client"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/healstack/healstack/e2e/stack"
)

// swapHealer stops the stack's healer and runs a copy of it with env changed, for a
// negative control. The returned func puts the stack's healer back; it also runs at
// cleanup if the spec ends early.
func swapHealer(ctx SpecContext, env ...string) func(SpecContext) {
	name := run.stack.Name(stack.Healer)
	orig, err := run.stack.Inspect(ctx, stack.Healer)
	Expect(err).NotTo(HaveOccurred())
	_, err = run.stack.Docker.ContainerStop(ctx, name, client.ContainerStopOptions{})
	Expect(err).NotTo(HaveOccurred(), "stopping the stack's healer")

	cfg, host := *orig.Config, *orig.HostConfig
	cfg.Env = withEnv(cfg.Env, env)
	cfg.Labels = maps.Clone(cfg.Labels)
	maps.DeleteFunc(cfg.Labels, func(k, _ string) bool {
		return strings.HasPrefix(k, "com.docker.compose.")
	})
	swapName := name + "-swap"
	created, err := run.stack.Docker.ContainerCreate(ctx, client.ContainerCreateOptions{
		Name: swapName, Config: &cfg, HostConfig: &host})
	Expect(err).NotTo(HaveOccurred(), "creating the healer's stand-in")
	_, err = run.stack.Docker.ContainerStart(ctx, created.ID, client.ContainerStartOptions{})
	Expect(err).NotTo(HaveOccurred(), "starting the healer's stand-in")
	run.timeline.Note("spec", swapName, "running in place of %s with %v", name, env)

	restored := false
	restore := func(ctx SpecContext) {
		if restored {
			return
		}
		restored = true
		_, err := run.stack.Docker.ContainerRemove(ctx, created.ID,
			client.ContainerRemoveOptions{Force: true})
		Expect(err).NotTo(HaveOccurred(), "removing the healer's stand-in")
		_, err = run.stack.Docker.ContainerStart(ctx, name, client.ContainerStartOptions{})
		Expect(err).NotTo(HaveOccurred(), "starting the stack's healer again")
		run.timeline.Note("spec", name, "back in place of %s", swapName)
	}
	DeferCleanup(restore, NodeTimeout(time.Minute))
	return restore
}

// withEnv replaces or adds KEY=VALUE pairs.
func withEnv(base, changes []string) []string {
	out := append([]string(nil), base...)
	for _, kv := range changes {
		key, _, _ := strings.Cut(kv, "=")
		replaced := false
		for i, old := range out {
			if strings.HasPrefix(old, key+"=") {
				out[i], replaced = kv, true
			}
		}
		if !replaced {
			out = append(out, kv)
		}
	}
	return out
}
