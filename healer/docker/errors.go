package docker

import (
	"fmt"

	cerrdefs "github.com/containerd/errdefs"

	"github.com/healstack/healstack/healer/container"
)

// wrap names the operation and, where the engine's answer is one the healer branches
// on, adds the matching sentinel; the daemon's own error stays in the chain and text.
func wrap(op string, err error) error {
	switch {
	case cerrdefs.IsNotFound(err):
		return fmt.Errorf("%s: %w: %w", op, container.ErrNotFound, err)
	case cerrdefs.IsConflict(err):
		return fmt.Errorf("%s: %w: %w", op, container.ErrConflict, err)
	default:
		return fmt.Errorf("%s: %w", op, err)
	}
}
