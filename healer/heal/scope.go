package heal

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/healstack/healstack/healer/container"
)

// stopTimeoutLabel sets one container's stop timeout, whatever the selecting label is.
const stopTimeoutLabel = "autoheal.stop.timeout"

// allLabel is the selecting label's opt-out key when every container is watched.
const allLabel = "autoheal"

// maxChain bounds how many network parents are followed, so a cycle can't loop.
const maxChain = 8

// verdict is what a container's own labels say about it.
type verdict int

const (
	neutral verdict = iota
	selected
	optedOut
)

// ownVerdict reads the selecting label; an invalid value is reported as a problem and
// takes the container out of scope.
func (p Policy) ownVerdict(c container.Container) (verdict, error) {
	key := p.Label
	if key == "all" {
		key = allLabel
	}
	// The stop timeout is read first: a container selected with an unusable one would
	// otherwise be restarted with a timeout it never asked for.
	if raw, ok := c.Labels[stopTimeoutLabel]; ok {
		if _, err := stopTimeout(raw); err != nil {
			return optedOut, labelError(c, stopTimeoutLabel, raw, "a whole number of seconds >= 0")
		}
	}
	if raw, ok := c.Labels[key]; ok {
		switch strings.ToLower(raw) {
		case "true":
			return selected, nil
		case "false":
			return optedOut, nil
		}
		return optedOut, labelError(c, key, raw, "true or false")
	}
	if p.Label == "all" && c.Health != container.None {
		return selected, nil
	}
	return neutral, nil
}

func labelError(c container.Container, key, raw, accepts string) error {
	return fmt.Errorf("container %s: label %s=%q is not usable (accepted is %s); "+
		"container left out of scope", c.Name, key, raw, accepts)
}

func stopTimeout(raw string) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(raw))
	if err != nil || n < 0 {
		return 0, fmt.Errorf("parsing stop timeout %q: want seconds >= 0", raw)
	}
	return n, nil
}

// inProject tells whether the container is in the project the healer acts in.
func (p Policy) inProject(c container.Container) bool {
	return p.Project == "" || c.Project() == p.Project
}

// scoper answers whether a container is in scope, looking parents up as it needs them.
type scoper struct {
	policy Policy
	lookup func(ctx context.Context, ref string) (container.Container, error)
	warn   func(err error)
}

// inScope: selected by its label, or a dependent of an in-scope parent that did not opt
// out; always inside the project, and never the healer itself.
func (s scoper) inScope(ctx context.Context, c container.Container) bool {
	return s.inScopeDepth(ctx, c, 0)
}

func (s scoper) inScopeDepth(ctx context.Context, c container.Container, depth int) bool {
	if !s.policy.inProject(c) || s.policy.isSelf(c.ID) {
		return false
	}
	v, err := s.policy.ownVerdict(c)
	if err != nil {
		s.warn(err)
	}
	if v != neutral {
		return v == selected
	}
	ref := c.NetworkParent()
	if !s.policy.Dependents || ref == "" || depth >= maxChain {
		return false
	}
	parent, err := s.lookup(ctx, ref)
	if err != nil || !sameProject(parent, c) {
		return false
	}
	return s.inScopeDepth(ctx, parent, depth+1)
}

// sameProject: a dependent counts only inside its parent's compose project, if any.
func sameProject(parent, dependent container.Container) bool {
	return parent.Project() == "" || parent.Project() == dependent.Project()
}

func (p Policy) isSelf(id string) bool {
	return p.SelfID != "" && (id == p.SelfID || strings.HasPrefix(id, p.SelfID))
}
