package soakreport

import (
	"fmt"
	"strings"
	"time"
)

// Report is a soak run as far as it went.
type Report struct {
	Flavour string        `json:"flavour"`
	Planned int           `json:"planned_cycles"`
	Period  time.Duration `json:"period_ns"`
	Cycles  []Cycle       `json:"cycles"`
}

const mib = 1 << 20

// Markdown renders the summary table, then one row per cycle.
func Markdown(r Report) string {
	var b strings.Builder
	fmt.Fprintf(&b, "## Soak: %d of %d cycles on the %s flavour\n\n", len(r.Cycles),
		r.Planned, r.Flavour)
	fmt.Fprintf(&b, "Each cycle kills the VPN's tunnel daemon, waits for the VPN to be "+
		"healthy and the dependent's traffic to reach the canary through the gateway, "+
		"then keeps the stack whole for %s before the next crash. Times are seconds "+
		"from the crash, from the engine's events and the canary's log.\n\n", r.Period)
	writeSummary(&b, r.Cycles)
	writeHealer(&b, r.Cycles)
	b.WriteString("\n")
	writeCycles(&b, r.Cycles)
	return b.String()
}

func writeSummary(b *strings.Builder, cycles []Cycle) {
	b.WriteString("| from the crash to | p50 | p95 | max |\n|---|---:|---:|---:|\n")
	for _, p := range Phases {
		s := PhaseSummary(p, cycles)
		fmt.Fprintf(b, "| %s | %s | %s | %s |\n", p.Name, secs(s.P50), secs(s.P95),
			secs(s.Max))
	}
}

// writeHealer says how the healer's own figures moved from the first cycle to the last.
func writeHealer(b *strings.Builder, cycles []Cycle) {
	if len(cycles) == 0 {
		return
	}
	first, last := cycles[0], cycles[len(cycles)-1]
	var topRSS, topGR float64
	for _, c := range cycles {
		topRSS, topGR = max(topRSS, c.ResidentBytes), max(topGR, c.Goroutines)
	}
	fmt.Fprintf(b, "\nThe healer's resident memory went from %.1f MiB after cycle %d to %.1f MiB "+
		"after cycle %d (at most %.1f MiB); its goroutines from %.0f to %.0f (at most %.0f).\n",
		first.ResidentBytes/mib, first.N, last.ResidentBytes/mib, last.N, topRSS/mib,
		first.Goroutines, last.Goroutines, topGR)
}

func writeCycles(b *strings.Builder, cycles []Cycle) {
	b.WriteString("| cycle |")
	for _, p := range Phases {
		b.WriteString(" " + p.Name + " |")
	}
	b.WriteString(" VPN restarts | dependent restarts | healer RSS (MiB) | goroutines |\n")
	b.WriteString("|---:|" + strings.Repeat("---:|", len(Phases)+4) + "\n")
	for _, c := range cycles {
		fmt.Fprintf(b, "| %d |", c.N)
		for _, p := range Phases {
			fmt.Fprintf(b, " %s |", secs(p.Took(c)))
		}
		fmt.Fprintf(b, " %d | %d | %.1f | %.0f |\n", c.VPNRestarts, c.DependentRestarts,
			c.ResidentBytes/mib, c.Goroutines)
	}
}

func secs(d time.Duration) string {
	return fmt.Sprintf("%.2f", d.Seconds())
}
