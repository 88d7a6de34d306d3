//go:build e2e

package faults

import (
	"context"
	"errors"
	"time"

	"github.com/healstack/healstack/e2e/stack"
)

// recoverBound covers the healer's reaction, a VPN restart and qBittorrent's restart;
// see the suite's timeouts for the arithmetic.
const recoverBound = 90 * time.Second

// DaemonCrash kills the tunnel daemon (the flavour's: wireguard-go, warp-svc) inside
// the VPN container, as a crash would. The revert waits for the stack to be whole again.
var DaemonCrash = Fault{
	Name: "daemon-crash", Bound: 5 * time.Second, RevertBound: recoverBound,
	inject: func(ctx context.Context, e Env, pid int) error {
		return e.Probe.Signal(ctx, pid, e.Stack.Flavour.Daemon, "KILL")
	},
	revert: recoverStack,
}

// DaemonPkill runs `pkill <daemon>` inside the VPN container, as a user or a script
// would: the daemon gets TERM and shuts its tunnel down in order.
var DaemonPkill = Fault{
	Name: "daemon-pkill", Bound: 10 * time.Second, RevertBound: recoverBound,
	inject: func(ctx context.Context, e Env, _ int) error {
		return execIn(ctx, e, stack.VPN, "pkill", e.Stack.Flavour.Daemon)
	},
	revert: recoverStack,
}

// DaemonHang stops the tunnel daemon with SIGSTOP: it runs on, but moves no packet.
var DaemonHang = Fault{
	Name: "daemon-hang", Bound: 5 * time.Second, RevertBound: recoverBound,
	inject: func(ctx context.Context, e Env, pid int) error {
		return e.Probe.Signal(ctx, pid, e.Stack.Flavour.Daemon, "STOP")
	},
	revert: func(ctx context.Context, e Env, pid int) error {
		// The healer may have restarted the VPN already: then there is no one to wake.
		if pid != 0 {
			_ = e.Probe.Signal(ctx, pid, e.Stack.Flavour.Daemon, "CONT")
		}
		return Restore(ctx, e)
	},
}

// TunnelDown takes the tunnel interface down while its daemon keeps running.
var TunnelDown = Fault{
	Name: "tunnel-down", Bound: 5 * time.Second, RevertBound: recoverBound,
	inject: func(ctx context.Context, e Env, pid int) error {
		return e.Probe.Link(ctx, pid, e.Stack.Flavour.Tunnel, false)
	},
	revert: recoverStack,
}

// KillSwitchOff replaces the VPN's rules with accept-all: the negative control that
// proves the leak probes can see a leak. The revert restores the entrypoint's rules.
var KillSwitchOff = Fault{
	Name: "kill-switch-off", Bound: 5 * time.Second, RevertBound: recoverBound,
	inject: func(ctx context.Context, e Env, pid int) error {
		return e.Probe.KillSwitch(ctx, pid, false)
	},
	revert: func(ctx context.Context, e Env, pid int) error {
		if pid != 0 {
			if err := e.Probe.KillSwitch(ctx, pid, true); err != nil {
				e.Timeline.Note("fault", "kill-switch-off", "restoring rules: %v", err)
			}
		}
		// Healthy again means the healthcheck found the full rule set in place.
		return Restore(ctx, e)
	},
}

// StaleFiles leaves behind what a killed tunnel daemon leaves (the flavour's list): for
// PIA a pid file naming a process alive in the next start and a dead UAPI socket, for
// WARP the daemon's dead socket.
var StaleFiles = Fault{
	Name: "stale-files", Bound: 5 * time.Second, RevertBound: recoverBound,
	inject: func(ctx context.Context, e Env, pid int) error {
		var errs []error
		for _, f := range e.Stack.Flavour.StaleFiles {
			errs = append(errs, e.Probe.Plant(ctx, pid, f.Path, f.Kind, f.Body))
		}
		return errors.Join(errs...)
	},
	revert: recoverStack,
}

func recoverStack(ctx context.Context, e Env, _ int) error {
	return Restore(ctx, e)
}
