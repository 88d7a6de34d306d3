//go:build e2e

package e2e

import (
	. "github.com/onsi/ginkgo/v2"

	"github.com/healstack/healstack/e2e/stack"
)

// flavour is the VPN image a run tests: E2E_PROVIDER, pia or warp (the stack's own
// default, warp, when unset). One run brings up one stack; make e2e runs the suite once
// per flavour (E2E_PROVIDERS), so every spec runs on each, and the WARP flavour adds its
// own (warp_test.go).
var flavour, flavourErr = stack.FlavourNamed(envOr("E2E_PROVIDER", stack.WARP.Provider))

// flavourLabels label a whole run with its flavour (RunSpecs' suite labels).
var flavourLabels = map[string]Labels{stack.PIA.Provider: PIA, stack.WARP.Provider: WARP}

// onlyFor declares specs for one flavour; runs of the other don't list them.
func onlyFor(f stack.Flavour, declare func()) bool {
	if flavour.Provider == f.Provider {
		declare()
	}
	return true
}
