//go:build e2e

package e2e

import (
	"context"
	"sort"
	"sync"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/healstack/healstack/e2e/checks"
	"github.com/healstack/healstack/e2e/stack"
)

// sampleEvery is the sampler's cadence; the isolation spec fails on any gap over
// maxSampleGap, which leaves room for one slow engine call.
const (
	sampleEvery  = 40 * time.Millisecond
	maxSampleGap = 100 * time.Millisecond
	maxInFlight  = 6
)

// sampler looks at the VPN's and qBittorrent's namespaces through the probe, following
// both containers across restarts by their IDs, which a restart keeps.
type sampler struct {
	vpn, dependent string // container IDs
	mu             sync.Mutex
	samples        []checks.NSSample
	stop           context.CancelFunc
	done           chan struct{}
}

// newSampler names the containers to follow; startSampler also starts sampling.
func newSampler(ctx SpecContext) *sampler {
	vpn, err := run.stack.Inspect(ctx, stack.VPN)
	Expect(err).NotTo(HaveOccurred())
	dep, err := run.stack.Inspect(ctx, stack.QBittorrent)
	Expect(err).NotTo(HaveOccurred())
	return &sampler{vpn: vpn.ID, dependent: dep.ID, stop: func() {},
		done: make(chan struct{})}
}

func startSampler(ctx SpecContext) *sampler {
	s := newSampler(ctx)
	sctx, cancel := context.WithCancel(ctx)
	s.stop = cancel
	go s.loop(sctx)
	return s
}

func (s *sampler) loop(ctx context.Context) {
	defer close(s.done)
	var wg sync.WaitGroup
	defer wg.Wait()
	slots := make(chan struct{}, maxInFlight)
	tick := time.NewTicker(sampleEvery)
	defer tick.Stop()
	for {
		// Samples overlap: one slow answer (the engine and the CPU are busy while the VPN
		// restarts) does not hold back the next look.
		select {
		case <-ctx.Done():
			return
		case slots <- struct{}{}:
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-slots }()
			sample := s.take(ctx)
			if ctx.Err() == nil {
				s.keep(sample)
			}
		}()
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// rulesIfStranded reads the dependent's rules too when it is outside the VPN's live
// namespace with more than lo: only then do they decide whether it is isolated, and
// reading them every time would slow every sample.
func (s *sampler) rulesIfStranded(ctx context.Context, out *checks.NSSample) {
	d := out.Dependent
	if !out.DependentUp || (out.VPNUp && d.NetNS == out.VPN.NetNS) || len(d.Links) <= 1 {
		return
	}
	if full, err := run.probe.SampleContainer(ctx, s.dependent, true); err == nil {
		full.Time = d.Time
		out.Dependent = full
	}
}

func (s *sampler) keep(sample checks.NSSample) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.samples = append(s.samples, sample)
}

// finish stops the sampler and returns its samples in the order they were taken.
func (s *sampler) finish() []checks.NSSample {
	s.stop()
	<-s.done
	s.mu.Lock()
	defer s.mu.Unlock()
	out := append([]checks.NSSample(nil), s.samples...)
	sort.Slice(out, func(i, j int) bool { return out[i].At.Before(out[j].At) })
	return out
}

// take reads both namespaces at once; a container without a process is marked down
// rather than failing the sample, since that is what a restart looks like.
func (s *sampler) take(ctx context.Context) checks.NSSample {
	asked := time.Now()
	out := checks.NSSample{At: asked}
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		if v, err := run.probe.SampleContainer(ctx, s.vpn, true); err == nil {
			out.VPNUp, out.VPN = true, v
		}
	}()
	go func() {
		defer wg.Done()
		if d, err := run.probe.SampleContainer(ctx, s.dependent, false); err == nil {
			out.DependentUp, out.Dependent = true, d
		}
	}()
	wg.Wait()
	s.rulesIfStranded(ctx, &out)
	out.Took = time.Since(asked)
	if out.VPNUp {
		out.At = out.VPN.Time
	} else if out.DependentUp {
		out.At = out.Dependent.Time
	}
	return out
}
