package heal

import (
	"context"
	"fmt"
	"sort"

	"github.com/healstack/healstack/healer/container"
)

// Watched is one container in scope and why it is.
type Watched struct {
	Container container.Container
	Why       string
}

// Watched lists the containers in scope now, by name, saying why each is.
func (h *Healer) Watched(ctx context.Context) ([]Watched, error) {
	all, err := h.list(ctx)
	if err != nil {
		return nil, fmt.Errorf("finding the containers in scope: %w", err)
	}
	s := h.scoper()
	names := make(map[string]string, len(all))
	for _, c := range all {
		names[c.ID] = c.Name
	}
	var out []Watched
	for _, c := range all {
		if !h.mayAct(c) {
			continue
		}
		full, err := h.inspect(ctx, c.ID)
		if err != nil || !s.inScope(ctx, full) {
			continue
		}
		out = append(out, Watched{Container: full, Why: h.why(full, names)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Container.Name < out[j].Container.Name })
	return out, nil
}

// why says what brings a container into scope; names turns a parent's ID, as the
// engine stores it, into the name people know it by.
func (h *Healer) why(c container.Container, names map[string]string) string {
	if v, _ := h.policy.ownVerdict(c); v == selected {
		if h.policy.Label == "all" {
			return "has a healthcheck"
		}
		return "label " + h.policy.Label + "=true"
	}
	parent := c.NetworkParent()
	if name, ok := names[parent]; ok {
		parent = name
	}
	return "shares the network namespace of " + parent
}
