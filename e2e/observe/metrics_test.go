package observe

import "testing"

const exposition = `# HELP go_goroutines Number of goroutines that currently exist.
# TYPE go_goroutines gauge
go_goroutines 17
# HELP process_resident_memory_bytes Resident memory size in bytes.
# TYPE process_resident_memory_bytes gauge
process_resident_memory_bytes 1.2632064e+07
go_goroutines_total{kind="other"} 3
healer_restarts_total{container="vpn",kind="restart",reason="unhealthy"} 4
`

func TestGauges(t *testing.T) {
	got, err := Gauges(exposition, "go_goroutines", "process_resident_memory_bytes")
	if err != nil {
		t.Fatalf("Gauges: %v", err)
	}
	if got["go_goroutines"] != 17 || got["process_resident_memory_bytes"] != 12632064 {
		t.Errorf("gauges - exponent form and labelled look-alikes: got %v", got)
	}
	if _, err := Gauges(exposition, "healer_restarts_total"); err == nil {
		t.Error("labelled only - want an error naming the missing sample")
	}
}
