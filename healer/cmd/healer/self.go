package main

import (
	"context"
	"os"
	"path/filepath"
	"regexp"

	"github.com/healstack/healstack/healer/container"
)

var (
	// The engine names a container's cgroup after its ID (cgroup v1, or v2 without a
	// private cgroup namespace): /docker/<id> or docker-<id>.scope.
	containerIDInCgroup = regexp.MustCompile(`docker[/-]([0-9a-f]{64})`)
	// The engine bind-mounts files from its per-container folder, such as
	// /var/lib/docker/containers/<id>/hostname. With network_mode container:X those are
	// X's, so an ID found this way must be confirmed.
	containerIDInMount = regexp.MustCompile(`/containers/([0-9a-f]{64})/`)
)

// inspector is what selfID needs from the engine.
type inspector interface {
	Inspect(ctx context.Context, id string) (container.Container, error)
}

// selfID is the ID of the container the healer runs in, or "" when that can't be told
// for sure: wrongly taking another container for itself would stop it being healed.
func selfID(ctx context.Context, engine inspector) string {
	if id := firstMatch("/proc/self/cgroup", containerIDInCgroup); id != "" {
		return id
	}
	return confirmed(ctx, engine, firstMatch("/proc/self/mountinfo", containerIDInMount))
}

// confirmed keeps an ID only if that container runs the healer's own command: otherwise
// the files belong to a container whose namespaces the healer shares.
func confirmed(ctx context.Context, engine inspector, id string) string {
	if id == "" {
		return ""
	}
	c, err := engine.Inspect(ctx, id)
	if err != nil || filepath.Base(c.Path) != filepath.Base(os.Args[0]) {
		return ""
	}
	return id
}

func firstMatch(path string, re *regexp.Regexp) string {
	data, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	if m := re.FindSubmatch(data); m != nil {
		return string(m[1])
	}
	return ""
}
