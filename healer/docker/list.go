package docker

import (
	"context"
	"strings"

	moby "github.com/moby/moby/api/types/container"
	"github.com/moby/moby/client"

	"github.com/healstack/healstack/healer/container"
)

// List returns every container, running or not, as far as a list tells.
func (c *Client) List(ctx context.Context) ([]container.Container, error) {
	ctx, cancel := c.bounded(ctx)
	defer cancel()
	res, err := c.current().ContainerList(ctx, client.ContainerListOptions{All: true})
	if err != nil {
		return nil, wrap("listing containers", err)
	}
	out := make([]container.Container, 0, len(res.Items))
	for _, s := range res.Items {
		out = append(out, fromSummary(s))
	}
	return out, nil
}

func fromSummary(s moby.Summary) container.Container {
	return container.Container{
		ID:          s.ID,
		Name:        ownName(s.Names),
		Labels:      s.Labels,
		NetworkMode: s.HostConfig.NetworkMode,
		State:       string(s.State),
		Health:      summaryHealth(s),
	}
}

// ownName picks the container's name among those a list gives: legacy links add
// "/other/alias" entries, the own name has a single leading slash.
func ownName(names []string) string {
	for _, n := range names {
		name := strings.TrimPrefix(n, "/")
		if !strings.Contains(name, "/") {
			return name
		}
	}
	return ""
}

// summaryHealth reads the health from the list entry: API 1.52 has a Health field,
// older engines only tell it inside the human-readable status.
func summaryHealth(s moby.Summary) string {
	if s.Health != nil {
		return healthOf(s.Health.Status)
	}
	return healthFromStatus(s.Status)
}

// healthFromStatus parses the end of a status such as "Up 5 minutes (healthy)". A
// paused container shows "(Paused)" instead, so its health is unknown from a list.
func healthFromStatus(status string) string {
	switch {
	case strings.HasSuffix(status, "(healthy)"):
		return container.Healthy
	case strings.HasSuffix(status, "(unhealthy)"):
		return container.Unhealthy
	case strings.HasSuffix(status, "(health: starting)"):
		return container.Starting
	default:
		return container.None
	}
}

// healthOf maps the engine's health status, where "none" means no healthcheck.
func healthOf(s moby.HealthStatus) string {
	if s == moby.NoHealthcheck {
		return container.None
	}
	return string(s)
}
