//go:build e2e

package e2e

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
)

// figure is one measured value of a spec, as written to results/e2e/figures.jsonl.
type figure struct {
	// Provider is the VPN flavour of the run: make e2e appends both to one file.
	Provider string  `json:"provider"`
	Spec     string  `json:"spec"`
	Name     string  `json:"name"`
	Value    float64 `json:"value"`
	Unit     string  `json:"unit"`
	At       string  `json:"at"`
}

// recordFigure reports a duration in the spec's report and appends it to the run's
// figures file, so every spec's numbers outlive its log.
func recordFigure(name string, d time.Duration) {
	recordValue(name, float64(d.Microseconds())/1000, "ms")
}

func recordValue(name string, value float64, unit string) {
	AddReportEntry(name, fmt.Sprintf("%.3f %s", value, unit))
	GinkgoWriter.Printf("figure: %s = %.3f %s\n", name, value, unit)
	f := figure{Provider: flavour.Provider, Spec: CurrentSpecReport().FullText(), Name: name,
		Value: value, Unit: unit, At: time.Now().UTC().Format(time.RFC3339Nano)}
	line, err := json.Marshal(f)
	Expect(err).NotTo(HaveOccurred())
	Expect(os.MkdirAll(run.results, 0o755)).To(Succeed())
	file, err := os.OpenFile(filepath.Join(run.results, "figures.jsonl"),
		os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	Expect(err).NotTo(HaveOccurred())
	defer file.Close()
	_, err = file.Write(append(line, '\n'))
	Expect(err).NotTo(HaveOccurred())
}
