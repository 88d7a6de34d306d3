//go:build e2e

package faults

import (
	"context"
	"fmt"
	"time"

	"github.com/moby/moby/client"
)

// execIn runs a command in a service's container through the engine, as `docker exec`
// would, and fails unless it exits 0.
func execIn(ctx context.Context, e Env, service string, cmd ...string) error {
	name := e.Stack.Name(service)
	created, err := e.Stack.Docker.ExecCreate(ctx, name, client.ExecCreateOptions{Cmd: cmd})
	if err != nil {
		return fmt.Errorf("creating exec %v in %s: %w", cmd, service, err)
	}
	if _, err := e.Stack.Docker.ExecStart(ctx, created.ID,
		client.ExecStartOptions{Detach: true}); err != nil {
		return fmt.Errorf("starting exec %v in %s: %w", cmd, service, err)
	}
	var res client.ExecInspectResult
	err = poll(ctx, 5*time.Second, func() error {
		var err error
		if res, err = e.Stack.Docker.ExecInspect(ctx, created.ID,
			client.ExecInspectOptions{}); err != nil {
			return err
		}
		if res.Running {
			return fmt.Errorf("it still runs")
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("waiting for exec %v in %s: %w", cmd, service, err)
	}
	if res.ExitCode != 0 {
		return fmt.Errorf("running %v in %s: exit status %d", cmd, service, res.ExitCode)
	}
	return nil
}
