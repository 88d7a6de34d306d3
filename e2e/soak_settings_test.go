//go:build e2e

package e2e

import (
	"fmt"
	"strconv"
	"time"

	"github.com/healstack/healstack/e2e/stack"
)

// soakSettings are the soak's knobs, read from the environment once.
type soakSettings struct {
	// flavour is SOAK_PROVIDER: the soak runs only in the run on this flavour.
	flavour stack.Flavour
	// cycles is SOAK_CYCLES: 5 in make e2e, 100 in make soak.
	cycles int
	// period is SOAK_PERIOD: how long the stack stays whole between a recovery and the
	// next crash.
	period time.Duration
}

var soak, soakErr = readSoakSettings()

func readSoakSettings() (soakSettings, error) {
	f, err := stack.FlavourNamed(envOr("SOAK_PROVIDER", stack.WARP.Provider))
	if err != nil {
		return soakSettings{}, fmt.Errorf("reading SOAK_PROVIDER: %w", err)
	}
	raw := envOr("SOAK_CYCLES", "5")
	cycles, err := strconv.Atoi(raw)
	if err != nil || cycles < 1 {
		return soakSettings{}, fmt.Errorf("reading SOAK_CYCLES %q: want a whole number >= 1", raw)
	}
	raw = envOr("SOAK_PERIOD", "20s")
	period, err := time.ParseDuration(raw)
	// A shorter period than the backoff reset would make every crash after the first a
	// restart loop in the healer's eyes, which is not what the soak measures.
	if err != nil || period < settledFor {
		return soakSettings{}, fmt.Errorf("reading SOAK_PERIOD %q: want a Go duration >= %s",
			raw, settledFor)
	}
	return soakSettings{flavour: f, cycles: cycles, period: period}, nil
}

// soakHere tells whether this run declares the soak: on SOAK_PROVIDER's flavour, or on
// any when the settings are unusable, so that the spec fails and says why.
func soakHere() bool {
	return soakErr != nil || soak.flavour.Provider == flavour.Provider
}
