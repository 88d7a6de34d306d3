//go:build e2e

package e2e

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/healstack/healstack/e2e/checks"
	"github.com/healstack/healstack/e2e/faults"
	"github.com/healstack/healstack/e2e/observe"
	"github.com/healstack/healstack/e2e/probe"
	"github.com/healstack/healstack/e2e/report"
	"github.com/healstack/healstack/e2e/stack"
)

// suiteRun is what every spec shares: one stack, its probe, one timeline.
type suiteRun struct {
	stack    *stack.Stack
	probe    *probe.Client
	timeline *observe.Timeline
	reports  observe.Reports
	faults   faults.Env
	results  string
	started  time.Time
	// leakWindows are the stretches in which a negative control let traffic leak.
	leakWindows []checks.Window
}

var run *suiteRun

func TestE2E(t *testing.T) {
	RegisterFailHandler(Fail)
	RunSpecs(t, "healstack end-to-end, "+flavour.Title+" flavour", flavourLabels[flavour.Provider])
}

var _ = BeforeSuite(func(ctx SpecContext) {
	Expect(flavourErr).NotTo(HaveOccurred(), "choosing the flavour (E2E_PROVIDER)")
	s, err := stack.New(stack.Options{
		RepoRoot:    repoRoot(),
		ImageTag:    envOr("IMAGE_TAG", "dev"),
		HealerImage: envOr("HEALER_IMG", "healstack/healer:dev"),
		Flavour:     flavour,
	})
	Expect(err).NotTo(HaveOccurred(), "preparing the stack")
	tl := &observe.Timeline{}
	p := probe.New(s.ProbeURL)
	run = &suiteRun{stack: s, probe: p, timeline: tl, reports: observe.Reports{Probe: p},
		faults:  faults.Env{Stack: s, Probe: p, Timeline: tl},
		results: envOr("E2E_RESULTS", filepath.Join(repoRoot(), "results", "e2e")),
		started: time.Now()}

	// The watcher lives as long as the suite, beyond this node's context.
	watchCtx, stopWatch := context.WithCancel(context.Background())
	go observe.WatchEngine(watchCtx, s.Docker, s.Project, tl)
	DeferCleanup(func(ctx SpecContext) {
		stopWatch()
		Expect(s.Down(ctx)).To(Succeed(), "tearing the stack down")
	}, NodeTimeout(2*time.Minute))

	By("bringing up project " + s.Project + " from the two compose files")
	Expect(s.Up(ctx)).To(Succeed())
	Eventually(p.Ready).WithContext(ctx).WithTimeout(30*time.Second).WithPolling(poll).
		Should(Succeed(), "the namespace probe should answer on %s", s.ProbeURL)
}, NodeTimeout(stackUpWithin+time.Minute))

// The canary and the LAN sink keep every connection of the run: the VPN's own
// addresses may appear only inside a negative control's window.
var _ = AfterSuite(func(ctx SpecContext) {
	if run == nil {
		return
	}
	canary := connectionsSince(ctx, stack.Canary, run.started)
	leaks := checks.Outside(checks.From(canary, stack.VPNUplinkIP), run.leakWindows)
	Expect(leaks).To(BeEmpty(), "the canary saw the VPN's own address outside a negative control")
	lan := connectionsSince(ctx, stack.LANSink, run.started)
	Expect(checks.Outside(lan, run.leakWindows)).To(BeEmpty(),
		"the LAN sink saw a connection outside a negative control")
}, NodeTimeout(time.Minute))

// A failed spec leaves its timeline, logs and inspect output in the results folder.
var _ = ReportAfterEach(func(ctx SpecContext, r SpecReport) {
	if !r.Failed() || run == nil {
		return
	}
	names := []string{}
	for _, svc := range stack.Services {
		names = append(names, run.stack.Name(svc))
	}
	folder, err := report.Write(ctx, run.results, report.Failure{Spec: r.FullText(),
		Started: r.StartTime, Timeline: run.timeline, Docker: run.stack.Docker,
		Containers: names})
	if err != nil {
		GinkgoWriter.Printf("evidence of the failed spec, in part: %s (%v)\n", folder, err)
		return
	}
	GinkgoWriter.Printf("evidence of the failed spec: %s\n", folder)
}, NodeTimeout(time.Minute))

func repoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Dir(filepath.Dir(file))
}

func envOr(name, fallback string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return fallback
}
