// Package soakreport turns the soak's cycles into what a reader looks at: a table of
// per-cycle times with their p50, p95 and max, and a chart. It needs no engine, so the
// unit tests cover it.
package soakreport

import "time"

// Cycle is one crash and recovery of the soak, in the engine's and the canary's times.
type Cycle struct {
	N int `json:"cycle"`
	// Injected is when the crash was injected; every phase is measured from it.
	Injected  time.Time `json:"injected"`
	Unhealthy time.Time `json:"unhealthy"`
	// Kill is the healer's restart beginning: the engine's kill of the VPN.
	Kill    time.Time `json:"kill"`
	Healthy time.Time `json:"healthy"`
	// TrafficBack is the dependent's first connection through the gateway afterwards.
	TrafficBack time.Time `json:"traffic_back"`
	// End closes the cycle: after the quiet period, before the next crash.
	End time.Time `json:"end"`

	VPNRestarts       int `json:"vpn_restarts"`
	DependentRestarts int `json:"dependent_restarts"`
	// The healer's own figures from its /metrics at the end of the cycle.
	ResidentBytes float64 `json:"resident_bytes"`
	Goroutines    float64 `json:"goroutines"`
}

// Phase is one of the times the report shows, measured from the crash.
type Phase struct {
	Name string
	At   func(Cycle) time.Time
}

// Phases are the report's columns, in the order recovery passes through them.
var Phases = []Phase{
	{"unhealthy", func(c Cycle) time.Time { return c.Unhealthy }},
	{"restart (kill)", func(c Cycle) time.Time { return c.Kill }},
	{"healthy", func(c Cycle) time.Time { return c.Healthy }},
	{"traffic back", func(c Cycle) time.Time { return c.TrafficBack }},
}

// Took is how long after the crash a phase was reached.
func (p Phase) Took(c Cycle) time.Duration {
	return p.At(c).Sub(c.Injected)
}
