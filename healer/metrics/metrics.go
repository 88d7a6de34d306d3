// Package metrics exposes what the healer did and how it is doing as Prometheus series:
// a heal.Observer for actions, and collectors that read the healer's self-health.
package metrics

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/healstack/healstack/healer/heal"
)

// Source is what the metrics read from the healer on every scrape.
type Source interface {
	Status() heal.Status
}

// Recorder counts the healer's actions; it is a heal.Observer.
type Recorder struct {
	restarts   *prometheus.CounterVec
	failures   *prometheus.CounterVec
	dependents *prometheus.CounterVec
	giveUps    *prometheus.CounterVec
	timeouts   *prometheus.CounterVec
	latency    prometheus.Histogram
}

// New registers the action series and the Go runtime's and process's own collectors on
// reg, and returns the Recorder that feeds the action series.
func New(reg prometheus.Registerer) *Recorder {
	r := &Recorder{
		restarts: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "healer_restarts_total",
			Help: "Restarts and starts the healer made, by container, reason and kind.",
		}, []string{"container", "reason", "kind"}),
		failures: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "healer_restart_failures_total",
			Help: "Restarts and starts the engine refused or that timed out.",
		}, []string{"container", "reason", "kind"}),
		dependents: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "healer_dependents_restarted_total",
			Help: "Containers brought back into their network parent's new namespace.",
		}, []string{"container", "parent"}),
		giveUps: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "healer_give_ups_total",
			Help: "Times the restart budget of a container was spent.",
		}, []string{"container"}),
		timeouts: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "healer_parent_wait_expired_total",
			Help: "Network parents not healthy within HEALER_PARENT_WAIT.",
		}, []string{"container"}),
		latency: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name: "healer_unhealthy_to_restart_seconds",
			Help: "From the unhealthy event to the restart request being sent.",
			Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60,
				300},
		}),
	}
	reg.MustRegister(r.restarts, r.failures, r.dependents, r.giveUps, r.timeouts,
		r.latency, collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return r
}

// WatchStatus registers the series read from the healer's self-health at scrape time.
func WatchStatus(reg prometheus.Registerer, src Source) {
	reg.MustRegister(newStatusCollector(src))
}

// Observe counts one action.
func (r *Recorder) Observe(a heal.Action) {
	switch a.Kind {
	case heal.KindGiveUp:
		r.giveUps.WithLabelValues(a.Container).Inc()
		return
	case heal.KindParentTimeout:
		r.timeouts.WithLabelValues(a.Container).Inc()
		return
	}
	if a.DryRun {
		return
	}
	if a.Err != nil {
		r.failures.WithLabelValues(a.Container, a.Reason, a.Kind).Inc()
		return
	}
	r.restarts.WithLabelValues(a.Container, a.Reason, a.Kind).Inc()
	if a.Kind != heal.KindRestart {
		r.dependents.WithLabelValues(a.Container, a.Parent).Inc()
	}
	if a.Kind == heal.KindRestart && !a.Unhealthy.IsZero() && !a.Began.IsZero() {
		r.latency.Observe(max(a.Began.Sub(a.Unhealthy), 0).Seconds())
	}
}

// statusCollector reads the healer's self-health at scrape time.
type statusCollector struct {
	src                                  Source
	up, reconnects, last, took, watching *prometheus.Desc
}

func newStatusCollector(src Source) *statusCollector {
	return &statusCollector{
		src: src,
		up: prometheus.NewDesc("healer_event_stream_up",
			"1 while the engine's event stream is open.", nil, nil),
		reconnects: prometheus.NewDesc("healer_event_stream_reconnects_total",
			"Times the event stream was reopened.", nil, nil),
		last: prometheus.NewDesc("healer_last_reconcile_timestamp_seconds",
			"When the last full reconcile ran.", nil, nil),
		took: prometheus.NewDesc("healer_last_reconcile_duration_seconds",
			"How long the last full reconcile took.", nil, nil),
		watching: prometheus.NewDesc("healer_containers_in_scope",
			"Containers the last reconcile found selected or sharing a selected "+
				"container's network namespace.", nil, nil),
	}
}

func (c *statusCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{c.up, c.reconnects, c.last, c.took, c.watching} {
		ch <- d
	}
}

func (c *statusCollector) Collect(ch chan<- prometheus.Metric) {
	st := c.src.Status()
	up := 0.0
	if st.StreamUp {
		up = 1
	}
	ch <- prometheus.MustNewConstMetric(c.up, prometheus.GaugeValue, up)
	ch <- prometheus.MustNewConstMetric(c.reconnects, prometheus.CounterValue,
		float64(st.Reconnects))
	ch <- prometheus.MustNewConstMetric(c.last, prometheus.GaugeValue, unix(st.LastReconcile))
	ch <- prometheus.MustNewConstMetric(c.took, prometheus.GaugeValue,
		st.ReconcileTook.Seconds())
	ch <- prometheus.MustNewConstMetric(c.watching, prometheus.GaugeValue,
		float64(st.Containers))
}

func unix(t time.Time) float64 {
	return float64(t.UnixNano()) / 1e9
}
