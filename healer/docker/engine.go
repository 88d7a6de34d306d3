package docker

import (
	"context"
	"fmt"

	"github.com/moby/moby/client"
)

// EngineName is the name the engine gives its host, for messages that say where an
// action happened: inside a container the healer's own host name is a container ID.
func (c *Client) EngineName(ctx context.Context) (string, error) {
	ctx, cancel := c.bounded(ctx)
	defer cancel()
	res, err := c.current().Info(ctx, client.InfoOptions{})
	if err != nil {
		return "", fmt.Errorf("reading engine info: %w", err)
	}
	return res.Info.Name, nil
}
