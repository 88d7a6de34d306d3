package heal

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jonboulle/clockwork"

	"github.com/healstack/healstack/healer/container"
)

// fakeDocker is an in-memory engine: restarts and starts change the containers as the
// real engine does, and every call is recorded.
type fakeDocker struct {
	mu         sync.Mutex
	clock      clockwork.Clock
	containers map[string]*container.Container
	calls      []string
	failNext   map[string]error
	listErr    error
	// duringRestart, if set, runs inside each restart, as the engine's own events of
	// that restart would arrive.
	duringRestart func(id string)
}

func newFakeDocker(clock clockwork.Clock) *fakeDocker {
	return &fakeDocker{clock: clock, containers: map[string]*container.Container{},
		failNext: map[string]error{}}
}

func (f *fakeDocker) add(c container.Container) {
	f.mu.Lock()
	defer f.mu.Unlock()
	c.Inspected = true
	f.containers[c.ID] = &c
}

func (f *fakeDocker) update(id string, change func(c *container.Container)) {
	f.mu.Lock()
	defer f.mu.Unlock()
	change(f.containers[id])
}

func (f *fakeDocker) record(call string) {
	f.calls = append(f.calls, call)
}

// actions lists the restart and start calls, in order.
func (f *fakeDocker) actions() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []string
	for _, c := range f.calls {
		if strings.HasPrefix(c, "restart ") || strings.HasPrefix(c, "start ") {
			out = append(out, c)
		}
	}
	return out
}

func (f *fakeDocker) find(ref string) *container.Container {
	for _, c := range f.containers {
		if resolves(ref, *c) {
			return c
		}
	}
	return nil
}

func (f *fakeDocker) List(ctx context.Context) ([]container.Container, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.record("list")
	if f.listErr != nil {
		return nil, f.listErr
	}
	var out []container.Container
	for _, c := range f.containers {
		out = append(out, container.Container{ID: c.ID, Name: c.Name, Labels: c.Labels,
			NetworkMode: c.NetworkMode, State: c.State, Health: c.Health})
	}
	return out, nil
}

func (f *fakeDocker) Inspect(ctx context.Context, ref string) (container.Container, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.record("inspect " + ref)
	c := f.find(ref)
	if c == nil {
		return container.Container{}, fmt.Errorf("inspecting %s: %w", ref, container.ErrNotFound)
	}
	return *c, nil
}

func (f *fakeDocker) Restart(ctx context.Context, id string, timeout *int) error {
	if f.duringRestart != nil {
		f.duringRestart(id)
	}
	return f.act("restart", id)
}

func (f *fakeDocker) Start(ctx context.Context, id string) error {
	return f.act("start", id)
}

func (f *fakeDocker) act(verb, id string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	c := f.find(id)
	if c == nil {
		return fmt.Errorf("%s %s: %w", verb, id, container.ErrNotFound)
	}
	f.record(verb + " " + c.Name)
	if err := f.failNext[c.Name]; err != nil {
		delete(f.failNext, c.Name)
		return err
	}
	c.State, c.Error, c.StartedAt = container.Running, "", f.clock.Now()
	if c.HasHealthcheck {
		c.Health, c.FailingStreak, c.LastProbe = container.Starting, 0, nil
	}
	return nil
}

// probe sets a container's health as one new probe run would.
func (f *fakeDocker) probe(id, health string) {
	f.update(id, func(c *container.Container) {
		now := f.clock.Now()
		c.Health = health
		c.LastProbe = &container.Probe{Start: now, End: now, Output: "probe says " + health}
		if health == container.Unhealthy {
			c.FailingStreak++
		} else {
			c.FailingStreak = 0
		}
	})
}

// unit builds a running container with a healthcheck that is healthy.
func unit(id, name string, labels map[string]string) container.Container {
	return container.Container{ID: id, Name: name, Labels: labels, State: container.Running,
		Health: container.Healthy, HasHealthcheck: true, StartedAt: epoch}
}

var epoch = time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)

// rig is a healer on a fake engine and a fake clock.
type rig struct {
	t       *testing.T
	clock   *clockwork.FakeClock
	docker  *fakeDocker
	healer  *Healer
	logs    *syncBuffer
	mu      sync.Mutex
	actions []Action
}

func newRig(t *testing.T, tune ...func(p *Policy)) *rig {
	t.Helper()
	clock := clockwork.NewFakeClockAt(epoch.Add(time.Hour))
	r := &rig{t: t, clock: clock, docker: newFakeDocker(clock), logs: &syncBuffer{}}
	p := Policy{Label: "autoheal", Dependents: true, APITimeout: 5 * time.Second,
		ParentWait: 5 * time.Minute, BackoffInitial: 10 * time.Second,
		BackoffMax: 5 * time.Minute, BackoffReset: 10 * time.Minute, RestartBudget: 10,
		BudgetWindow: time.Hour}
	for _, f := range tune {
		f(&p)
	}
	r.healer = New(Params{Docker: r.docker, Clock: clock, Policy: p,
		Logger:   slog.New(slog.NewTextHandler(r.logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
		Observer: ObserverFunc(r.observe)})
	t.Cleanup(func() {
		r.healer.Stop()
		r.healer.Wait()
	})
	return r
}

func (r *rig) observe(a Action) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.actions = append(r.actions, a)
}

func (r *rig) observed() []Action {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Action(nil), r.actions...)
}

// event delivers one event and waits for the actions it started.
func (r *rig) event(action, status, id string) {
	r.healer.HandleEvent(context.Background(), container.Event{ID: id, Action: action,
		Status: status, Time: r.clock.Now()})
	r.healer.Wait()
}

// turnUnhealthy has a probe fail and delivers the health event.
func (r *rig) turnUnhealthy(id string) {
	r.docker.probe(id, container.Unhealthy)
	r.event(container.ActionHealth, container.Unhealthy, id)
}

func (r *rig) turnHealthy(id string) {
	r.docker.probe(id, container.Healthy)
	r.event(container.ActionHealth, container.Healthy, id)
}

// syncBuffer is a log sink safe for concurrent writers.
type syncBuffer struct {
	mu  sync.Mutex
	buf strings.Builder
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

var _ io.Writer = (*syncBuffer)(nil)
