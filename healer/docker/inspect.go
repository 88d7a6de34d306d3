package docker

import (
	"context"
	"fmt"
	"strings"
	"time"

	moby "github.com/moby/moby/api/types/container"
	"github.com/moby/moby/client"

	"github.com/healstack/healstack/healer/container"
)

// Inspect returns everything the healer reads about one container.
func (c *Client) Inspect(ctx context.Context, id string) (container.Container, error) {
	op := "inspecting " + container.Short(id)
	ctx, cancel := c.bounded(ctx)
	defer cancel()
	res, err := c.current().ContainerInspect(ctx, id, client.ContainerInspectOptions{})
	if err != nil {
		return container.Container{}, wrap(op, err)
	}
	out, err := fromInspect(res.Container)
	if err != nil {
		return container.Container{}, fmt.Errorf("%s: %w", op, err)
	}
	return out, nil
}

func fromInspect(r moby.InspectResponse) (container.Container, error) {
	out := container.Container{
		ID:        r.ID,
		Name:      strings.TrimPrefix(r.Name, "/"),
		Path:      r.Path,
		Inspected: true,
	}
	if r.Config != nil {
		out.Labels = r.Config.Labels
		out.StopTimeout = r.Config.StopTimeout
		out.HasHealthcheck = declaresHealthcheck(r.Config.Healthcheck)
	}
	if r.HostConfig != nil {
		out.NetworkMode = string(r.HostConfig.NetworkMode)
	}
	if r.State != nil {
		if err := fillState(&out, r.State); err != nil {
			return container.Container{}, err
		}
	}
	return out, nil
}

func fillState(out *container.Container, s *moby.State) error {
	out.State = string(s.Status)
	out.Error = s.Error
	var err error
	if out.StartedAt, err = parseTime(s.StartedAt); err != nil {
		return fmt.Errorf("parsing start time: %w", err)
	}
	if out.FinishedAt, err = parseTime(s.FinishedAt); err != nil {
		return fmt.Errorf("parsing finish time: %w", err)
	}
	if s.Health == nil {
		return nil
	}
	// The engine keeps Health once a healthcheck ran, even if the config lost it.
	out.HasHealthcheck = true
	out.Health = healthOf(s.Health.Status)
	out.FailingStreak = s.Health.FailingStreak
	if n := len(s.Health.Log); n > 0 && s.Health.Log[n-1] != nil {
		last := s.Health.Log[n-1]
		out.LastProbe = &container.Probe{
			Start: last.Start, End: last.End, ExitCode: last.ExitCode, Output: last.Output,
		}
	}
	return nil
}

// declaresHealthcheck: an empty test inherits the image's, which the engine already
// merged into the config; ["NONE"] switches it off.
func declaresHealthcheck(h *moby.HealthConfig) bool {
	return h != nil && len(h.Test) > 0 && h.Test[0] != "NONE"
}

// parseTime reads the engine's times; it writes "0001-01-01T00:00:00Z" for never,
// which parses to the zero time.
func parseTime(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, err
	}
	if t.IsZero() {
		return time.Time{}, nil
	}
	return t, nil
}
