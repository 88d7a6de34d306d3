package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"

	"github.com/moby/moby/client"

	"github.com/healstack/healstack/healer/container"
)

// pingAnswer is what ping.json holds: the headers of both ways the client pings.
type pingAnswer struct {
	Head answer `json:"head"`
	Get  answer `json:"get"`
	Body string `json:"getBody"`
}

func (r *recorder) recordPing(ctx context.Context) error {
	head, err := r.api.do(ctx, http.MethodHead, "/_ping", nil)
	if err != nil {
		return err
	}
	get, err := r.api.do(ctx, http.MethodGet, "/_ping", nil)
	if err != nil {
		return err
	}
	// The date is the only header that differs between recordings of one engine.
	head.Header.Del("Date")
	get.Header.Del("Date")
	if err := r.writeJSON("ping.json", pingAnswer{head, get, string(get.Body)}); err != nil {
		return err
	}
	version, err := r.api.get(ctx, "/version", nil)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(version, &r.meta.Engine); err != nil {
		return fmt.Errorf("decoding version: %w", err)
	}
	return r.writeRaw("version.json", version)
}

func (r *recorder) createNetwork(ctx context.Context) error {
	// internal: nothing the recording starts may reach beyond this machine.
	res, err := r.cli.NetworkCreate(ctx, networkName, client.NetworkCreateOptions{
		Driver:   "bridge",
		Internal: true,
		Labels:   map[string]string{labelKey: "true"},
	})
	if err != nil {
		return err
	}
	r.networkID = res.ID
	return nil
}

// healerFilter is the filter the healer's adapter sends: container events of the
// actions it acts on.
func healerFilter() client.Filters {
	return make(client.Filters).Add("type", "container").Add("event", container.Actions...)
}

func (r *recorder) openStreams(ctx context.Context) error {
	var err error
	if r.all, err = collect(ctx, r.api, url.Values{}); err != nil {
		return err
	}
	filter, err := json.Marshal(healerFilter())
	if err != nil {
		return err
	}
	r.meta.EventFilter = string(filter)
	r.filtered, err = collect(ctx, r.api, url.Values{"filters": {string(filter)}})
	return err
}
