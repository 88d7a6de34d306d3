//go:build e2e

// Package report keeps a failed spec's evidence in the results folder: its timeline,
// every container's log and inspect output, named by spec and time.
package report

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/moby/moby/client"

	"github.com/healstack/healstack/e2e/observe"
)

// Failure is what to keep of one failed spec.
type Failure struct {
	Spec     string
	Started  time.Time
	Timeline *observe.Timeline
	Docker   *client.Client
	// Containers are the names whose logs and inspect output are kept.
	Containers []string
}

// Write stores the evidence under dir/failed/<spec>-<time> and returns that folder.
// A container that is gone is noted, not an error.
func Write(ctx context.Context, dir string, f Failure) (string, error) {
	folder := filepath.Join(dir, "failed", slug(f.Spec)+"-"+f.Started.UTC().Format("20060102T150405"))
	if err := os.MkdirAll(folder, 0o755); err != nil {
		return "", fmt.Errorf("creating %s: %w", folder, err)
	}
	errs := []error{writeTimeline(folder, f)}
	for _, name := range f.Containers {
		errs = append(errs, writeContainer(ctx, folder, f.Docker, name))
	}
	return folder, errors.Join(errs...)
}

func writeTimeline(folder string, f Failure) error {
	file, err := os.Create(filepath.Join(folder, "timeline.txt"))
	if err != nil {
		return fmt.Errorf("creating timeline: %w", err)
	}
	defer file.Close()
	return f.Timeline.WriteTo(file, f.Started)
}

func writeContainer(ctx context.Context, folder string, docker *client.Client, name string) error {
	logs, err := observe.Logs(ctx, docker, name)
	if err != nil {
		logs += "\n(" + err.Error() + ")\n"
	}
	inspect := []byte("(gone)\n")
	if res, err := docker.ContainerInspect(ctx, name, client.ContainerInspectOptions{}); err == nil {
		inspect = res.Raw
	}
	if err := os.WriteFile(filepath.Join(folder, name+".log"), []byte(logs), 0o644); err != nil {
		return fmt.Errorf("writing log of %s: %w", name, err)
	}
	if err := os.WriteFile(filepath.Join(folder, name+".inspect.json"), inspect, 0o644); err != nil {
		return fmt.Errorf("writing inspect of %s: %w", name, err)
	}
	return nil
}

var unsafe = regexp.MustCompile(`[^a-z0-9]+`)

// slug turns a spec's full text into a short file name.
func slug(spec string) string {
	s := strings.Trim(unsafe.ReplaceAllString(strings.ToLower(spec), "-"), "-")
	if len(s) > 80 {
		s = s[:80]
	}
	return s
}
