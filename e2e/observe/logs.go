package observe

import (
	"bytes"
	"context"
	"fmt"
	"time"

	"github.com/moby/moby/api/pkg/stdcopy"
	"github.com/moby/moby/client"
)

// Logs returns a container's whole log, stdout and stderr interleaved, with times.
func Logs(ctx context.Context, docker *client.Client, name string) (string, error) {
	return LogsSince(ctx, docker, name, time.Time{})
}

// LogsSince returns a container's log from a time on (all of it for the zero time).
func LogsSince(ctx context.Context, docker *client.Client, name string,
	since time.Time) (string, error) {
	opts := client.ContainerLogsOptions{ShowStdout: true, ShowStderr: true, Timestamps: true}
	if !since.IsZero() {
		opts.Since = fmt.Sprintf("%d.%09d", since.Unix(), since.Nanosecond())
	}
	rc, err := docker.ContainerLogs(ctx, name, opts)
	if err != nil {
		return "", fmt.Errorf("reading logs of %s: %w", name, err)
	}
	defer rc.Close()
	var out bytes.Buffer
	// Containers without a TTY multiplex both streams; one writer keeps their order.
	if _, err := stdcopy.StdCopy(&out, &out, rc); err != nil {
		return out.String(), fmt.Errorf("demultiplexing logs of %s: %w", name, err)
	}
	return out.String(), nil
}
