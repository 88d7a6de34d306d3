package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/signal"
	"syscall"
)

// marker is the file whose presence makes the healthcheck fail. The image is FROM
// scratch, so it lives in the root: there is no /tmp.
const marker = "/unhealthy"

// readyLine is what serve prints once it handles TERM.
const readyLine = "serving until TERM"

// roles are the sub-commands the binary runs inside the recording containers.
var roles = map[string]func() int{
	"serve": serve,
	"probe": probe,
	"mark":  mark,
	"heal":  heal,
}

// serve is the workload: it idles until the engine stops it, and exits 0 on TERM so
// that a stop never waits out the kill timeout.
func serve() int {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	defer stop()
	fmt.Println(readyLine)
	<-ctx.Done()
	return 0
}

// probe is the healthcheck: unhealthy while the marker exists.
func probe() int {
	_, err := os.Stat(marker)
	if errors.Is(err, fs.ErrNotExist) {
		fmt.Println("ok")
		return 0
	}
	fmt.Println("unhealthy: marker present")
	return 1
}

func mark() int {
	if err := os.WriteFile(marker, nil, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "writing marker:", err)
		return 1
	}
	return 0
}

func heal() int {
	if err := os.Remove(marker); err != nil && !errors.Is(err, fs.ErrNotExist) {
		fmt.Fprintln(os.Stderr, "removing marker:", err)
		return 1
	}
	return 0
}
