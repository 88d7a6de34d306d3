package docker

import (
	"context"

	"github.com/moby/moby/client"

	"github.com/healstack/healstack/healer/container"
)

// Restart stops and starts the container. timeout is the grace period in seconds
// before the engine kills it; nil leaves it to the container's or engine's default.
// The call carries no deadline of its own: a stop may take as long as that grace
// period, so the caller bounds it.
func (c *Client) Restart(ctx context.Context, id string, timeout *int) error {
	opts := client.ContainerRestartOptions{Timeout: timeout}
	if _, err := c.current().ContainerRestart(ctx, id, opts); err != nil {
		return wrap("restarting "+container.Short(id), err)
	}
	return nil
}

// Start starts a container that is not running; starting a running one is no error.
func (c *Client) Start(ctx context.Context, id string) error {
	if _, err := c.current().ContainerStart(ctx, id, client.ContainerStartOptions{}); err != nil {
		return wrap("starting "+container.Short(id), err)
	}
	return nil
}
