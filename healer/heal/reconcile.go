package heal

import (
	"context"

	"github.com/healstack/healstack/healer/container"
)

// Reconcile lists every container and acts as if it had just seen their events: an
// unhealthy one is considered for a restart, and every parent's dependents are checked,
// so nothing missed while the stream was down, or before the healer started, stays
// broken.
func (h *Healer) Reconcile(ctx context.Context) error {
	begin := h.clock.Now()
	all, err := h.list(ctx)
	if err != nil {
		return err // the adapter's error names the list; the caller logs a failed reconcile
	}
	for _, c := range all {
		if !h.mayAct(c) {
			continue
		}
		if c.State == container.Running && c.Health == container.Unhealthy {
			h.spawn(ctx, func(ctx context.Context) { h.consider(ctx, c.ID) })
		}
	}
	var parents []container.Container
	for _, p := range parentsIn(all) {
		if h.mayAct(p) {
			parents = append(parents, p)
		}
	}
	h.rememberParents(parents)
	if h.policy.Dependents {
		for _, p := range parents {
			if p.State == container.Running {
				h.spawn(ctx, func(ctx context.Context) { h.cascade(ctx, p.ID, all) })
			}
		}
	}
	h.prune(all)
	h.reconciled(begin, h.clock.Since(begin), h.inScopeOf(all))
	return nil
}

// mayAct filters on what a list tells, to spare inspects of containers that can't be in
// scope: opted out, in another project, or neither selected nor a dependent.
func (h *Healer) mayAct(c container.Container) bool {
	if !h.policy.inProject(c) || h.policy.isSelf(c.ID) {
		return false
	}
	v, err := h.policy.ownVerdict(c)
	if err != nil {
		h.warnOnce(err)
	}
	switch v {
	case selected:
		return true
	case optedOut:
		return false
	}
	return h.policy.Dependents && c.NetworkParent() != ""
}

// prune forgets containers that no longer exist (removed while the stream was down).
func (h *Healer) prune(all []container.Container) {
	alive := make(map[string]bool, len(all))
	for _, c := range all {
		alive[c.ID] = true
	}
	h.mu.Lock()
	var gone []string
	for id := range h.tracks {
		if !alive[id] && !h.busy[id] {
			gone = append(gone, id)
		}
	}
	h.mu.Unlock()
	for _, id := range gone {
		h.forget(id)
	}
}

// rememberParents keeps the IDs of the in-scope containers others depend on, so that a
// start or healthy event of any other container costs no engine call.
func (h *Healer) rememberParents(parents []container.Container) {
	ids := make(map[string]bool, len(parents))
	for _, p := range parents {
		ids[p.ID] = true
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	h.parents, h.listed = ids, true
}

// mayBeParent tells whether a container may have dependents: it had at the last
// reconcile, or no reconcile has listed the containers yet.
func (h *Healer) mayBeParent(id string) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	return !h.listed || h.parents[id]
}

// inScopeOf counts the containers in scope as far as a list tells: those selected by
// their labels, and, transitively, those joining an in-scope container's namespace
// within its project that did not opt out.
func (h *Healer) inScopeOf(all []container.Container) int {
	children := map[string][]container.Container{} // by the parent reference they name
	var queue []container.Container
	in := map[string]bool{}
	for _, c := range all {
		if ref := c.NetworkParent(); ref != "" {
			children[ref] = append(children[ref], c)
		}
		if v, _ := h.policy.ownVerdict(c); v == selected && h.countable(c) {
			in[c.ID] = true
			queue = append(queue, c)
		}
	}
	for len(queue) > 0 && h.policy.Dependents {
		p := queue[0]
		queue = queue[1:]
		for _, ref := range []string{p.ID, p.Name, container.Short(p.ID)} {
			for _, d := range children[ref] {
				if v, _ := h.policy.ownVerdict(d); !in[d.ID] && v != optedOut &&
					sameProject(p, d) && h.countable(d) {
					in[d.ID] = true
					queue = append(queue, d)
				}
			}
		}
	}
	return len(in)
}

func (h *Healer) countable(c container.Container) bool {
	return h.policy.inProject(c) && !h.policy.isSelf(c.ID)
}
