package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/moby/moby/api/types/container"
	"github.com/moby/moby/api/types/mount"
	"github.com/moby/moby/client"
)

// bench holds the engine client, the proxy and the two containers it measures.
type bench struct {
	o       options
	log     *slog.Logger
	api     *client.Client
	proxy   *countingProxy
	target  string
	healer  string
	created []string
}

func newBench(ctx context.Context, o options, log *slog.Logger) (*bench, error) {
	api, err := client.New(client.WithHost("unix://" + o.socket))
	if err != nil {
		return nil, fmt.Errorf("connecting to the engine: %w", err)
	}
	b := &bench{o: o, log: log, api: api}
	b.sweep(ctx)
	if b.proxy, err = startProxy(o.socket); err != nil {
		return nil, err
	}
	if err := b.startContainers(ctx); err != nil {
		b.cleanup()
		return nil, err
	}
	return b, nil
}

func (b *bench) startContainers(ctx context.Context) error {
	var err error
	b.target, err = b.create(ctx, "healstack-bench-target", targetConfig(b.o.base),
		&container.HostConfig{NetworkMode: "none", Tmpfs: map[string]string{"/run": ""}})
	if err != nil {
		return err
	}
	if err := b.waitHealthy(ctx, b.target, time.Minute); err != nil {
		return err
	}
	b.healer, err = b.create(ctx, "healstack-bench-healer", healerConfig(b.o.image),
		&container.HostConfig{NetworkMode: "none", Mounts: []mount.Mount{{
			Type: mount.TypeBind, Source: b.proxy.dir, Target: "/run/proxy", ReadOnly: true}}})
	return err
}

// targetConfig is a container that stops at once on TERM and is unhealthy while the
// marker /run/bad exists (/run is a tmpfs, so a restart clears it).
func targetConfig(base string) *container.Config {
	return &container.Config{
		Image:  base,
		Cmd:    []string{"sh", "-c", "trap 'exit 0' TERM; while :; do sleep 0.1; done"},
		Labels: map[string]string{benchLabel: "true", benchLabel + ".target": "true"},
		Healthcheck: &container.HealthConfig{Test: []string{"CMD", "test", "!", "-e", "/run/bad"},
			Interval: time.Second, Timeout: time.Second, Retries: 1},
	}
}

// healerConfig watches only the target and never holds a restart back, so that every
// trial measures the first, immediate restart.
func healerConfig(image string) *container.Config {
	return &container.Config{
		Image:  image,
		Labels: map[string]string{benchLabel: "true"},
		Env: []string{"AUTOHEAL_CONTAINER_LABEL=" + benchLabel + ".target",
			"DOCKER_SOCK=/run/proxy/docker.sock", "HEALER_BACKOFF_INITIAL=0s",
			"HEALER_BACKOFF_RESET=1s", "HEALER_RESTART_BUDGET=1000000"},
	}
}

func (b *bench) create(ctx context.Context, name string, cfg *container.Config,
	host *container.HostConfig) (string, error) {
	res, err := b.api.ContainerCreate(ctx, client.ContainerCreateOptions{Name: name,
		Config: cfg, HostConfig: host})
	if err != nil {
		return "", fmt.Errorf("creating %s: %w", name, err)
	}
	b.created = append(b.created, res.ID)
	if _, err := b.api.ContainerStart(ctx, res.ID, client.ContainerStartOptions{}); err != nil {
		return "", fmt.Errorf("starting %s: %w", name, err)
	}
	return res.ID, nil
}

func (b *bench) waitHealthy(ctx context.Context, id string, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		res, err := b.api.ContainerInspect(ctx, id, client.ContainerInspectOptions{})
		if err != nil {
			return fmt.Errorf("inspecting %s: %w", id[:12], err)
		}
		if h := res.Container.State.Health; h != nil && h.Status == container.Healthy {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
	return errors.New("target not healthy in time")
}

// sweep removes what an earlier, interrupted run left behind.
func (b *bench) sweep(ctx context.Context) {
	res, err := b.api.ContainerList(ctx, client.ContainerListOptions{All: true,
		Filters: make(client.Filters).Add("label", benchLabel+"=true")})
	if err != nil {
		return
	}
	for _, c := range res.Items {
		_, _ = b.api.ContainerRemove(ctx, c.ID, client.ContainerRemoveOptions{Force: true})
	}
}

func (b *bench) cleanup() {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	for _, id := range b.created {
		_, _ = b.api.ContainerRemove(ctx, id, client.ContainerRemoveOptions{Force: true})
	}
	if b.proxy != nil {
		b.proxy.close()
	}
	_ = b.api.Close()
}
