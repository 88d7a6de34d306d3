//go:build e2e

package e2e

import "time"

// The test override's timings (docker-compose.test.yml) that the bounds below derive
// from. Change them together.
const (
	healthInterval    = 1 * time.Second  // vpn healthcheck interval
	healthTimeout     = 3 * time.Second  // vpn healthcheck timeout (curl gets 2 s)
	healthRetries     = 2                // vpn healthcheck retries
	healthStartPeriod = 20 * time.Second // vpn healthcheck start_period
	healerInterval    = 5 * time.Second  // AUTOHEAL_INTERVAL (default)
	healerStartPeriod = 0 * time.Second  // AUTOHEAL_START_PERIOD in the override
	backoffReset      = 5 * time.Second  // HEALER_BACKOFF_RESET in the override
	standInEvery      = 500 * time.Millisecond
	margin            = 5 * time.Second
)

// The bounds the specs wait within.
const (
	// One probe round: an interval plus a probe that may run to its timeout.
	probeRound = healthInterval + healthTimeout // 4 s

	// A fault shows as unhealthy after `retries` failed rounds: 2 x 4 s + 5 s = 13 s.
	unhealthyWithin = healthRetries*probeRound + margin

	// A (re)started VPN is healthy within its start period plus the rounds that
	// confirm it: 20 s + 2 x 4 s + 5 s = 33 s.
	healthyWithin = healthStartPeriod + healthRetries*probeRound + margin

	// The healer acts on the unhealthy event at once; at worst on its next reconcile,
	// after its start period: 0 s + 5 s. Then the VPN must turn healthy again and
	// qBittorrent be restarted: 13 s + 5 s + 33 s + 5 s = 56 s.
	recoveredWithin = unhealthyWithin + healerStartPeriod + healerInterval + healthyWithin +
		margin

	// Specs that share the stack start once the VPN has been healthy for longer than
	// the healer's backoff reset, so that no spec inherits a backoff: 5 s + 1 s.
	settledFor = backoffReset + healthInterval

	// The stand-in dials every 500 ms with a 1 s timeout; a handshake may be due:
	// 4 x (0.5 s + 1 s) + 5 s = 11 s.
	trafficWithin = 4*(standInEvery+time.Second) + margin

	// "Never arrives" is watched for this long: at least 6 attempts per target.
	quietFor = 6 * (standInEvery + time.Second)

	// TERM must stop the VPN within this (the bound).
	termStopWithin = time.Second

	// Bringing the stack up: creating containers, then the VPN healthy (compose waits
	// for it before starting qBittorrent): a generous 3 x healthyWithin.
	stackUpWithin = 3 * healthyWithin

	// How often Eventually and Consistently look.
	poll = 250 * time.Millisecond

	// The longest a single spec may run: its own waits plus a full recovery.
	specWithin = 2*recoveredWithin + trafficWithin + quietFor
)

// soakCycleWithin is one soak cycle's own deadline: a full recovery, the dependent's
// traffic back, then the quiet period: 56 s + 11 s + period + 5 s (92 s for 20 s).
func soakCycleWithin(period time.Duration) time.Duration {
	return recoveredWithin + trafficWithin + period + margin
}

// soakWithin bounds the whole soak: every cycle at its deadline, plus a minute to read
// the canary's and the LAN sink's logs and to write the report.
func soakWithin(cycles int, period time.Duration) time.Duration {
	return time.Duration(cycles)*soakCycleWithin(period) + time.Minute
}
