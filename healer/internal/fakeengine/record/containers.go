package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/moby/moby/api/types/container"
	"github.com/moby/moby/client"
)

const (
	namePrefix  = "healstack-record-"
	networkName = "healstack-record"

	// The engine here ignores start_interval, so a short interval is what makes the
	// health states arrive within seconds.
	probeInterval = time.Second
	probeRetries  = 2
)

// spec is one container to create.
type spec struct {
	fixture     string
	healthcheck bool
	networkMode string // "" = the recorder's internal network
}

func (r *recorder) create(ctx context.Context, s spec) (string, error) {
	cfg := &container.Config{
		Image:  imageName,
		Cmd:    []string{"serve"},
		Labels: map[string]string{labelKey: "true"},
	}
	if s.healthcheck {
		cfg.Healthcheck = &container.HealthConfig{
			Test:     []string{"CMD", "/fixture", "probe"},
			Interval: probeInterval,
			Timeout:  time.Second,
			Retries:  probeRetries,
		}
	}
	mode := s.networkMode
	if mode == "" {
		mode = networkName
	}
	res, err := r.cli.ContainerCreate(ctx, client.ContainerCreateOptions{
		Name:       namePrefix + s.fixture,
		Config:     cfg,
		HostConfig: &container.HostConfig{NetworkMode: container.NetworkMode(mode)},
	})
	if err != nil {
		return "", fmt.Errorf("creating %s: %w", s.fixture, err)
	}
	r.ids[s.fixture] = res.ID
	return res.ID, nil
}

func (r *recorder) start(ctx context.Context, id string) error {
	if _, err := r.cli.ContainerStart(ctx, id, client.ContainerStartOptions{}); err != nil {
		return fmt.Errorf("starting %s: %w", short(id), err)
	}
	return nil
}

// createStarted creates and starts a container and, with a healthcheck, waits until
// it is healthy.
func (r *recorder) createStarted(ctx context.Context, s spec) (string, error) {
	id, err := r.create(ctx, s)
	if err != nil {
		return "", err
	}
	if err := r.start(ctx, id); err != nil {
		return "", err
	}
	if err := r.waitReady(ctx, id); err != nil {
		return "", err
	}
	if s.healthcheck {
		return id, r.waitHealth(ctx, id, "healthy")
	}
	return id, nil
}

// waitReady waits for the workload's readiness line: a TERM that arrives before the
// workload handles it makes the Go runtime exit with 2 instead of 0.
func (r *recorder) waitReady(ctx context.Context, id string) error {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	logs, err := r.cli.ContainerLogs(ctx, id, client.ContainerLogsOptions{
		ShowStdout: true, Follow: true,
	})
	if err != nil {
		return fmt.Errorf("reading logs of %s: %w", short(id), err)
	}
	defer logs.Close()
	var seen []byte
	buf := make([]byte, 4096)
	for !bytes.Contains(seen, []byte(readyLine)) {
		n, err := logs.Read(buf)
		seen = append(seen, buf[:n]...)
		if err != nil {
			return fmt.Errorf("waiting for %s to be ready: %w", short(id), err)
		}
	}
	return nil
}

func (r *recorder) waitHealth(ctx context.Context, id, status string) error {
	ctx, cancel := context.WithTimeout(ctx, 20*probeInterval)
	defer cancel()
	for {
		res, err := r.cli.ContainerInspect(ctx, id, client.ContainerInspectOptions{})
		if err != nil {
			return fmt.Errorf("waiting for %s to be %s: %w", short(id), status, err)
		}
		if h := res.Container.State.Health; h != nil && string(h.Status) == status {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("waiting for %s to be %s: %w", short(id), status, ctx.Err())
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// exec runs a sub-command of the fixture binary inside the container and waits for it.
func (r *recorder) exec(ctx context.Context, id, role string) error {
	created, err := r.cli.ExecCreate(ctx, id, client.ExecCreateOptions{
		Cmd: []string{"/fixture", role},
	})
	if err != nil {
		return fmt.Errorf("creating exec %s in %s: %w", role, short(id), err)
	}
	_, err = r.cli.ExecStart(ctx, created.ID, client.ExecStartOptions{Detach: true})
	if err != nil {
		return fmt.Errorf("starting exec %s in %s: %w", role, short(id), err)
	}
	for {
		res, err := r.cli.ExecInspect(ctx, created.ID, client.ExecInspectOptions{})
		if err != nil {
			return fmt.Errorf("inspecting exec %s in %s: %w", role, short(id), err)
		}
		if !res.Running {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// post sends an action through the raw API so that a failure's body is kept as sent.
func (r *recorder) post(ctx context.Context, id, action string) (answer, error) {
	return r.api.do(ctx, http.MethodPost, "/containers/"+id+"/"+action, url.Values{})
}

// act runs fn and returns the events the container emitted from just before fn until
// its terminal action ("" = none expected), after a short settle: a few events (die)
// come from the runtime's exit handler and may trail the action's answer.
func (r *recorder) act(
	ctx context.Context, id, terminal string, fn func(context.Context) error,
) ([]eventLine, error) {
	from := time.Now()
	if err := fn(ctx); err != nil {
		return nil, err
	}
	if terminal != "" {
		if err := r.all.waitAction(ctx, id, terminal, from); err != nil {
			return nil, err
		}
	}
	select {
	case <-ctx.Done():
		return nil, ctx.Err()
	case <-time.After(300 * time.Millisecond):
	}
	return r.all.between(id, from, time.Now()), nil
}
