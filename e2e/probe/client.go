// Package probe is the suite's client of the namespace probe (fixtures/nsprobe): it
// samples a container's network namespace and applies faults from outside it.
package probe

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// ErrUnreachable is a fetch whose target did not answer (the probe said 502).
var ErrUnreachable = errors.New("target unreachable")

// Client talks to one probe.
type Client struct {
	base string
	http *http.Client
}

// New returns a client of the probe at base (http://127.0.0.1:PORT).
func New(base string) *Client {
	return &Client{base: base, http: &http.Client{Timeout: 10 * time.Second}}
}

// Sample is one look at a namespace; it mirrors the probe's JSON.
type Sample struct {
	PID        int       `json:"pid"`
	Time       time.Time `json:"time"`
	NetNS      string    `json:"netns"`
	Mark       bool      `json:"mark"`
	Links      []Link    `json:"links"`
	RulesV4    string    `json:"rules_v4"`
	RulesV6    string    `json:"rules_v6"`
	ExpectedV4 string    `json:"expected_v4"`
	ExpectedV6 string    `json:"expected_v6"`
	TookMS     float64   `json:"took_ms"`
}

// Link is one interface of a namespace.
type Link struct {
	Name  string   `json:"name"`
	Up    bool     `json:"up"`
	Addrs []string `json:"addrs"`
}

// Ready answers when the probe serves.
func (c *Client) Ready(ctx context.Context) error {
	return c.call(ctx, http.MethodGet, "/healthz", nil, nil, nil)
}

// Sample reads pid's namespace; withRules adds both filter tables.
func (c *Client) Sample(ctx context.Context, pid int, withRules bool) (Sample, error) {
	q := url.Values{"pid": {strconv.Itoa(pid)}}
	if !withRules {
		q.Set("rules", "0")
	}
	var s Sample
	err := c.call(ctx, http.MethodGet, "/ns", q, nil, &s)
	return s, err
}

// SampleContainer reads the namespace of a container's first process, found by the
// probe from the container's ID: no engine call, so it stays fast while the engine is
// busy stopping the container.
func (c *Client) SampleContainer(ctx context.Context, id string, withRules bool) (Sample,
	error) {
	q := url.Values{"container": {id}}
	if !withRules {
		q.Set("rules", "0")
	}
	var s Sample
	err := c.call(ctx, http.MethodGet, "/ns", q, nil, &s)
	return s, err
}

// Signal sends sig (KILL, STOP, CONT, TERM) to the processes named process in pid's
// PID namespace.
func (c *Client) Signal(ctx context.Context, pid int, process, sig string) error {
	q := url.Values{"pid": {strconv.Itoa(pid)}, "process": {process}, "signal": {sig}}
	return c.call(ctx, http.MethodPost, "/signal", q, nil, nil)
}

// Link sets an interface of pid's namespace up or down.
func (c *Client) Link(ctx context.Context, pid int, name string, up bool) error {
	state := "down"
	if up {
		state = "up"
	}
	q := url.Values{"pid": {strconv.Itoa(pid)}, "name": {name}, "state": {state}}
	return c.call(ctx, http.MethodPost, "/link", q, nil, nil)
}

// KillSwitch replaces the VPN's rules with accept-all (off) or restores them (on).
func (c *Client) KillSwitch(ctx context.Context, pid int, on bool) error {
	state := "off"
	if on {
		state = "on"
	}
	q := url.Values{"pid": {strconv.Itoa(pid)}, "state": {state}}
	return c.call(ctx, http.MethodPost, "/killswitch", q, nil, nil)
}

// Plant leaves a file (kind "file", with body) or a dead unix socket (kind "socket")
// at path inside pid's container.
func (c *Client) Plant(ctx context.Context, pid int, path, kind, body string) error {
	q := url.Values{"pid": {strconv.Itoa(pid)}, "path": {path}, "kind": {kind}}
	return c.call(ctx, http.MethodPost, "/plant", q, strings.NewReader(body), nil)
}

// Fetch makes a GET (or method) request from inside pid's network namespace.
func (c *Client) Fetch(ctx context.Context, pid int, method, target string) (int, string, error) {
	q := url.Values{"pid": {strconv.Itoa(pid)}, "url": {target}, "method": {method}}
	var out struct {
		Status int    `json:"status"`
		Body   string `json:"body"`
	}
	err := c.call(ctx, http.MethodGet, "/fetch", q, nil, &out)
	return out.Status, out.Body, err
}

func (c *Client) call(ctx context.Context, method, path string, q url.Values, body io.Reader,
	out any) error {
	req, err := http.NewRequestWithContext(ctx, method, c.base+path+"?"+q.Encode(), body)
	if err != nil {
		return fmt.Errorf("building probe request %s: %w", path, err)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return fmt.Errorf("calling probe %s: %w", path, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return fmt.Errorf("reading probe answer to %s: %w", path, err)
	}
	if resp.StatusCode != http.StatusOK {
		return answerError(path, resp.StatusCode, raw)
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(raw, out); err != nil {
		return fmt.Errorf("decoding probe answer to %s: %w", path, err)
	}
	return nil
}

func answerError(path string, status int, raw []byte) error {
	err := fmt.Errorf("calling probe %s: status %d: %s", path, status,
		strings.TrimSpace(string(raw)))
	if status == http.StatusBadGateway {
		return fmt.Errorf("%w: %w", err, ErrUnreachable)
	}
	return err
}
