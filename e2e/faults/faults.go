//go:build e2e

// Package faults is the catalogue of what the suite does to the VPN: each fault is a
// named value with an inject step, a revert and a time bound. The spec registers the
// revert before injecting, so a failed or half-done fault is reverted too.
package faults

import (
	"context"
	"fmt"
	"time"

	"github.com/healstack/healstack/e2e/observe"
	"github.com/healstack/healstack/e2e/probe"
	"github.com/healstack/healstack/e2e/stack"
)

// Env is what a fault acts through.
type Env struct {
	Stack    *stack.Stack
	Probe    *probe.Client
	Timeline *observe.Timeline
}

// Fault is one entry of the catalogue.
type Fault struct {
	Name string
	// Bound is the longest inject may take; a revert gets RevertBound.
	Bound       time.Duration
	RevertBound time.Duration
	inject      func(ctx context.Context, e Env, pid int) error
	revert      func(ctx context.Context, e Env, pid int) error
}

// Inject applies the fault to the VPN's current container within its bound.
func Inject(ctx context.Context, e Env, f Fault) error {
	return run(ctx, e, f, "inject", f.Bound, f.inject)
}

// Revert undoes the fault within its revert bound.
func Revert(ctx context.Context, e Env, f Fault) error {
	return run(ctx, e, f, "revert", f.RevertBound, f.revert)
}

func run(ctx context.Context, e Env, f Fault, step string, bound time.Duration,
	do func(context.Context, Env, int) error) error {
	ctx, cancel := context.WithTimeout(ctx, bound)
	defer cancel()
	e.Timeline.Note("fault", f.Name, "%s: begin", step)
	// A revert may find the VPN mid-restart, without a pid: it then only recovers.
	pid, err := e.Stack.PID(ctx, stack.VPN)
	if err != nil && step == "revert" {
		pid, err = 0, nil
	}
	if err == nil {
		err = do(ctx, e, pid)
	}
	if err != nil {
		e.Timeline.Note("fault", f.Name, "%s: failed: %v", step, err)
		return fmt.Errorf("%sing fault %s: %w", step, f.Name, err)
	}
	e.Timeline.Note("fault", f.Name, "%s: done", step)
	return nil
}
