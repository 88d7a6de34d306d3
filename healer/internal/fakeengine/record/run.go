package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"time"

	"github.com/moby/moby/client"
)

// run records every fixture into opts.out and removes what it created, whatever happens.
func run(ctx context.Context, opts options) (err error) {
	ctx, cancel := context.WithTimeout(ctx, opts.timeout)
	defer cancel()

	cli, err := client.New(client.WithHost(opts.host))
	if err != nil {
		return fmt.Errorf("creating client: %w", err)
	}
	defer cli.Close()
	if _, err := cli.Ping(ctx, client.PingOptions{NegotiateAPIVersion: true}); err != nil {
		return fmt.Errorf("pinging %s: %w", opts.host, err)
	}
	api, err := newRawAPI(opts.host, cli.ClientVersion())
	if err != nil {
		return err
	}
	log.Printf("recording from %s with API %s into %s", opts.host, api.version, opts.out)

	if err := sweep(ctx, cli); err != nil {
		return fmt.Errorf("sweeping leftovers: %w", err)
	}
	defer func() {
		// The recording's context may be spent; cleaning up must still happen.
		cleanCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Minute)
		defer cancel()
		err = errors.Join(err, sweep(cleanCtx, cli))
	}()

	r := &recorder{cli: cli, api: api, out: opts.out, ids: map[string]string{}}
	return r.record(ctx)
}

// recorder holds what the steps share.
type recorder struct {
	cli       *client.Client
	api       *rawAPI
	out       string
	all       *collector // every event
	filtered  *collector // events through the healer's filter
	networkID string
	ids       map[string]string      // fixture name -> container ID
	errs      map[string]errorAnswer // refusals by situation
	meta      meta
}

type step struct {
	name string
	fn   func(context.Context) error
}

func (r *recorder) record(ctx context.Context) error {
	steps := []step{
		{"recording ping", r.recordPing},
		{"building image", func(ctx context.Context) error { return buildImage(ctx, r.cli) }},
		{"creating network", r.createNetwork},
		{"opening event streams", r.openStreams},
		{"recording healthy", r.recordHealthy},
		{"recording unhealthy", r.recordUnhealthy},
		{"recording no-healthcheck", r.recordNoHealthcheck},
		{"recording dependent", r.recordDependent},
		{"recording paused", r.recordPaused},
		{"recording exited", r.recordExited},
		{"recording dependent-failed-start", r.recordFailedStart},
		{"recording list", r.recordList},
		{"recording restarts", r.recordRestarts},
		{"recording dependent-failed-restart", r.recordFailedRestart},
		{"recording errors", r.recordErrors},
		{"recording remove", r.recordRemove},
		{"checking filter and since", r.checkStreams},
		{"writing events and meta", r.writeStreams},
	}
	for _, s := range steps {
		log.Print(s.name)
		if err := s.fn(ctx); err != nil {
			return fmt.Errorf("%s: %w", s.name, err)
		}
	}
	return nil
}
