package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// meta is what meta.json says about the recording and about the engine's behaviour
// that the fake copies.
type meta struct {
	RecordedAt string `json:"recordedAt"`
	APIVersion string `json:"apiVersion"`
	Engine     struct {
		Version       string
		APIVersion    string `json:"ApiVersion"`
		MinAPIVersion string `json:"MinAPIVersion"`
		Os            string
		KernelVersion string
	} `json:"engine"`
	EventFilter string `json:"eventFilter"`
	// HealthStatusFilterMatches: the event filter value "health_status" let
	// "health_status: <status>" events through.
	HealthStatusFilterMatches bool `json:"healthStatusFilterMatches"`
	// ExecEventsPassFilter: some exec_* event came through the filter.
	ExecEventsPassFilter bool `json:"execEventsPassFilter"`
	// SinceInclusive: an events request with since set to an event's own time replays
	// that event.
	SinceInclusive bool `json:"sinceInclusive"`
}

func (r *recorder) checkStreams(ctx context.Context) error {
	for _, l := range r.ours(r.filtered) {
		if strings.HasPrefix(l.action, "health_status") {
			r.meta.HealthStatusFilterMatches = true
		}
		if strings.HasPrefix(l.action, "exec_") {
			r.meta.ExecEventsPassFilter = true
		}
	}
	inclusive, err := r.sinceInclusive(ctx)
	if err != nil {
		return err
	}
	r.meta.SinceInclusive = inclusive
	return nil
}

// sinceInclusive asks for the events since the time of the latest one recorded and
// tells whether that event itself comes back.
func (r *recorder) sinceInclusive(ctx context.Context) (bool, error) {
	lines := r.ours(r.all)
	if len(lines) == 0 {
		return false, fmt.Errorf("checking since: no events recorded")
	}
	last := lines[len(lines)-1]
	filters, err := json.Marshal(map[string][]string{"container": {last.id}})
	if err != nil {
		return false, err
	}
	query := url.Values{
		"since":   {unixNano(last.timeNano)},
		"until":   {strconv.FormatInt(time.Now().Add(time.Second).Unix(), 10)},
		"filters": {string(filters)},
	}
	body, err := r.api.get(ctx, "/events", query)
	if err != nil {
		return false, err
	}
	sc := bufio.NewScanner(bytes.NewReader(body))
	for sc.Scan() {
		if bytes.Equal(sc.Bytes(), last.raw) {
			return true, nil
		}
	}
	return false, sc.Err()
}

// unixNano formats a time as the engine's since parameter: seconds.nanoseconds.
func unixNano(n int64) string {
	return fmt.Sprintf("%d.%09d", n/int64(time.Second), n%int64(time.Second))
}

// ours keeps the lines about the recorder's own containers and network.
func (r *recorder) ours(c *collector) []eventLine {
	mine := map[string]bool{r.networkID: true}
	for _, id := range r.ids {
		mine[id] = true
	}
	var out []eventLine
	for _, l := range c.between("", time.Unix(0, 0), time.Now()) {
		if mine[l.id] {
			out = append(out, l)
		}
	}
	return out
}

func (r *recorder) writeStreams(_ context.Context) error {
	if err := r.writeEvents("events-all.jsonl", r.ours(r.all)); err != nil {
		return err
	}
	if err := r.writeEvents("events-filtered.jsonl", r.ours(r.filtered)); err != nil {
		return err
	}
	r.meta.RecordedAt = time.Now().UTC().Format(time.RFC3339)
	r.meta.APIVersion = r.api.version
	return r.writeJSON("meta.json", r.meta)
}
