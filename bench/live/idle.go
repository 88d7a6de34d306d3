package main

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/moby/moby/client"

	"github.com/healstack/healstack/internal/benchfile"
)

// sampleEvery is how often the idle healer's memory is read.
const sampleEvery = 30 * time.Second

// idleFor leaves the healer alone with a healthy target and reads its resident memory
// from /proc on the host, and the API requests it made, counted at the proxy.
func (b *bench) idleFor(ctx context.Context, d time.Duration) ([]benchfile.Result, error) {
	if err := b.waitHealthy(ctx, b.target, time.Minute); err != nil {
		return nil, err
	}
	pid, err := b.pid(ctx, b.healer)
	if err != nil {
		return nil, err
	}
	begin := time.Now()
	var rss []float64
	for time.Since(begin) < d {
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(min(sampleEvery, d-time.Since(begin))):
		}
		mib, err := residentMiB(pid)
		if err != nil {
			return nil, err
		}
		rss = append(rss, mib)
		b.log.Info("idle", "elapsed", time.Since(begin).Round(time.Second), "rss_mib", mib)
	}
	return []benchfile.Result{
		// VmRSS is in KiB, so the figure is in MiB (1 MiB is 1.05 MB).
		benchfile.NewResult("idle-rss", "MiB", "< 20 MB after ten minutes",
			"VmRSS of the healer's process read from /proc on the host every 30 s while "+
				"idle; the last sample is the figure", rss),
		benchfile.NewResult("idle-api-requests", "per minute", "",
			"requests the idle healer began through a counting proxy in front of the "+
				"engine's socket, per whole minute of the idle period (the event stream is "+
				"one request opened before it)", b.perMinute(begin, d)),
	}, nil
}

func (b *bench) perMinute(begin time.Time, d time.Duration) []float64 {
	var counts []float64
	for m := time.Duration(0); m+time.Minute <= d; m += time.Minute {
		counts = append(counts, float64(b.proxy.between(begin.Add(m), begin.Add(m+time.Minute))))
	}
	return counts
}

func (b *bench) pid(ctx context.Context, id string) (int, error) {
	res, err := b.api.ContainerInspect(ctx, id, client.ContainerInspectOptions{})
	if err != nil {
		return 0, fmt.Errorf("inspecting the healer: %w", err)
	}
	return res.Container.State.Pid, nil
}

func residentMiB(pid int) (float64, error) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, fmt.Errorf("reading the healer's memory: %w", err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(rest), " kB"))
			if err != nil {
				return 0, fmt.Errorf("reading VmRSS %q: %w", rest, err)
			}
			return float64(kb) / 1024, nil
		}
	}
	return 0, fmt.Errorf("no VmRSS in /proc/%d/status", pid)
}

func (b *bench) imageSize(ctx context.Context) (benchfile.Result, error) {
	res, err := b.api.ImageInspect(ctx, b.o.image)
	if err != nil {
		return benchfile.Result{}, fmt.Errorf("inspecting %s: %w", b.o.image, err)
	}
	mb := float64(res.Size) / 1e6
	return benchfile.NewResult("image-size", "MB", "< 15 MB",
		"size of "+b.o.image+" as the engine reports it (docker image inspect .Size)",
		[]float64{mb}), nil
}
