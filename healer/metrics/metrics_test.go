package metrics

import (
	"errors"
	"io"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/healstack/healstack/healer/heal"
)

type fixedStatus heal.Status

func (f fixedStatus) Status() heal.Status { return heal.Status(f) }

func TestRecorderCountsActions(t *testing.T) {
	reg := prometheus.NewRegistry()
	r := New(reg)
	at := time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)
	r.Observe(heal.Action{Kind: heal.KindRestart, Container: "vpn", Reason: "unhealthy",
		Unhealthy: at, Began: at.Add(40 * time.Millisecond)})
	r.Observe(heal.Action{Kind: heal.KindRestart, Container: "vpn", Reason: "unhealthy",
		Err: errors.New("conflict")})
	r.Observe(heal.Action{Kind: heal.KindDependentRestart, Container: "qbittorrent",
		Reason: heal.ReasonParentStarted, Parent: "vpn"})
	r.Observe(heal.Action{Kind: heal.KindGiveUp, Container: "vpn"})
	r.Observe(heal.Action{Kind: heal.KindParentTimeout, Container: "vpn"})
	r.Observe(heal.Action{Kind: heal.KindRestart, Container: "vpn", DryRun: true})
	checks := []struct {
		name string
		c    prometheus.Collector
		want float64
	}{
		{"restarts - one succeeded", r.restarts.WithLabelValues("vpn", "unhealthy", "restart"), 1},
		{"failures - one refused", r.failures.WithLabelValues("vpn", "unhealthy", "restart"), 1},
		{"dependents - one restarted", r.dependents.WithLabelValues("qbittorrent", "vpn"), 1},
		{"give-ups - one", r.giveUps.WithLabelValues("vpn"), 1},
		{"parent waits - one expired", r.timeouts.WithLabelValues("vpn"), 1},
	}
	for _, c := range checks {
		if got := testutil.ToFloat64(c.c); got != c.want {
			t.Errorf("%s: got %v, want %v", c.name, got, c.want)
		}
	}
	if n := testutil.CollectAndCount(r.latency); n != 1 {
		t.Errorf("latency histogram series = %d", n)
	}
}

// TestMetricsEndpointExposesTheSeries scrapes the handler as Prometheus would.
func TestMetricsEndpointExposesTheSeries(t *testing.T) {
	reg := prometheus.NewRegistry()
	src := fixedStatus{StreamUp: true, Reconnects: 2, LastReconcile: time.Unix(1700000000, 0),
		ReconcileTook: 3 * time.Millisecond, Containers: 4}
	r := New(reg)
	WatchStatus(reg, src)
	r.Observe(heal.Action{Kind: heal.KindRestart, Container: "vpn", Reason: "unhealthy",
		Unhealthy: time.Unix(1, 0), Began: time.Unix(2, 0)})
	srv := httptest.NewServer(promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))
	defer srv.Close()
	resp, err := srv.Client().Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	for _, want := range []string{
		`healer_restarts_total{container="vpn",kind="restart",reason="unhealthy"} 1`,
		"healer_unhealthy_to_restart_seconds_bucket", "healer_event_stream_up 1",
		"healer_event_stream_reconnects_total 2", "healer_last_reconcile_timestamp_seconds 1.7e+09",
		"healer_last_reconcile_duration_seconds 0.003", "healer_containers_in_scope 4",
		"go_goroutines", "process_resident_memory_bytes",
	} {
		if !strings.Contains(string(body), want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}
