// Command record captures, from a real Docker engine, the JSON that the fake engine in
// healer/internal/fakeengine serves: inspect and list answers, the /_ping headers, error
// bodies and the raw /events lines around starts, restarts, stops, pauses and health
// changes.
//
// To re-record, for example on a Docker 29 host, start an engine and run from the module
// root:
//
//	scripts/engine.sh
//	go run ./healer/internal/fakeengine/record -out healer/internal/fakeengine/testdata
//
// (-host picks another engine; DOCKER_HOST is not read.) Then run
// `go test ./healer/...`: the fake takes its event orders, attributes and error texts
// from these files, so a test that fails afterwards shows where the newer engine behaves
// differently. Review the diff of testdata before committing it.
//
// Everything the run creates carries the label io.healstack.record=true and is removed
// at the end, also on failure; leftovers of a killed run are swept at the next start.
//
// No image can be pulled on the machines this runs on, so the containers' image is
// FROM scratch holding this very program, built static: its sub-commands serve, probe,
// mark and heal are the workload and the healthcheck.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"
)

func main() {
	if len(os.Args) > 1 {
		if role, ok := roles[os.Args[1]]; ok {
			os.Exit(role())
		}
	}

	var opts options
	flag.StringVar(&opts.host, "host", "unix:///var/run/docker.sock", "engine to record from")
	flag.StringVar(&opts.out, "out", "healer/internal/fakeengine/testdata", "folder to write")
	flag.DurationVar(&opts.timeout, "timeout", 4*time.Minute, "bound for the whole recording")
	flag.Parse()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, opts)
	stop() // os.Exit would skip a deferred call
	if err != nil {
		fmt.Fprintln(os.Stderr, "record:", err)
		os.Exit(1)
	}
}

type options struct {
	host    string
	out     string
	timeout time.Duration
}
