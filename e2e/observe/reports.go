package observe

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/healstack/healstack/e2e/probe"
)

// Connection is one connection the canary (or the LAN sink) accepted.
type Connection struct {
	Time   time.Time `json:"time"`
	Source string    `json:"source"`
	Local  string    `json:"local"`
	Port   int       `json:"port"`
}

// Peer is the gateway's account of one WireGuard peer.
type Peer struct {
	PublicKey string `json:"public_key"`
	RxBytes   int64  `json:"rx_bytes"`
}

// Counter is the qBittorrent stand-in's account of one target.
type Counter struct {
	Attempts  int    `json:"attempts"`
	Successes int    `json:"successes"`
	Target    string `json:"target"`
	LastError string `json:"last_error"`
}

// Reports reads the fixtures' reports from inside their own namespaces, through the
// probe, so the suite needs no published port on an internal network.
type Reports struct {
	Probe *probe.Client
}

// Connections returns what a canary (its init's pid) recorded since a time.
func (r Reports) Connections(ctx context.Context, pid int, since time.Time) ([]Connection, error) {
	target := fmt.Sprintf("http://127.0.0.1:9090/connections?since=%s",
		url.QueryEscape(since.UTC().Format(time.RFC3339Nano)))
	var out []Connection
	return out, r.getJSON(ctx, pid, target, &out)
}

// Peers returns the gateway's peer report.
func (r Reports) Peers(ctx context.Context, pid int) ([]Peer, error) {
	var out []Peer
	return out, r.getJSON(ctx, pid, "http://127.0.0.1:9090/peers", &out)
}

// Counters returns the stand-in's counters, read inside the VPN's namespace.
func (r Reports) Counters(ctx context.Context, pid int) (map[string]Counter, error) {
	var out map[string]Counter
	return out, r.getJSON(ctx, pid, "http://127.0.0.1:8080/api/counters", &out)
}

func (r Reports) getJSON(ctx context.Context, pid int, target string, out any) error {
	status, body, err := r.Probe.Fetch(ctx, pid, http.MethodGet, target)
	if err != nil {
		return err
	}
	if status != http.StatusOK {
		return fmt.Errorf("reading %s: status %d: %s", target, status, body)
	}
	if err := json.Unmarshal([]byte(body), out); err != nil {
		return fmt.Errorf("decoding %s: %w", target, err)
	}
	return nil
}
