//go:build e2e

package faults

import (
	"context"
	"fmt"
	"time"

	"github.com/moby/moby/client"

	"github.com/healstack/healstack/e2e/stack"
)

// healerGrace is how long Restore leaves the healer to mend the stack before it
// restarts containers itself: the unhealthy streak, one reconcile interval, a VPN
// start and qBittorrent's restart (see the suite's timeouts).
const healerGrace = 60 * time.Second

// Whole fails unless the VPN is running and healthy and qBittorrent runs in the VPN's
// current network namespace.
func Whole(ctx context.Context, e Env) error {
	vpn, err := e.Stack.Inspect(ctx, stack.VPN)
	if err != nil {
		return err
	}
	if vpn.State == nil || !vpn.State.Running || vpn.State.Health == nil ||
		vpn.State.Health.Status != "healthy" {
		return fmt.Errorf("the VPN is not running and healthy")
	}
	qbt, err := e.Stack.PID(ctx, stack.QBittorrent)
	if err != nil {
		return err
	}
	inVPN, err := e.Probe.Sample(ctx, vpn.State.Pid, false)
	if err != nil {
		return err
	}
	inQBT, err := e.Probe.Sample(ctx, qbt, false)
	if err != nil {
		return err
	}
	if inVPN.NetNS != inQBT.NetNS {
		return fmt.Errorf("qBittorrent is in %s, the VPN in %s", inQBT.NetNS, inVPN.NetNS)
	}
	return nil
}

// Restore waits for the stack to be whole; after healerGrace it restarts the VPN and
// then qBittorrent itself, so the next spec starts from a whole stack either way.
func Restore(ctx context.Context, e Env) error {
	if waitWhole(ctx, e, healerGrace) == nil {
		return nil
	}
	e.Timeline.Note("fault", "restore", "the stack is not whole after %s: restarting", healerGrace)
	if err := restartIfNeeded(ctx, e); err != nil {
		return err
	}
	return waitWhole(ctx, e, healerGrace)
}

func restartIfNeeded(ctx context.Context, e Env) error {
	vpn, err := e.Stack.Inspect(ctx, stack.VPN)
	healthy := err == nil && vpn.State != nil && vpn.State.Health != nil &&
		vpn.State.Health.Status == "healthy"
	if !healthy {
		if err := restart(ctx, e, stack.VPN); err != nil {
			return err
		}
		if err := waitHealthy(ctx, e, healerGrace); err != nil {
			return err
		}
	}
	return restart(ctx, e, stack.QBittorrent)
}

func restart(ctx context.Context, e Env, service string) error {
	timeout := 5
	_, err := e.Stack.Docker.ContainerRestart(ctx, e.Stack.Name(service),
		client.ContainerRestartOptions{Timeout: &timeout})
	if err != nil {
		return fmt.Errorf("restarting %s: %w", service, err)
	}
	return nil
}

func waitWhole(ctx context.Context, e Env, within time.Duration) error {
	return poll(ctx, within, func() error { return Whole(ctx, e) })
}

func waitHealthy(ctx context.Context, e Env, within time.Duration) error {
	return poll(ctx, within, func() error {
		c, err := e.Stack.Inspect(ctx, stack.VPN)
		if err != nil {
			return err
		}
		if c.State == nil || c.State.Health == nil || c.State.Health.Status != "healthy" {
			return fmt.Errorf("the VPN is not healthy")
		}
		return nil
	})
}

// poll retries check every 250 ms until it succeeds, within passes or ctx ends.
func poll(ctx context.Context, within time.Duration, check func() error) error {
	deadline := time.Now().Add(within)
	for {
		err := check()
		if err == nil {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("waiting %s: %w", within, err)
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("waiting: %w (last: %w)", ctx.Err(), err)
		case <-time.After(250 * time.Millisecond):
		}
	}
}
