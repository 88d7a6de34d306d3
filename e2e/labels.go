//go:build e2e

package e2e

import . "github.com/onsi/ginkgo/v2"

// The suite's labels, each with what a spec carrying it needs. Select with
// -ginkgo.label-filter, e.g. make e2e E2E_FLAGS='-ginkgo.label-filter=!fault'.
var (
	// Stack: the test stack up from docker-compose.yml + docker-compose.test.yml
	// (make images first); every spec needs it.
	Stack = Label("stack")
	// Isolation: reads the canary's and the LAN sink's connection logs through the
	// namespace probe.
	Isolation = Label("isolation")
	// NegativeControl: turns the kill switch off for a moment (pausing the healer), to
	// prove the leak probes can see a leak.
	NegativeControl = Label("negative-control")
	// Fault: breaks the running VPN through the namespace probe; the stack comes back
	// through the healer, or the fault's revert restarts it.
	Fault = Label("fault")
	// Lifecycle: stops, kills or starts the VPN container through the engine.
	Lifecycle = Label("lifecycle")
	// PIA: the run tests the PIA flavour (wireguard-go, a per-run key pair, the
	// gateway): E2E_PROVIDER=pia. A suite label: every spec of such a run carries it.
	PIA = Label("pia")
	// WARP: the run tests the WARP flavour (the WARP image's provider script over the
	// stand-in warp-svc and warp-cli, the gateway): E2E_PROVIDER=warp, the default.
	WARP = Label("warp")
	// Contract: loads the compose files and .env.example with compose-go and reads the
	// settings registry; needs no container.
	Contract = Label("contract")
	// Crash: kills the VPN's daemon (or its tunnel) and follows the healer's recovery
	// through the engine's events; swaps the stack's healer for one without dependents.
	Crash = Label("crash")
	// RestartIsolation: samples qBittorrent's and the VPN's namespaces through the probe
	// every 100 ms or faster while the VPN is killed and restarted.
	RestartIsolation = Label("restart-isolation")
	// Soak: crashes the VPN's daemon SOAK_CYCLES times (5 unless set), SOAK_PERIOD apart,
	// and reads the healer's /metrics through the probe. It runs only in the run whose
	// flavour is SOAK_PROVIDER (warp unless set); make soak runs it alone, 100 times.
	Soak = Label("soak")
)
