package heal

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jonboulle/clockwork"

	"github.com/healstack/healstack/healer/container"
)

// cascade brings back the dependents of parent once it is ready (healthy, or running
// without a healthcheck): those started before it are restarted, those whose start
// failed because it was down are started, and those a person stopped are left alone.
// While the parent is not ready, a wait is armed instead. all is a list taken just
// before, or nil to take one.
func (h *Healer) cascade(ctx context.Context, parentID string, all []container.Container) {
	if !h.policy.Dependents || !h.beginCascade(parentID) {
		return
	}
	defer h.endCascade(parentID)
	parent, deps, err := h.family(ctx, parentID, all)
	if err != nil {
		h.lost(parentID, fmt.Errorf("looking up dependents: %w", err))
		return
	}
	if len(deps) == 0 || !h.scoper().inScope(ctx, parent) {
		return
	}
	if !ready(parent) {
		if needsParent(parent, deps) {
			h.armWait(parent)
		}
		return
	}
	h.disarmWait(parent.ID)
	for _, d := range deps {
		h.bringBack(ctx, parent, d.ID)
	}
}

// family inspects the parent and its direct dependents, in start order.
func (h *Healer) family(ctx context.Context, parentID string,
	all []container.Container) (container.Container, []container.Container, error) {
	parent, err := h.inspect(ctx, parentID)
	if err != nil {
		return parent, nil, err
	}
	if all == nil {
		if all, err = h.list(ctx); err != nil {
			return parent, nil, err
		}
	}
	var deps []container.Container
	for _, d := range dependentsOf(parent, all) {
		if full, err := h.inspect(ctx, d.ID); err == nil {
			deps = append(deps, full)
		}
	}
	return parent, deps, nil
}

// bringBack acts on one dependent after a fresh inspect of it.
func (h *Healer) bringBack(ctx context.Context, parent container.Container, id string) {
	// A healer run in its parent's namespace stays there: restarting itself would end
	// the cascade it is in, and it needs only the engine's socket, not the network.
	if h.policy.isSelf(id) || !h.acquire(id) {
		return
	}
	defer h.release(id)
	d, err := h.inspect(ctx, id)
	if err != nil {
		h.lost(id, fmt.Errorf("inspecting dependent of %s: %w", parent.Name, err))
		return
	}
	if v, err := h.policy.ownVerdict(d); v == optedOut {
		if err != nil {
			h.warnOnce(err)
		}
		return
	}
	switch {
	case stranded(parent, d):
		h.restartDependent(ctx, parent, d)
	case failedForParent(parent, d):
		h.startDependent(ctx, parent, d)
	}
}

// stranded: running (or paused) inside a namespace that the parent's new start replaced.
func stranded(parent, d container.Container) bool {
	up := d.State == container.Running || d.State == container.Paused
	return up && d.StartedAt.Before(parent.StartedAt)
}

// failedForParent: its last start failed because the parent was not running, so the
// engine could not join the namespace. A container a person stopped has no such error.
func failedForParent(parent, d container.Container) bool {
	if d.State != container.Exited && d.State != container.Created {
		return false
	}
	msg := strings.ToLower(d.Error)
	return strings.Contains(msg, "non running container") ||
		strings.Contains(msg, "non-running container") ||
		(strings.Contains(msg, "joining network namespace") && d.FinishedAt.Before(parent.StartedAt))
}

func (h *Healer) restartDependent(ctx context.Context, parent, d container.Container) {
	a := h.actionFor(d, KindDependentRestart, ReasonParentStarted)
	a.Parent = parent.Name
	h.restart(ctx, d, a)
}

func (h *Healer) startDependent(ctx context.Context, parent, d container.Container) {
	a := h.actionFor(d, KindDependentStart, ReasonParentBack)
	a.Parent = parent.Name
	h.log.Info("starting container", "container", d.Name, "id", d.ShortID(),
		"reason", a.Reason, "parent", parent.Name, "dry_run", a.DryRun)
	begin := h.clock.Now()
	a.Began = begin
	if !a.DryRun {
		sctx, cancel := context.WithTimeout(ctx, h.policy.APITimeout)
		a.Err = h.docker.Start(sctx, d.ID)
		cancel()
	}
	a.Took = h.clock.Since(begin)
	h.finished(d, "started container", a)
}

// needsParent: some dependent waits for the parent to be ready again.
func needsParent(parent container.Container, deps []container.Container) bool {
	for _, d := range deps {
		if stranded(parent, d) || failedForParent(parent, d) {
			return true
		}
	}
	return false
}

// armWait starts the parent-wait clock once per start of the parent: if the parent is
// not ready within HEALER_PARENT_WAIT, warn; its healthy event still brings the
// dependents back later, and nothing is started into it before.
func (h *Healer) armWait(parent container.Container) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if w, ok := h.waits[parent.ID]; ok {
		if w.startedAt.Equal(parent.StartedAt) {
			return
		}
		w.timer.Stop()
	}
	wait := h.policy.ParentWait - h.clock.Since(parent.StartedAt)
	h.waits[parent.ID] = parentWait{
		startedAt: parent.StartedAt,
		timer:     h.clock.AfterFunc(max(wait, 0), func() { h.waitExpired(parent) }),
	}
}

func (h *Healer) disarmWait(id string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if w, ok := h.waits[id]; ok {
		w.timer.Stop()
		delete(h.waits, id)
	}
}

// parentWait is the clock started when a parent with stranded dependents came back.
type parentWait struct {
	startedAt time.Time
	timer     clockwork.Timer
}

func (h *Healer) waitExpired(parent container.Container) {
	h.log.Warn("network parent not healthy in time; its dependents wait for it",
		"container", parent.Name, "id", parent.ShortID(), "waited", h.policy.ParentWait.String())
	a := h.actionFor(parent, KindParentTimeout, "not healthy within "+
		h.policy.ParentWait.String())
	a.Took = h.policy.ParentWait
	h.observer.Observe(a)
}

func (h *Healer) beginCascade(id string) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.cascading[id] {
		return false
	}
	h.cascading[id] = true
	return true
}

func (h *Healer) endCascade(id string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.cascading, id)
}

func (h *Healer) list(ctx context.Context) ([]container.Container, error) {
	ctx, cancel := context.WithTimeout(ctx, h.policy.APITimeout)
	defer cancel()
	return h.docker.List(ctx)
}
